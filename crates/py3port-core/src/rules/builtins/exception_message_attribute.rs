//! PY3227: `exception.message`, removed in Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field, field_children};

declare_rule! {
    /// `e.message` on a caught exception, an attribute Python 3 removed.
    ///
    /// ## What it does
    /// Checks reads of `.message` on the name an `except` clause binds (`except E as e`
    /// or `except E, e`), inside that handler. Modules that assign `self.message`
    /// themselves (exception classes with their own `message`) are not reported.
    ///
    /// ## Why is this bad?
    /// `BaseException.message` was deprecated in Python 2.6 and is gone in Python 3:
    /// reading it raises `AttributeError`, typically inside error handling, where the
    /// original error is then lost.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     load(path)
    /// except ValueError as error:
    ///     log.warning("bad file: %s", error.message)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     load(path)
    /// except ValueError as error:
    ///     log.warning("bad file: %s", error)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `str(e)`. It is unsafe: Python 2's `message` was the single
    /// argument (or `''`), and `str(e)` differs for exceptions raised with several
    /// arguments or that override `__str__`.
    fix: Always,
    kinds: [Attribute],
    names: ["message"],
    check: Some(check),
    lib2to3: [],
    catalogue: [61],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(object) = field(node, Field::Object).filter(|o| NodeKind::of(*o) == NodeKind::Identifier) else { return };
    let name = cx.text(object);
    if name == "self" {
        // `self.message = ...`: the module defines its own attribute.
        let stored = node
            .parent()
            .is_some_and(|p| NodeKind::of(p) == NodeKind::Assignment && field(p, Field::Left) == Some(node));
        if stored {
            cx.mark("defines-message-attribute");
        }
        return;
    }
    // The enclosing `except` clause must bind this name.
    let Some(clause) = ast::ancestor(node, &[NodeKind::ExceptClause]) else { return };
    if !binds(cx, clause, name) {
        return;
    }
    let stored =
        cx.parent(node).is_some_and(|p| NodeKind::of(p) == NodeKind::Assignment && field(p, Field::Left) == Some(node));
    if stored {
        return;
    }
    let fix = Fix::unsafe_edits("Use `str(e)`", vec![Edit::replace(ast::range(node), format!("str({name})"))]);
    let diagnostic = Diagnostic::new(
        Rule::ExceptionMessageAttribute,
        ast::range(node),
        "Exceptions have no `message` attribute on Python 3; use `str(e)` or `e.args`",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.unless_marker = Some("defines-message-attribute");
    cx.push(candidate);
}

/// Whether an `except` clause binds `name` (`as name` or Python 2's `, name`).
fn binds(cx: &Checker<'_>, clause: Node<'_>, name: &str) -> bool {
    let values = field_children(clause, Field::Value);
    if let [_, target] = values.as_slice() {
        return cx.text(*target) == name;
    }
    ast::named_children(clause).into_iter().any(|child| {
        NodeKind::of(child) == NodeKind::AsPattern
            && field(child, Field::Alias).is_some_and(|alias| cx.text(alias).trim() == name)
    })
}
