//! PY3422: `StopIteration` escaping a generator, a `RuntimeError` since Python 3.7.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_generator, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `raise StopIteration`, or an unguarded `next()`, inside a generator: a `RuntimeError` since Python 3.7 (PEP 479).
    ///
    /// ## What it does
    /// Checks generator functions (functions containing `yield`) for `raise
    /// StopIteration` (high confidence) and for `next(iterator)` without a default
    /// outside a `try` that handles `StopIteration` (medium confidence: the iterator may
    /// never be exhausted there). Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 2 ended a generator quietly when a `StopIteration` escaped from its body.
    /// Since Python 3.7 the generator raises `RuntimeError: generator raised
    /// StopIteration` instead, so the loop over it crashes rather than ending.
    ///
    /// ## Example
    /// ```python
    /// def until_blank(lines):
    ///     for line in lines:
    ///         if not line.strip():
    ///             raise StopIteration
    ///         yield line
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def until_blank(lines):
    ///     for line in lines:
    ///         if not line.strip():
    ///             return
    ///         yield line
    /// ```
    ///
    /// ## Fix safety
    /// `raise StopIteration` becomes `return`, which ends the generator the same way on
    /// both versions; it is safe. `raise StopIteration(value)` becomes `return value`,
    /// which gives the caller the same `StopIteration(value)` on Python 3 (Python 2
    /// rejects `return value` in a generator). An unguarded `next()` has no fix: the code must decide what an exhausted
    /// iterator means there (`next(it, default)` or `try`/`except StopIteration: return`).
    fix: Sometimes,
    kinds: [RaiseStatement, Call],
    names: ["next"],
    check: Some(check),
    lib2to3: [],
    catalogue: [44],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::RaiseStatement => raise(cx, node),
        _ => next_call(cx, node),
    }
}

fn raise(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(exception) = ast::named_children(node).first().copied() else { return };
    let (name, value) = match NodeKind::of(exception) {
        NodeKind::Identifier => (exception, None),
        NodeKind::Call => {
            let Some(function) = field(exception, Field::Function) else { return };
            let Some(args) = call_args(exception) else { return };
            if args.positional.len() > 1 || !args.keywords.is_empty() || args.generator {
                return;
            }
            (function, Some(args.positional.first().map(|v| cx.text(*v))))
        }
        _ => return,
    };
    if cx.text(name) != "StopIteration" || ast::named_children(node).len() != 1 || !in_generator(cx, node) {
        return;
    }
    if handled_here(cx, node) {
        return;
    }
    let replacement = match value.flatten() {
        Some(value) => format!("return {value}"),
        None => "return".to_owned(),
    };
    let fix = Fix::safe("Replace with `return`", vec![Edit::replace(ast::range(node), replacement)]);
    let diagnostic = Diagnostic::new(
        Rule::GeneratorStopIteration,
        ast::range(node),
        "`StopIteration` raised in a generator is a `RuntimeError` on Python 3.7+; use `return`",
    )
    .with_fix(cx.fix_if_clean(node, fix));
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    // `return value` in a generator is a syntax error on Python 2.
    let has_value = value.flatten().is_some();
    candidate.compat =
        Some(if has_value { crate::compat::Compat::Fix(None, Vec::new()) } else { crate::compat::Compat::Same });
    cx.push_unless_bound(candidate, "StopIteration");
}

fn next_call(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    if NodeKind::of(function) != NodeKind::Identifier || cx.text(function) != "next" || !is_load(cx, function) {
        return;
    }
    let Some(args) = call_args(node) else { return };
    if args.positional.len() != 1 || !args.keywords.is_empty() || args.generator {
        return;
    }
    if !in_generator(cx, node) || handled_here(cx, node) {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Rule::GeneratorStopIteration,
        ast::range(node),
        "`next()` in a generator: its `StopIteration` becomes a `RuntimeError` on Python 3.7+",
    );
    diagnostic.confidence = Confidence::Medium;
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::NotPython3), "next");
}

/// Whether `node` is directly in a generator function (not in a nested function,
/// lambda or class).
fn in_generator(cx: &Checker<'_>, node: Node<'_>) -> bool {
    let mut current = cx.parent(node);
    while let Some(parent) = current {
        match NodeKind::of(parent) {
            NodeKind::FunctionDefinition => return is_generator(cx, parent),
            NodeKind::Lambda
            | NodeKind::ClassDefinition
            | NodeKind::GeneratorExpression
            | NodeKind::ListComprehension
            | NodeKind::SetComprehension
            | NodeKind::DictionaryComprehension => return false,
            _ => {}
        }
        current = parent.parent();
    }
    false
}

/// Whether a `try` around `node` (inside its function) catches `StopIteration`, or
/// everything.
fn handled_here(cx: &Checker<'_>, node: Node<'_>) -> bool {
    let mut child = node;
    let mut current = cx.parent(node);
    while let Some(parent) = current {
        match NodeKind::of(parent) {
            NodeKind::FunctionDefinition | NodeKind::Lambda | NodeKind::ClassDefinition => return false,
            NodeKind::TryStatement if field(parent, Field::Body) == Some(child) => {
                let handles = ast::named_children(parent).into_iter().any(|clause| {
                    NodeKind::of(clause) == NodeKind::ExceptClause && {
                        let caught = crate::semantic::caught_names(cx.source, clause);
                        caught
                            .iter()
                            .any(|c| matches!(c.as_str(), "" | "StopIteration" | "Exception" | "BaseException"))
                    }
                });
                if handles {
                    return true;
                }
            }
            _ => {}
        }
        child = parent;
        current = parent.parent();
    }
    false
}
