//! PY3506: `while 1:`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `while 1:`, the Python 2.2-era spelling of `while True:`.
    ///
    /// ## What it does
    /// Checks `while` loops whose condition is the literal `1` (in parentheses or not). Off by default, like
    /// 2to3's explicit `idioms` fixer.
    ///
    /// ## Why is this bad?
    /// Nothing breaks: `True` was not a constant before Python 3, and `while 1:` was a
    /// little faster. On Python 3 both are the same and `True` says what is meant.
    ///
    /// ## Example
    /// ```python
    /// while 1:
    ///     poll()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// while True:
    ///     poll()
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `True`, as 2to3 does; it is safe.
    fix: Always,
    kinds: [WhileStatement],
    check: Some(check),
    lib2to3: ["idioms"],
    catalogue: [178],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(condition) = field(node, Field::Condition) else { return };
    let condition = crate::ast::unparenthesize(condition);
    if NodeKind::of(condition) != NodeKind::Integer || cx.text(condition) != "1" {
        return;
    }
    let fix = Fix::safe("Use `while True:`", vec![Edit::replace(ast::range(condition), "True")]);
    let diagnostic = Diagnostic::new(Rule::WhileOne, ast::range(condition), "Use `while True:`").with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Any));
}
