//! PEP 508 requirement strings (`requests[security]>=2.0; python_version < "3"`,
//! `name @ https://...`), parsed with the byte range of each part in the file.

use super::marker::Marker;
use super::version::Specifier;
use crate::text::TextRange;

/// A requirement string, with file offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// The distribution name as written.
    pub name: String,
    pub name_range: TextRange,
    pub extras: Vec<String>,
    pub specifiers: Vec<Specifier>,
    /// The version specifier as written (`>=1.0,<2`), when there is one.
    pub specifier_text: Option<String>,
    /// From the name to the end of the version specifier (or of the extras, or the
    /// name): what a replacement by another distribution rewrites.
    pub spec_range: TextRange,
    /// The whole requirement, marker included.
    pub range: TextRange,
    pub marker: Option<Marker>,
    /// The marker's text (after the `;`), when there is one.
    pub marker_range: Option<TextRange>,
    /// `name @ url`, or a URL/path requirement of a requirements file.
    pub url: Option<String>,
}

/// PEP 503 normalisation: lower case, runs of `-`, `_` and `.` become `-`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut separator = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            separator = true;
            continue;
        }
        if separator && !out.is_empty() {
            out.push('-');
        }
        separator = false;
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

/// Parses the requirement `text`, which sits at `offset` in the file. `None` when it is
/// not a PEP 508 requirement (a path, a bare URL, an invalid specifier).
pub fn parse_requirement(text: &str, offset: u32) -> Option<Requirement> {
    let at = |i: usize| offset + crate::text::to_u32(i);
    let bytes = text.as_bytes();
    let mut i = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let name_start = i;
    if !bytes[i].is_ascii_alphanumeric() {
        return None;
    }
    while i < bytes.len() && is_name_byte(bytes[i]) {
        i += 1;
    }
    let mut name_end = i;
    // A name ends with a letter or digit.
    while name_end > name_start && !bytes[name_end - 1].is_ascii_alphanumeric() {
        name_end -= 1;
    }
    let name = text[name_start..name_end].to_owned();
    let mut spec_end = name_end;
    let skip_ws = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    i = skip_ws(i);
    let mut extras = Vec::new();
    if i < bytes.len() && bytes[i] == b'[' {
        let close = text[i..].find(']')? + i;
        extras = text[i + 1..close].split(',').map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()).collect();
        i = close + 1;
        spec_end = i;
        i = skip_ws(i);
    }
    let marker_at = text[i..].find(';').map(|p| p + i);
    let mut url = None;
    let mut specifiers = Vec::new();
    let mut specifier_text = None;
    let body_end = marker_at.unwrap_or(text.len());
    if i < bytes.len() && bytes[i] == b'@' {
        // `name @ url ; marker`: the marker needs whitespace before its `;`.
        let url_text = &text[i + 1..];
        let url_end = url_text.find(" ;").or_else(|| url_text.find("\t;")).map_or(text.len(), |p| p + i + 1);
        url = Some(text[i + 1..url_end].trim().to_owned());
        spec_end = i + 1 + text[i + 1..url_end].trim_end().len();
        return finish(text, offset, name, name_start, name_end, extras, specifiers, None, spec_end, url, url_end);
    }
    let spec = text[i..body_end].trim_end();
    if !spec.is_empty() {
        let inner = spec.strip_prefix('(').and_then(|s| s.strip_suffix(')')).unwrap_or(spec);
        specifiers = Specifier::parse_set(inner)?;
        specifier_text = Some(inner.trim().to_owned());
        spec_end = i + spec.len();
    }
    let _ = at;
    finish(text, offset, name, name_start, name_end, extras, specifiers, specifier_text, spec_end, url, body_end)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    text: &str,
    offset: u32,
    name: String,
    name_start: usize,
    name_end: usize,
    extras: Vec<String>,
    specifiers: Vec<Specifier>,
    specifier_text: Option<String>,
    spec_end: usize,
    url: Option<String>,
    body_end: usize,
) -> Option<Requirement> {
    let at = |i: usize| offset + crate::text::to_u32(i);
    // `name @ url ; marker`: the whitespace before the `;` belongs to neither.
    let body_end = body_end + (text[body_end..].len() - text[body_end..].trim_start().len());
    let (marker, marker_range) = match text[body_end..].strip_prefix(';') {
        Some(rest) => {
            let trimmed_start = body_end + 1 + (rest.len() - rest.trim_start().len());
            let trimmed_end = body_end + 1 + rest.trim_end().len();
            let marker_text = &text[trimmed_start..trimmed_end.max(trimmed_start)];
            (
                Some(Marker::parse(marker_text)?),
                Some(TextRange::new(at(trimmed_start), at(trimmed_end.max(trimmed_start)))),
            )
        }
        None => (None, None),
    };
    let end = marker_range.map_or(at(spec_end), TextRange::end);
    Some(Requirement {
        name,
        name_range: TextRange::new(at(name_start), at(name_end)),
        extras,
        specifiers,
        specifier_text,
        spec_range: TextRange::new(at(name_start), at(spec_end)),
        range: TextRange::new(at(name_start), end),
        marker,
        marker_range,
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, range: TextRange, offset: u32) -> &str {
        &text[(range.start() - offset) as usize..(range.end() - offset) as usize]
    }

    #[test]
    fn parses_the_parts_with_their_ranges() {
        let text = "  Django[bcrypt, argon2] >=1.4,<1.5 ; python_version < \"3\"";
        let requirement = parse_requirement(text, 10).unwrap();
        assert_eq!(requirement.name, "Django");
        assert_eq!(slice(text, requirement.name_range, 10), "Django");
        assert_eq!(requirement.extras, ["bcrypt", "argon2"]);
        assert_eq!(requirement.specifiers.len(), 2);
        assert_eq!(slice(text, requirement.spec_range, 10), "Django[bcrypt, argon2] >=1.4,<1.5");
        assert_eq!(slice(text, requirement.marker_range.unwrap(), 10), "python_version < \"3\"");
        assert!(!requirement.marker.unwrap().possible_on_python3(6));
        assert_eq!(slice(text, requirement.range, 10), text.trim());
    }

    #[test]
    fn urls_parentheses_and_bad_input() {
        let r = parse_requirement("pip @ https://github.com/pypa/pip/archive/1.3.1.zip ; python_version >= '3'", 0)
            .unwrap();
        assert_eq!(r.url.as_deref(), Some("https://github.com/pypa/pip/archive/1.3.1.zip"));
        assert!(r.marker.is_some());
        let r = parse_requirement("MySQL-python (==1.2.5)", 0).unwrap();
        assert_eq!(r.specifier_text.as_deref(), Some("==1.2.5"));
        assert!(parse_requirement("./local/path", 0).is_none());
        assert!(parse_requirement("Django>=banana", 0).is_none());
        assert!(parse_requirement("Django; python_version <", 0).is_none());
    }

    #[test]
    fn normalises_names() {
        assert_eq!(normalize("MySQL_python"), "mysql-python");
        assert_eq!(normalize("zope.interface"), "zope-interface");
        assert_eq!(normalize("Foo--Bar__baz"), "foo-bar-baz");
    }
}
