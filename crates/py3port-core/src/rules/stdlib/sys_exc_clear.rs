//! PY3308: `sys.exc_clear()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `sys.exc_clear()`, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of `sys.exc_clear()`.
    ///
    /// ## Why is this bad?
    /// Python 3 clears the handled exception when the `except` block ends, and has no
    /// `exc_clear`: the call raises `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     connect()
    /// except IOError:
    ///     sys.exc_clear()
    /// retry()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     connect()
    /// except IOError:
    ///     pass
    /// retry()
    /// ```
    ///
    /// ## Fix safety
    /// A call that is a statement of its own is removed (or becomes `pass` when it is
    /// the only statement of its block); that is safe. Calls used as values are
    /// reported without a fix.
    fix: Sometimes,
    kinds: [Attribute],
    names: ["exc_clear"],
    check: Some(check),
    lib2to3: [],
    catalogue: [84],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(object) = field(node, Field::Object) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "sys" {
        return;
    }
    let call = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call);
    let statement = call
        .and_then(|c| c.parent())
        .filter(|s| NodeKind::of(*s) == NodeKind::ExpressionStatement && s.named_child_count() == 1);
    let fix = statement.and_then(|statement| Fix::safe("Remove the call", vec![remove_statement(cx, statement)]));
    let diagnostic = Diagnostic::new(
        Rule::SysExcClear,
        ast::range(node),
        "`sys.exc_clear()` does not exist on Python 3; exceptions are cleared at the end of the handler",
    )
    .with_fix(fix);
    cx.push_module_attribute(Candidate::new(diagnostic, DialectGate::Any), cx.text(object), "sys");
}
