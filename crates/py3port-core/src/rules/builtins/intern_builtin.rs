//! PY3209: the `intern` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The `intern` builtin, moved to `sys` in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `intern`, unless the module or an enclosing function defines
    /// the name or the use is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `intern` is `sys.intern` on Python 3; the bare name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// key = intern(name)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import sys
    /// key = sys.intern(name)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `sys.intern(...)` and adds `import sys` when needed, as 2to3 does;
    /// it is safe. Calls with another number of arguments are not `intern`'s signature and
    /// are not reported; a bare reference (`f = intern`) is reported without a fix.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["intern"],
    check: Some(check),
    lib2to3: ["intern"],
    catalogue: [75],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let call =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node));
    let fixable = call.and_then(call_args).is_some_and(|args| !args.generator && args.exactly(1));
    if call.is_some() && !fixable {
        return; // `intern()`, `intern(a=1)`: not the builtin's signature; 2to3 leaves them.
    }
    let fix = fixable
        .then(|| Fix::safe("Replace with `sys.intern`", vec![Edit::replace(ast::range(node), "sys.intern")]))
        .flatten();
    let diagnostic = Diagnostic::new(Rule::InternBuiltin, ast::range(node), "`intern()` is `sys.intern()` on Python 3")
        .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.imports.push(ImportRequest { module: "sys", name: None, after: None });
    if fixable {
        candidate.compat = Some(crate::rules::builtins::py2_py3_rename(
            cx,
            node,
            cx.text(node),
            crate::diagnostic::Applicability::Safe,
        ));
    }
    cx.push_unless_bound(candidate, cx.text(node));
}
