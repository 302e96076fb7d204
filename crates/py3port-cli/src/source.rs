//! Reading and writing Python source files as Python does: PEP 263 coding cookies, a
//! UTF-8 BOM, UTF-8 by default. What is read is written back byte for byte outside the
//! edited ranges, and a file whose encoding does not round-trip is never written.

use std::path::Path;

use encoding_rs::Encoding;
use py3port_core::encoding::{declared_encoding, is_utf8, normalize};

/// How a file's bytes map to its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    /// ISO-8859-1: each byte is the code point of the same value.
    Latin1,
    Other(&'static Encoding),
}

impl SourceEncoding {
    /// The codec for a Python encoding name, if py3port can read it.
    fn from_python_name(name: &str) -> Option<Self> {
        let normalized = normalize(name);
        if is_utf8(&normalized) {
            return Some(SourceEncoding::Utf8);
        }
        if matches!(
            normalized.as_str(),
            "latin_1"
                | "latin1"
                | "latin"
                | "l1"
                | "iso_8859_1"
                | "iso8859_1"
                | "8859"
                | "cp819"
                | "iso_ir_100"
                | "ascii"
                | "us_ascii"
                | "646"
        ) {
            return Some(SourceEncoding::Latin1);
        }
        // Python's names mostly match the WHATWG labels; a few common ones differ.
        let label = match normalized.as_str() {
            "cp1250" | "cp1251" | "cp1252" | "cp1253" | "cp1254" | "cp1255" | "cp1256" | "cp1257" | "cp1258" => {
                format!("windows-{}", &normalized[2..])
            }
            "sjis" | "shiftjis" | "shift_jis" | "s_jis" | "cp932" | "ms932" => "shift_jis".to_owned(),
            "eucjp" | "euc_jp" | "ujis" => "euc-jp".to_owned(),
            "euckr" | "euc_kr" | "cp949" | "uhc" => "euc-kr".to_owned(),
            "gb2312" | "gbk" | "cp936" | "ms936" | "euc_cn" => "gbk".to_owned(),
            "big5" | "big5_tw" | "cp950" => "big5".to_owned(),
            "koi8_r" => "koi8-r".to_owned(),
            "koi8_u" => "koi8-u".to_owned(),
            other => other.replace('_', "-"),
        };
        let encoding = Encoding::for_label(label.as_bytes())?;
        // WHATWG maps ISO-8859-1 to windows-1252; Latin-1 is handled above, so any
        // other route there is a genuine windows-1252 request. UTF-16 cannot be a
        // source encoding.
        (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE && encoding != encoding_rs::REPLACEMENT)
            .then_some(SourceEncoding::Other(encoding))
    }

    fn decode(&self, bytes: &[u8]) -> Option<String> {
        match self {
            SourceEncoding::Utf8 => String::from_utf8(bytes.to_vec()).ok(),
            SourceEncoding::Latin1 => Some(bytes.iter().map(|&b| char::from(b)).collect()),
            SourceEncoding::Other(encoding) => {
                encoding.decode_without_bom_handling_and_without_replacement(bytes).map(|text| text.into_owned())
            }
        }
    }

    fn encode(&self, text: &str) -> Option<Vec<u8>> {
        match self {
            SourceEncoding::Utf8 => Some(text.as_bytes().to_vec()),
            SourceEncoding::Latin1 => text.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect(),
            SourceEncoding::Other(encoding) => {
                let (bytes, _, unmappable) = encoding.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "utf-8",
            SourceEncoding::Latin1 => "latin-1",
            SourceEncoding::Other(encoding) => encoding.name(),
        }
    }
}

/// A decoded source file.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub text: String,
    pub encoding: SourceEncoding,
    pub bom: bool,
}

/// Why a file could not be read as Python source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes: a binary file, or not Python source at all.
    Binary,
    UnknownEncoding(String),
    /// The bytes are not valid in the encoding; `offset` is where the first bad byte is.
    Invalid {
        encoding: String,
        offset: usize,
        declared: bool,
    },
    /// Decoding and encoding again would not give the same bytes, so the file could
    /// not be written back safely.
    NoRoundTrip(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => {
                f.write_str("File not analysed: it contains NUL bytes, so it is binary data, not Python source")
            }
            DecodeError::UnknownEncoding(name) => {
                write!(f, "File not analysed: its coding cookie declares `{name}`, an encoding py3port cannot read")
            }
            DecodeError::Invalid { encoding, offset, declared: true } => {
                write!(
                    f,
                    "File not analysed: byte {offset} is not valid {encoding}, the encoding its coding cookie declares"
                )
            }
            DecodeError::Invalid { offset, declared: false, .. } => write!(
                f,
                "File not analysed: byte {offset} is not valid UTF-8, and there is no coding cookie (add `# -*- coding: latin-1 -*-` or the file's real encoding)"
            ),
            DecodeError::NoRoundTrip(encoding) => {
                write!(
                    f,
                    "File not analysed: its {encoding} text does not round-trip, so it could not be rewritten safely"
                )
            }
        }
    }
}

/// Decodes a file's bytes per PEP 263.
pub fn decode(bytes: &[u8]) -> Result<SourceText, DecodeError> {
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    // The cookie is ASCII in every encoding Python accepts, so read it from a lossy
    // view of the first two lines.
    let head_len =
        body.iter().enumerate().filter(|&(_, &b)| b == b'\n').nth(1).map_or(body.len().min(4096), |(i, _)| i + 1);
    let head = String::from_utf8_lossy(&body[..head_len]);
    let declared = declared_encoding(&head).map(str::to_owned);
    let encoding = match &declared {
        Some(name) if bom && !is_utf8(name) => {
            return Err(DecodeError::UnknownEncoding(format!("{name} (with a UTF-8 BOM)")));
        }
        Some(name) => {
            SourceEncoding::from_python_name(name).ok_or_else(|| DecodeError::UnknownEncoding(name.clone()))?
        }
        None => SourceEncoding::Utf8,
    };
    let text = encoding.decode(body).ok_or_else(|| DecodeError::Invalid {
        encoding: encoding.name().to_owned(),
        offset: first_invalid(&encoding, body) + usize::from(bom) * 3,
        declared: declared.is_some(),
    })?;
    // UTF-8 and Latin-1 decode byte for byte; other codecs may not come back the same.
    if matches!(encoding, SourceEncoding::Other(_)) && encoding.encode(&text).as_deref() != Some(body) {
        return Err(DecodeError::NoRoundTrip(encoding.name().to_owned()));
    }
    Ok(SourceText { text, encoding, bom })
}

fn first_invalid(encoding: &SourceEncoding, bytes: &[u8]) -> usize {
    match encoding {
        SourceEncoding::Utf8 => std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to()),
        _ => 0,
    }
}

impl SourceText {
    /// The bytes for `text` in this file's encoding (and BOM). `None` if the text holds a
    /// character the encoding cannot represent.
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        let mut bytes = if self.bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
        bytes.extend(self.encoding.encode(text)?);
        Some(bytes)
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, given the
/// original's permissions, then renamed over it. `path` must not be a symlink.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let metadata = std::fs::symlink_metadata(path)?;
    if metadata.file_type().is_symlink() {
        return Err(std::io::Error::other("refusing to write through a symbolic link"));
    }
    let directory = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temporary = tempfile::NamedTempFile::new_in(directory)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), metadata.permissions())?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_latin1_cp1252_and_bom_round_trip() {
        for bytes in [
            b"print 'caf\xc3\xa9'\r\n".to_vec(),
            b"# -*- coding: latin-1 -*-\nprint 'caf\xe9'\n".to_vec(),
            b"# coding: cp1252\nx = '\x80\x81'\n".to_vec(),
            b"\xef\xbb\xbfprint 1\n".to_vec(),
            b"# -*- coding: shift_jis -*-\nx = '\x82\xa0'\n".to_vec(),
        ] {
            let source = decode(&bytes).unwrap();
            assert_eq!(source.encode(&source.text).unwrap(), bytes);
        }
        assert_eq!(decode(b"# coding: latin-1\nx = '\xe9'\n").unwrap().text, "# coding: latin-1\nx = 'é'\n");
    }

    #[test]
    fn undecodable_files_say_why() {
        assert_eq!(
            decode(b"x = '\xe9'\n").unwrap_err(),
            DecodeError::Invalid { encoding: "utf-8".into(), offset: 5, declared: false }
        );
        assert_eq!(decode(b"\x00\x01binary").unwrap_err(), DecodeError::Binary);
        assert_eq!(decode(b"# coding: klingon\n").unwrap_err(), DecodeError::UnknownEncoding("klingon".into()));
        assert!(decode(b"x = '\xe9'\n").unwrap_err().to_string().contains("no coding cookie"));
    }
}
