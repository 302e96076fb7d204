//! PY3426: indexing or iterating over an exception, which Python 3 does not support.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::handler_name;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `error[0]` or `for item in error` on a caught exception: use `error.args`.
    ///
    /// ## What it does
    /// Checks, inside an `except E as error:` (or `except E, error:`) handler,
    /// subscripts of `error` and loops, unpacking and `list()`/`tuple()` over it. Files
    /// that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 2 exceptions were sequences of their arguments; Python 3 exceptions are
    /// not: `error[0]` raises `TypeError: 'OSError' object is not subscriptable`, inside
    /// the very handler meant to deal with the error.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     connect()
    /// except socket.error as error:
    ///     code = error[0]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     connect()
    /// except socket.error as error:
    ///     code = error.args[0]
    /// ```
    ///
    /// ## Fix safety
    /// A subscript becomes a subscript of `error.args`, which is what Python 2 indexed;
    /// it is safe. Loops and unpacking have no fix (`error.args` works there too, but
    /// the rewrite is left to review).
    fix: Sometimes,
    kinds: [Subscript, ForStatement, ForInClause, Assignment, Call],
    names: ["list", "tuple"],
    check: Some(check),
    lib2to3: [],
    catalogue: [62],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // Only an `except` clause's name is an exception (the cheapest test first).
    if !cx.in_except_clause() {
        return;
    }
    let (target, subscript) = match NodeKind::of(node) {
        NodeKind::Subscript => (field(node, Field::Value), true),
        NodeKind::ForStatement | NodeKind::ForInClause => (field(node, Field::Right), false),
        NodeKind::Assignment => {
            // `code, message = error`
            let unpacks = field(node, Field::Left).is_some_and(|l| {
                matches!(NodeKind::of(l), NodeKind::PatternList | NodeKind::TuplePattern | NodeKind::ListPattern)
            });
            (field(node, Field::Right).filter(|_| unpacks), false)
        }
        _ => {
            let iterates = matches!(ast::call_name(cx.source, node), Some("list" | "tuple"));
            let args = field(node, Field::Arguments).map(ast::code_children).unwrap_or_default();
            (args.first().copied().filter(|_| iterates && args.len() == 1), false)
        }
    };
    let Some(target) = target.filter(|t| NodeKind::of(*t) == NodeKind::Identifier) else { return };
    if handler_name(cx, target).is_none() {
        return;
    }
    let name = cx.text(target);
    let fix = subscript
        .then(|| Fix::safe(format!("Use `{name}.args`"), vec![Edit::insert(target.end_byte() as u32, ".args")]))
        .flatten();
    let message = if subscript {
        format!("Python 3 exceptions cannot be indexed: use `{name}.args[...]`")
    } else {
        format!("Python 3 exceptions are not sequences: use `{name}.args`")
    };
    let range = if subscript { ast::range(node) } else { ast::range(target) };
    let diagnostic = Diagnostic::new(Rule::ExceptionIndexing, range, message).with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
