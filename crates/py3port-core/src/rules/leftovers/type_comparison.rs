//! PY3505: `type(x) == T` instead of `isinstance(x, T)`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `type(x) == T` and `type(x) is T`, which 2to3's explicit `idioms` fixer turns into `isinstance(x, T)`.
    ///
    /// ## What it does
    /// Checks comparisons of a `type()` call with `==`, `!=`, `is` or `is not`. Off by
    /// default, like the `idioms` fixer.
    ///
    /// ## Why is this bad?
    /// An exact type test rejects subclasses, which is rarely intended.
    ///
    /// ## Example
    /// ```python
    /// if type(value) == dict:
    ///     merge(value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(value, dict):
    ///     merge(value)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `isinstance()` (with `not` for `!=` and `is not`), as 2to3 does. It
    /// is unsafe: subclasses now pass, and `bool` passes for `int`.
    fix: Always,
    kinds: [ComparisonOperator],
    check: Some(check),
    lib2to3: ["idioms"],
    catalogue: [179],
}

fn type_call<'t>(cx: &Checker<'_>, node: Node<'t>) -> Option<Node<'t>> {
    if NodeKind::of(node) != NodeKind::Call || ast::call_name(cx.source, node) != Some("type") {
        return None;
    }
    let args = call_args(node)?;
    args.exactly(1).then(|| args.positional[0])
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let children = ast::children(node);
    let [left, operator, right] = children.as_slice() else {
        // `is not` is two tokens.
        let [left, is, not, right] = children.as_slice() else { return };
        if is.kind() != "is" || not.kind() != "not" {
            return;
        }
        return report(cx, node, *left, *right, true);
    };
    match operator.kind() {
        "==" | "is" => report(cx, node, *left, *right, false),
        "!=" | "is not" => report(cx, node, *left, *right, true),
        _ => {}
    }
}

fn report(cx: &mut Checker<'_>, node: Node<'_>, left: Node<'_>, right: Node<'_>, negated: bool) {
    let (subject, type_expr) = match (type_call(cx, left), type_call(cx, right)) {
        (Some(subject), None) => (subject, right),
        (None, Some(subject)) => (subject, left),
        _ => return,
    };
    // Keep the spacing inside `type(...)`, as 2to3 does: `type(   x  +  y)` gives
    // `isinstance(x  +  y, T)`.
    let text = format!("{}isinstance({}, {})", if negated { "not " } else { "" }, cx.text(subject), cx.text(type_expr));
    let fix = Fix::unsafe_edits("Use `isinstance()`", vec![Edit::replace(ast::range(node), text)]);
    let diagnostic =
        Diagnostic::new(Rule::TypeComparison, ast::range(node), "Use `isinstance()` rather than comparing types")
            .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Any));
}
