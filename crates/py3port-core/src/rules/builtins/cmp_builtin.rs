//! PY3213: the `cmp` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{
    call_args, in_expression_slot, is_load, maybe_parenthesized, needs_parentheses_in_comparison,
};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The `cmp` builtin, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `cmp`, unless the module or an enclosing function defines the
    /// name (often a parameter: `sort(cmp=...)` callbacks) or the use is in a branch
    /// that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `cmp` does not exist on Python 3: the name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// order = cmp(a.priority, b.priority)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// order = (a.priority > b.priority) - (a.priority < b.priority)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `(a > b) - (a < b)`, which is what `cmp` computed for values with
    /// a total order. It is unsafe: each argument is evaluated twice, and objects that
    /// only defined `__cmp__` no longer compare at all on Python 3.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["cmp"],
    check: Some(check),
    lib2to3: [],
    catalogue: [47],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let call =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node));
    let fix = call.and_then(|call| {
        let args = call_args(call)?;
        if args.generator || !args.exactly(2) {
            return None;
        }
        let operand = |n: Node<'_>| maybe_parenthesized(cx.text(n), needs_parentheses_in_comparison(n));
        let (a, b) = (operand(args.positional[0]), operand(args.positional[1]));
        let difference = format!("({a} > {b}) - ({a} < {b})");
        let replacement = if in_expression_slot(call) { difference } else { format!("({difference})") };
        Fix::unsafe_edits("Replace with `(a > b) - (a < b)`", vec![Edit::replace(ast::range(call), replacement)])
    });
    let range = call.map_or(ast::range(node), ast::range);
    let diagnostic = Diagnostic::new(Rule::CmpBuiltin, range, "`cmp()` does not exist on Python 3").with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Any), cx.text(node));
}
