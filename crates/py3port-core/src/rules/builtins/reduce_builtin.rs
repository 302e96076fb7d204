//! PY3208: the `reduce` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// The `reduce` builtin, moved to `functools` in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of `reduce(function, iterable[, initial])` when the module does
    /// not import `reduce` (or define it), outside branches that only run on Python 2.
    ///
    /// ## Why is this bad?
    /// `reduce` is no longer a builtin on Python 3: the name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// total = reduce(lambda a, b: a * b, factors, 1)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from functools import reduce
    /// total = reduce(lambda a, b: a * b, factors, 1)
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `from functools import reduce`, as 2to3 does; it is safe
    /// (`functools.reduce` exists since Python 2.6).
    fix: Always,
    kinds: [Identifier],
    names: ["reduce"],
    check: Some(check),
    lib2to3: ["reduce"],
    catalogue: [74],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    // 2to3 only touches calls with two or three positional arguments.
    let Some(call) =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node))
    else {
        return;
    };
    if !call_args(call).is_some_and(|args| !args.generator && args.between(2, 3)) {
        return;
    }
    // The import is the whole fix; the empty edit marks where the diagnostic is.
    let fix = Fix::safe(
        "Import `reduce` from `functools`",
        vec![Edit::replace(TextRange::from_usize(node.byte_range()), "reduce")],
    );
    let diagnostic = Diagnostic::new(
        Rule::ReduceBuiltin,
        ast::range(call),
        "`reduce()` is not a builtin on Python 3; import it from `functools`",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.imports.push(ImportRequest { module: "functools", name: Some("reduce"), after: None });
    cx.push_unless_bound(candidate, cx.text(node));
}
