//! PY3116: `\u`, `\U` and `\N` in byte-string (`str`) literals.

use tree_sitter::Node;

use crate::checker::{Checker, DialectGate};
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// `\u`, `\U` or `\N` in a Python 2 `str` literal, where they were not escapes.
    ///
    /// ## What it does
    /// Checks string literals without a `u`, `b` or `r` prefix (in a module that does not
    /// import `unicode_literals`) for `\u`, `\U` and `\N` sequences.
    ///
    /// ## Why is this bad?
    /// Python 2's `str` literals kept `\u` as a backslash and a letter. Python 3's
    /// literals are text and read `\uXXXX`, `\UXXXXXXXX` and `\N{NAME}` as escapes: a
    /// Windows path such as `'C:\Users'` becomes a syntax error, and `'\u00e9'` silently
    /// becomes `'é'` instead of six characters.
    ///
    /// ## Example
    /// ```python
    /// HOME = 'C:\Users\nobody'
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// HOME = 'C:\\Users\nobody'
    /// ```
    ///
    /// ## Fix safety
    /// The fix doubles the backslash, which keeps Python 2's value exactly; it is safe,
    /// and matches 2to3 (which leaves `\N` alone). A well-formed escape such as
    /// `'\u00e9'` may also be code already written for Python 3 that means the
    /// character, or what removing a `u` prefix left: it is reported only in Python 2
    /// code (Python 2 syntax or metadata, `source = "py2"`, or removed builtins in the
    /// file), so a second `fix` over ported code leaves it alone.
    fix: Always,
    kinds: [String],
    check: Some(check),
    lib2to3: ["unicode"],
    catalogue: [19],
}

/// Recorded where a literal's `\u` escapes mean a character only because
/// `unicode_literals` is imported, so that removing the import (PY3501) is not offered.
pub(crate) const NEEDS_UNICODE_LITERALS: &str = "needs-unicode-literals";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(parts) = cx.string_parts(node) else { return };
    if parts.is_bytes() || parts.is_raw() || parts.is_unicode() || parts.is_format() || parts.quote == "`" {
        return;
    }
    let content = cx.slice(parts.content);
    let bytes = content.as_bytes();
    let mut escapes = Vec::new();
    let mut invalid = false;
    let mut i = 0;
    while i < bytes.len() {
        let Some(next) = memchr::memchr(b'\\', &bytes[i..]) else { break };
        i += next;
        let run = bytes[i..].iter().take_while(|&&b| b == b'\\').count();
        let at = i + run - 1;
        if run % 2 == 1 {
            let well_formed = match bytes.get(at + 1) {
                Some(b'u') => Some(hex_digits(&bytes[at + 2..], 4)),
                Some(b'U') => Some(
                    hex_digits(&bytes[at + 2..], 8)
                        && u32::from_str_radix(&content[at + 2..at + 10], 16)
                            .is_ok_and(|c| char::from_u32(c).is_some()),
                ),
                Some(b'N') => Some(named_escape(&content[at + 2..])),
                _ => None,
            };
            if let Some(well_formed) = well_formed {
                invalid |= !well_formed;
                escapes.push(parts.content.start() + at as u32);
            }
        }
        i += run;
    }
    if escapes.is_empty() {
        return;
    }
    if cx.module.future.unicode_literals {
        cx.mark(NEEDS_UNICODE_LITERALS);
        return;
    }
    let edits = escapes.iter().map(|&at| Edit::insert(at, "\\")).collect();
    let fix = Fix::safe("Escape the backslash", edits);
    let first = TextRange::new(escapes[0], escapes[0] + 2);
    let (message, gate) = if invalid {
        ("Backslash escape that Python 3 rejects in a string literal (a `str` of bytes on Python 2)", DialectGate::Any)
    } else {
        (
            "`\\u`, `\\U` or `\\N` in a `str` literal: a backslash and a letter on Python 2, a Unicode escape on Python 3",
            DialectGate::Python2,
        )
    };
    let diagnostic = crate::diagnostic::Diagnostic::new(Rule::UnicodeEscapeInStr, first, message)
        .with_fix(cx.fix_if_clean(node, fix));
    cx.report_gated(diagnostic, gate);
}

fn hex_digits(bytes: &[u8], count: usize) -> bool {
    bytes.len() >= count && bytes[..count].iter().all(u8::is_ascii_hexdigit)
}

/// Whether text after `\N` is a `{NAME}` Python 3 could look up. The name database is
/// not available here, so any braced name counts as well formed.
fn named_escape(rest: &str) -> bool {
    rest.strip_prefix('{').and_then(|inner| inner.split_once('}')).is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-'))
    })
}
