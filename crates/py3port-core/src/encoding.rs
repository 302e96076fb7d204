//! Source encodings as Python sees them: the PEP 263 cookie, and encoding text back to
//! the bytes a Python 2 `str` literal held (needed to escape non-ASCII bytes literals).
//! Decoding files is the edges' job; the core only reads the declaration in the text.

/// The encoding a PEP 263 cookie declares (`# -*- coding: latin-1 -*-`) in the first two
/// lines, as written. The second line counts only if the first is a comment or blank.
pub fn declared_encoding(source: &str) -> Option<&str> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive(['\n', '\r']).take(2);
    let first = lines.next()?;
    if let Some(name) = cookie(first) {
        return Some(name);
    }
    let first = first.trim();
    if !(first.is_empty() || first.starts_with('#')) {
        return None;
    }
    cookie(lines.next()?)
}

/// The encoding named by the `coding[:=]` in a comment line, per PEP 263's regular
/// expression `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
fn cookie(line: &str) -> Option<&str> {
    let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
    let comment = trimmed.strip_prefix('#')?;
    let at = comment.find("coding")?;
    let rest = &comment[at + "coding".len()..];
    let rest = rest.strip_prefix([':', '='])?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Python's normalisation of an encoding name: lower case, `_` for `-` and spaces.
pub fn normalize(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

/// Whether `name` is UTF-8 under any of Python's spellings.
pub fn is_utf8(name: &str) -> bool {
    matches!(normalize(name).as_str(), "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "utf_8_sig")
}

/// Encodes `text` as `encoding` would. Supports the encodings the core meets in
/// Python 2 sources without a codec library: UTF-8, ASCII, Latin-1 and cp1252. Returns
/// `None` for other encodings or for characters the encoding cannot represent.
pub fn encode(text: &str, encoding: &str) -> Option<Vec<u8>> {
    let name = normalize(encoding);
    if is_utf8(&name) {
        return Some(text.as_bytes().to_vec());
    }
    match name.as_str() {
        "ascii" | "us_ascii" | "646" => text.is_ascii().then(|| text.as_bytes().to_vec()),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" => {
            text.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect()
        }
        "cp1252" | "windows_1252" => text.chars().map(cp1252_byte).collect(),
        _ => None,
    }
}

/// The cp1252 byte for a character: Latin-1 except for 0x80-0x9F.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    if let Some(index) = HIGH.iter().position(|&h| h == c) {
        return Some(0x80 + index as u8);
    }
    let code = u32::from(c);
    (code < 0x80 || (0xa0..=0xff).contains(&code)).then_some(code as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies() {
        assert_eq!(declared_encoding("# -*- coding: latin-1 -*-\nx = 1\n"), Some("latin-1"));
        assert_eq!(declared_encoding("#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n"), Some("cp1252"));
        assert_eq!(declared_encoding("import os\n# coding: latin-1\n"), None);
        assert_eq!(declared_encoding("\u{feff}# coding=utf-8\n"), Some("utf-8"));
        assert_eq!(declared_encoding("x = 1\n"), None);
    }

    #[test]
    fn encoders() {
        assert_eq!(encode("é", "latin-1"), Some(vec![0xe9]));
        assert_eq!(encode("é", "UTF-8"), Some(vec![0xc3, 0xa9]));
        assert_eq!(encode("€", "cp1252"), Some(vec![0x80]));
        assert_eq!(encode("€", "latin-1"), None);
        assert_eq!(encode("é", "koi8-r"), None);
    }
}
