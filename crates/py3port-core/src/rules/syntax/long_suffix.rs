//! PY3106: the `L` suffix on integer literals.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::syntax::old_octal_literal::old_octal_digits;
use crate::text::TextRange;

declare_rule! {
    /// Integer literals with Python 2's `L` (long) suffix.
    ///
    /// ## What it does
    /// Checks for integer literals ending in `L` or `l`, such as `10L` or `0xFFL`.
    ///
    /// ## Why is this bad?
    /// Python 3 has a single unbounded `int` type, and the suffix is a syntax error.
    ///
    /// ## Example
    /// ```python
    /// MAX = 2147483648L
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// MAX = 2147483648
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe for the literal. Code that formats longs with `repr()` and
    /// expects the trailing `L` behaves differently, with or without the fix.
    fix: Always,
    kinds: [Integer],
    check: Some(check),
    lib2to3: ["numliterals"],
    catalogue: [11],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let text = cx.text(node);
    if !text.ends_with(['l', 'L']) {
        return;
    }
    let end = node.end_byte() as u32;
    // An old octal literal gets both fixes from PY3105 in one edit; this one only drops
    // the suffix, so the two never disagree.
    let fix = Fix::safe("Remove the `L` suffix", vec![Edit::delete(TextRange::new(end - 1, end))]);
    let message = if old_octal_digits(text).is_some() {
        "`L` suffix on an integer literal is a syntax error on Python 3"
    } else {
        "`L` suffix on an integer literal is a syntax error on Python 3; Python 3 integers have no size limit"
    };
    let diagnostic = cx.diagnostic(Rule::LongSuffix, node, message).with_fix(fix);
    cx.report(diagnostic);
}
