//! PY3214: the `coerce` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::is_load;

declare_rule! {
    /// The `coerce` builtin, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `coerce`, unless the module or an enclosing function defines
    /// the name or the use is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `coerce` does not exist on Python 3 (numeric types convert each other in their
    /// arithmetic methods instead): the name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// a, b = coerce(x, y)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// a, b = float(x), float(y)
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the right conversion depends on the types involved.
    fix: Never,
    kinds: [Identifier],
    names: ["coerce"],
    check: Some(check),
    lib2to3: [],
    catalogue: [53],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let diagnostic = Diagnostic::new(
        Rule::CoerceBuiltin,
        ast::range(node),
        "`coerce()` does not exist on Python 3; convert the operands explicitly",
    );
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Any), cx.text(node));
}
