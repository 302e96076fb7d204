//! Suppression comments: `# noqa`, `# noqa: PY3101`, `# py3port: ignore[PY3101]` on a
//! line, and `# py3port: ignore-file` anywhere in a file. Codes, code prefixes and rule
//! names are accepted; codes of other tools (`E501`) in a shared `# noqa` are ignored.

use crate::registry::Rule;
use crate::text::TextRange;

/// A line-level suppression: it applies to diagnostics that start on the comment's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Suppression {
    /// `None` suppresses every rule (a bare `# noqa`).
    pub rules: Option<Vec<String>>,
    /// The comment. Its line is found when the file's diagnostics are decided, since the
    /// line can hold text of other statements.
    pub comment: TextRange,
}

impl Suppression {
    pub(crate) fn suppresses(&self, rule: Rule) -> bool {
        match &self.rules {
            None => true,
            Some(rules) => rules.iter().any(|text| {
                let upper = text.to_ascii_uppercase();
                (upper.starts_with("PY3") && rule.code().starts_with(&upper)) || rule.name() == text
            }),
        }
    }
}

/// What a comment asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Directive {
    IgnoreFile,
    /// Codes, or `None` for all.
    Line(Option<Vec<String>>),
}

/// Reads the directive in a comment's text, if any.
pub(crate) fn parse_comment(text: &str) -> Option<Directive> {
    // Every comment comes here: most have neither the `q` of `noqa` nor the `3` of
    // `py3port:`.
    memchr::memchr3(b'q', b'Q', b'3', text.as_bytes())?;
    // A comment may hold several: `# type: ignore  # noqa: PY3101`.
    for part in text.split('#').skip(1) {
        let part = part.trim();
        if let Some(rest) = strip_prefix_ignore_case(part, "py3port:") {
            let rest = rest.trim();
            if rest == "ignore-file" {
                return Some(Directive::IgnoreFile);
            }
            if let Some(list) = rest.strip_prefix("ignore") {
                let list = list.trim();
                if list.is_empty() {
                    return Some(Directive::Line(None));
                }
                if let Some(inner) = list.strip_prefix('[').and_then(|l| l.split(']').next()) {
                    return Some(Directive::Line(Some(codes(inner))));
                }
            }
        }
        if let Some(rest) = strip_prefix_ignore_case(part, "noqa") {
            let rest = rest.trim_start();
            return match rest.strip_prefix(':') {
                Some(list) => Some(Directive::Line(Some(codes(list)))),
                // `# noqa` followed by text that is not a code list still suppresses all,
                // as flake8 and ruff do.
                None => Some(Directive::Line(None)),
            };
        }
    }
    None
}

fn codes(list: &str) -> Vec<String> {
    list.split([',', ' ', '\t'])
        .map(str::trim)
        .take_while(|code| code.is_empty() || code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(parse_comment("# noqa"), Some(Directive::Line(None)));
        assert_eq!(
            parse_comment("# NOQA:PY3101,E501"),
            Some(Directive::Line(Some(vec!["PY3101".into(), "E501".into()])))
        );
        assert_eq!(
            parse_comment("# type: ignore  # noqa: PY31 print-statement"),
            Some(Directive::Line(Some(vec!["PY31".into(), "print-statement".into()])))
        );
        assert_eq!(
            parse_comment("# py3port: ignore[PY3101, PY3102]"),
            Some(Directive::Line(Some(vec!["PY3101".into(), "PY3102".into()])))
        );
        assert_eq!(parse_comment("# py3port: ignore-file"), Some(Directive::IgnoreFile));
        assert_eq!(parse_comment("# a normal comment"), None);
    }

    #[test]
    fn matching_by_code_prefix_and_name() {
        let suppression = |rules: &[&str]| Suppression {
            rules: Some(rules.iter().map(|s| (*s).to_owned()).collect()),
            comment: TextRange::default(),
        };
        assert!(suppression(&["PY31"]).suppresses(Rule::PrintStatement));
        assert!(suppression(&["print-statement"]).suppresses(Rule::PrintStatement));
        assert!(!suppression(&["E501"]).suppresses(Rule::PrintStatement));
        assert!(!suppression(&["PY3102"]).suppresses(Rule::PrintStatement));
    }
}
