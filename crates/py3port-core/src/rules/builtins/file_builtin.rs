//! PY3212: the `file` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::is_load;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The `file` builtin, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `file`, Python 2's file type and constructor, unless the module
    /// or an enclosing function defines the name (`file` is a common variable name) or
    /// the use is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `file` does not exist on Python 3: `file(path)` raises `NameError`, and so does
    /// `isinstance(f, file)`.
    ///
    /// ## Example
    /// ```python
    /// log = file("app.log", "a")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// log = open("app.log", "a")
    /// ```
    ///
    /// ## Fix safety
    /// Calls become `open(...)`, which is safe. Other uses (`isinstance(f, file)`, a base
    /// class) have no single replacement (`io.IOBase`, `io.TextIOWrapper`, ...) and are
    /// reported without a fix.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["file"],
    check: Some(check),
    lib2to3: [],
    catalogue: [79],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let is_call =
        cx.parent(node).is_some_and(|p| NodeKind::of(p) == NodeKind::Call && field(p, Field::Function) == Some(node));
    let fix = is_call
        .then(|| Fix::safe("Replace `file` with `open`", vec![Edit::replace(ast::range(node), "open")]))
        .flatten();
    let diagnostic =
        Diagnostic::new(Rule::FileBuiltin, ast::range(node), "`file` does not exist on Python 3").with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Any), cx.text(node));
}
