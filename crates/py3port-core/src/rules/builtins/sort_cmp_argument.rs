//! PY3226: the `cmp=` argument of `sorted`, `list.sort`, `min` and `max`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The `cmp=` argument of `sorted()` and `list.sort()`, removed in Python 3.
    ///
    /// ## What it does
    /// Checks calls of `sorted` and any `.sort()` method for a `cmp` comparison function,
    /// as a keyword or in its Python 2 position (`sorted(items, compare)`,
    /// `items.sort(compare)`).
    ///
    /// ## Why is this bad?
    /// Python 3 sorts by key only: `cmp=` raises `TypeError: 'cmp' is an invalid keyword
    /// argument`.
    ///
    /// ## Example
    /// ```python
    /// entries.sort(cmp=compare_entries)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import functools
    /// entries.sort(key=functools.cmp_to_key(compare_entries))
    /// ```
    ///
    /// ## Fix safety
    /// The fix wraps the comparison function in `functools.cmp_to_key` and adds
    /// `import functools`; the order is the same, so it is safe. When the call already
    /// has a `key=`, Python 2 compared the keys with `cmp`, which needs a hand-written
    /// key, so there is no fix.
    fix: Sometimes,
    kinds: [Call],
    names: ["sorted", "sort"],
    check: Some(check),
    lib2to3: [],
    catalogue: [48],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let is_method = NodeKind::of(function) == NodeKind::Attribute;
    let name = if is_method { field(function, Field::Attribute).map(|a| cx.text(a)) } else { Some(cx.text(function)) };
    match (name, is_method) {
        (Some("sort"), true) | (Some("sorted"), false) => {}
        _ => return,
    }
    let Some(args) = call_args(node) else { return };
    // `cmp` by keyword, or in its Python 2 position: `sorted(items, cmp)`, `x.sort(cmp)`.
    let keyword = ast::code_children(args.list).into_iter().find(|a| {
        NodeKind::of(*a) == NodeKind::KeywordArgument && field(*a, Field::Name).is_some_and(|n| cx.text(n) == "cmp")
    });
    let position = usize::from(!is_method);
    let (argument, value) = match keyword {
        Some(argument) => (argument, field(argument, Field::Value)),
        None => match args.positional.get(position) {
            Some(&positional) if !args.generator && NodeKind::of(positional) != NodeKind::None => {
                (positional, Some(positional))
            }
            _ => return,
        },
    };
    let has_key = args.keyword(cx, "key").is_some() || args.positional.len() > position + 1;
    let fix = if has_key {
        None
    } else {
        value.and_then(|value| {
            Fix::safe(
                "Use `key=functools.cmp_to_key(...)`",
                vec![Edit::replace(ast::range(argument), format!("key=functools.cmp_to_key({})", cx.text(value)))],
            )
        })
    };
    let diagnostic = Diagnostic::new(
        Rule::SortCmpArgument,
        ast::range(argument),
        "`cmp=` is not accepted on Python 3; use `key=functools.cmp_to_key(...)`",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.imports.push(ImportRequest { module: "functools", name: None, after: None });
    cx.push(candidate);
}
