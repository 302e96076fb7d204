//! PY3104: the `<>` operator.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;

declare_rule! {
    /// The `<>` operator, Python 2's alternative spelling of `!=`.
    ///
    /// ## What it does
    /// Checks for comparisons written with `<>`.
    ///
    /// ## Why is this bad?
    /// Python 3 removed `<>`; it is a syntax error.
    ///
    /// ## Example
    /// ```python
    /// if status <> 200:
    ///     retry()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if status != 200:
    ///     retry()
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe: the operators are the same.
    fix: Always,
    kinds: [ComparisonOperator],
    check: Some(check),
    lib2to3: ["ne"],
    catalogue: [4],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // The operator's text is in the comparison's (the cheap test first).
    if !cx.text(node).contains("<>") {
        return;
    }
    for operator in ast::children(node) {
        if operator.kind() != "<>" {
            continue;
        }
        let range = ast::range(operator);
        let fix = Fix::safe("Replace `<>` with `!=`", vec![Edit::replace(range, "!=")]);
        cx.report(
            Diagnostic::new(Rule::DiamondNotEqual, range, "`<>` is a syntax error on Python 3; use `!=`").with_fix(fix),
        );
    }
}
