//! PY3105: octal literals without the `0o` prefix.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;

declare_rule! {
    /// Octal literals written with a leading zero (`0777`).
    ///
    /// ## What it does
    /// Checks for integer literals with a leading zero and further digits, Python 2's
    /// octal notation, with or without an `L` suffix.
    ///
    /// ## Why is this bad?
    /// Python 3 spells octal `0o777`; `0777` is a syntax error.
    ///
    /// ## Example
    /// ```python
    /// os.chmod(path, 0755)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// os.chmod(path, 0o755)
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe: the value is the same. A literal with an `L` suffix loses it in
    /// the same edit.
    fix: Sometimes,
    kinds: [Integer],
    check: Some(check),
    lib2to3: ["numliterals"],
    catalogue: [10],
}

/// The octal digits of a Python 2 octal literal (`0777`, `0777L`), if it is one.
pub(crate) fn old_octal_digits(text: &str) -> Option<&str> {
    let digits = text.strip_suffix(['l', 'L']).unwrap_or(text);
    let rest = digits.strip_prefix('0')?;
    (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) && rest.bytes().any(|b| b != b'0')).then_some(rest)
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let text = cx.text(node);
    let Some(digits) = old_octal_digits(text) else { return };
    let message = "Octal literal with a leading zero is a syntax error on Python 3; use the `0o` prefix";
    let fix = if digits.bytes().all(|b| b < b'8') {
        Fix::safe(format!("Replace with `0o{digits}`"), vec![Edit::replace(cx.range(node), format!("0o{digits}"))])
    } else {
        None // `0789` was a syntax error on Python 2 too.
    };
    let diagnostic = cx.diagnostic(Rule::OldOctalLiteral, node, message).with_fix(fix);
    cx.report(diagnostic);
}
