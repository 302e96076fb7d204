//! PY3309: `sys.exitfunc = f`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `sys.exitfunc = f`, Python 2's exit hook, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for assignments to `sys.exitfunc`.
    ///
    /// ## Why is this bad?
    /// Python 3 ignores the attribute: the function never runs at exit.
    ///
    /// ## Example
    /// ```python
    /// import sys
    /// sys.exitfunc = cleanup
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import sys
    /// import atexit
    /// atexit.register(cleanup)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `atexit.register(f)` and imports `atexit` next to the import of
    /// `sys`, as 2to3 does; it is safe (`atexit` exists since Python 2.0, and
    /// `sys.exitfunc` was run by it).
    fix: Always,
    kinds: [Attribute],
    names: ["exitfunc"],
    check: Some(check),
    lib2to3: ["exitfunc"],
    catalogue: [85],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(object) = field(node, Field::Object) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "sys" {
        return;
    }
    let Some(assignment) =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Assignment && field(*p, Field::Left) == Some(node))
    else {
        return;
    };
    let Some(value) = field(assignment, Field::Right) else { return };
    let fix = Fix::safe(
        "Use `atexit.register`",
        vec![Edit::replace(ast::range(assignment), format!("atexit.register({})", cx.text(value)))],
    );
    let diagnostic = Diagnostic::new(
        Rule::SysExitfunc,
        ast::range(assignment),
        "`sys.exitfunc` is ignored on Python 3; use `atexit.register`",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.imports.push(ImportRequest { module: "atexit", name: None, after: Some("sys") });
    cx.push_module_attribute(candidate, cx.text(object), "sys");
}
