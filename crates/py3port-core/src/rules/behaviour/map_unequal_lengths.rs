//! PY3440: `map()` over several iterables, which pads on Python 2 and truncates on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Confidence, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{SPECIAL_CONSUMERS, call_args, in_iterating_context, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `map(f, a, b)`: Python 2 pads the shorter iterables with `None`, Python 3 stops at the shortest.
    ///
    /// ## What it does
    /// Checks calls of `map()` with a function (not `None`) and two or more iterables,
    /// in Python 2 code (Python 2 syntax or metadata, a project that is mostly Python
    /// 2, or removed builtins in the file). Reported with medium confidence: whether
    /// the iterables can differ in length is rarely visible.
    ///
    /// ## Why is this bad?
    /// When the lengths differ, Python 3 silently drops the items Python 2 would have
    /// passed with `None` partners: data is lost without an error.
    ///
    /// ## Example
    /// ```python
    /// totals = map(add, current, previous)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import itertools
    ///
    /// totals = list(itertools.starmap(add, itertools.zip_longest(current, previous)))
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `itertools.starmap(f, itertools.zip_longest(a, b))`, Python 2's
    /// padding, adding `import itertools`, inside `list()` where the result is used as
    /// a list (as PY3405 would wrap it); it is unsafe: where the lengths are always equal
    /// the original was fine.
    fix: Always,
    kinds: [Call],
    names: ["map"],
    check: Some(check),
    lib2to3: [],
    catalogue: [34],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    if NodeKind::of(function) != NodeKind::Identifier || cx.text(function) != "map" || !is_load(cx, function) {
        return;
    }
    let Some(args) = call_args(node) else { return };
    if args.splat || !args.keywords.is_empty() || args.positional.len() < 3 {
        return;
    }
    if NodeKind::of(args.positional[0]) == NodeKind::None {
        return;
    }
    let callee = cx.text(args.positional[0]);
    let iterables: Vec<&str> = args.positional[1..].iter().map(|a| cx.text(*a)).collect();
    // Where PY3405 would want a list, the rewrite is a list too.
    let starmap = format!("itertools.starmap({callee}, itertools.zip_longest({}))", iterables.join(", "));
    let replacement =
        if in_iterating_context(cx, node, SPECIAL_CONSUMERS, true) { starmap } else { format!("list({starmap})") };
    let fix = Fix::unsafe_edits(
        "Pad with `None` as Python 2 did: `itertools.starmap(f, itertools.zip_longest(...))`",
        vec![Edit::replace(ast::range(node), replacement)],
    );
    let mut diagnostic = Diagnostic::new(
        Rule::MapUnequalLengths,
        ast::range(node),
        "`map()` over several iterables stops at the shortest on Python 3; Python 2 padded with `None`",
    )
    .with_fix(cx.fix_if_clean(node, fix));
    diagnostic.confidence = Confidence::Medium;
    let mut candidate = Candidate::new(diagnostic, DialectGate::Python2);
    candidate.imports.push(ImportRequest { module: "itertools", name: None, after: None });
    cx.push_unless_bound(candidate, "map");
}
