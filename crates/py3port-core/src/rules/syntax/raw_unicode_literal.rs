//! PY3107: `ur''` raw unicode string literals.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;

declare_rule! {
    /// Raw unicode string literals (`ur'...'`), which Python 3 does not accept.
    ///
    /// ## What it does
    /// Checks for string literals with the `ur` prefix (in any case).
    ///
    /// ## Why is this bad?
    /// Python 3 accepts `u''` and `r''` but not both: `ur''` is a syntax error. The
    /// obvious rewrite, dropping the `u` as 2to3 does, silently changes the string when
    /// it contains `\u` or `\U` escapes: Python 2 processed them even in raw unicode
    /// strings, Python 3's raw strings keep them as a backslash and letters.
    ///
    /// ## Example
    /// ```python
    /// pattern = ur"\w+\u2019s"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// pattern = u"\\w+\u2019s"
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe and keeps the string's value. Without `\u` escapes it drops the
    /// `u` (`r"\w+"`), as 2to3 does. With them it drops the `r` instead and doubles every
    /// backslash that is not part of a `\u` escape, so the escapes still work on both
    /// Pythons; this is deliberately different from 2to3, whose output has a different
    /// value.
    fix: Always,
    kinds: [String],
    check: Some(check),
    lib2to3: ["unicode"],
    catalogue: [12],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(parts) = cx.string_parts(node) else { return };
    if !(parts.is_raw() && parts.is_unicode()) {
        return;
    }
    let content = cx.slice(parts.content);
    let fix = if has_unicode_escape(content) {
        // Drop the `r` rather than the `u`: a `u''` string reads `\u` escapes on both
        // Pythons, so the fixed literal means the same everywhere.
        let unicode = if parts.prefix.contains('U') { "U" } else { "u" };
        cooked(content, parts.quote).and_then(|cooked| {
            Fix::safe(
                "Replace with a `u''` string that keeps the `\\u` escapes",
                vec![Edit::replace(parts.prefix_range, unicode), Edit::replace(parts.content, cooked)],
            )
        })
    } else {
        let raw = if parts.prefix.contains('R') { "R" } else { "r" };
        Fix::safe(format!("Replace the prefix with `{raw}`"), vec![Edit::replace(parts.prefix_range, raw)])
    };
    let message = if has_unicode_escape(content) {
        "`ur''` is a syntax error on Python 3, and dropping the `u` would change what its `\\u` escapes mean"
    } else {
        "`ur''` string prefix is a syntax error on Python 3"
    };
    let diagnostic = cx.diagnostic(Rule::RawUnicodeLiteral, node, message).with_fix(cx.fix_if_clean(node, fix));
    cx.report(diagnostic);
}

/// Whether raw unicode content holds a `\u`/`\U` escape that Python 2 processed: an odd
/// run of backslashes before `u` and four hex digits (or `U` and eight).
fn has_unicode_escape(content: &str) -> bool {
    let bytes = content.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'\\').count();
            if run % 2 == 1 && escape_len(&bytes[i + run - 1..]).is_some() {
                return true;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    false
}

/// The length of a `\uXXXX` or `\UXXXXXXXX` escape at the start of `bytes`.
fn escape_len(bytes: &[u8]) -> Option<usize> {
    let digits = match bytes.get(1) {
        Some(b'u') => 4,
        Some(b'U') => 8,
        _ => return None,
    };
    let hex = bytes.get(2..2 + digits)?;
    hex.iter().all(u8::is_ascii_hexdigit).then_some(2 + digits)
}

/// The content of an ordinary (non-raw) literal with the same value as raw unicode
/// content: backslashes doubled except those that start a processed `\u` escape, and
/// quotes that the raw string kept escaped still escaped.
fn cooked(content: &str, quote: &str) -> Option<String> {
    let bytes = content.as_bytes();
    let quote_char = quote.chars().next()?;
    let triple = quote.len() == 3;
    let mut out = String::with_capacity(content.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            let ch = content[i..].chars().next()?;
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'\\').count();
        let escape = if run % 2 == 1 { escape_len(&bytes[i + run - 1..]) } else { None };
        let literal = if escape.is_some() { run - 1 } else { run };
        out.push_str(&"\\\\".repeat(literal));
        i += literal;
        if let Some(len) = escape {
            out.push_str(&content[i..i + len]);
            i += len;
        } else if let Some(next) = content[i..].chars().next() {
            // In a raw string a backslash keeps the character after it from ending the
            // string; in an ordinary one that character needs its own escape.
            if run % 2 == 1 {
                match next {
                    c if c == quote_char => out.push_str(&format!("\\{c}")),
                    '\n' if !triple => out.push_str("\\n"),
                    '\r' if !triple => out.push_str("\\r"),
                    c => out.push(c),
                }
                i += next.len_utf8();
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooking_keeps_the_value() {
        assert_eq!(cooked(r"\w+\u2019s", "\"").unwrap(), r"\\w+\u2019s");
        assert_eq!(cooked(r"a\\u1234", "'").unwrap(), r"a\\\\u1234");
        assert_eq!(cooked(r"\\\u1234", "'").unwrap(), r"\\\\\u1234");
        assert_eq!(cooked(r"it\'s \u00e9", "'").unwrap(), r"it\\\'s \u00e9");
        assert!(has_unicode_escape(r"\u00e9"));
        assert!(!has_unicode_escape(r"\\u00e9"));
        assert!(!has_unicode_escape(r"\u00"));
    }
}
