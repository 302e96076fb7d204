//! PY3404: 2to3's rewrite of every `range()` outside a loop (off by default).

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::wrap_in_list;
use crate::rules::declare_rule;
use crate::rules::helpers::{CONSUMERS, in_iterating_context, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Every `range()` call outside an iterating context, as 2to3's `xrange` fixer sees them (off by default).
    ///
    /// ## What it does
    /// Checks calls of `range()` that are not the iterable of a `for` loop or a
    /// comprehension, not the right side of `in`, and not the only argument of a
    /// consuming call (`list()`, `sorted()`, `sum()`, `min()`, ...), unless the module
    /// binds `range`. This is 2to3's behaviour, for teams that want its output; the
    /// default rule PY3403 reports only the uses that break.
    ///
    /// ## Why is this bad?
    /// Python 3's `range` is not a list; most uses do not care, which is why this rule
    /// is off by default.
    ///
    /// ## Example
    /// ```python
    /// numbers = range(10)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// numbers = list(range(10))
    /// ```
    ///
    /// ## Fix safety
    /// The fix wraps the call in `list()`, as 2to3 does; it is safe. Unlike 2to3 it runs
    /// only on Python 2 code (Python 2 syntax or metadata, `source = "py2"`, or removed
    /// builtins in the file), so fixing a file twice does not wrap again what the first
    /// run left, or wrote itself (`xrange(n)` becomes `range(n)`).
    fix: Always,
    kinds: [Identifier],
    names: ["range"],
    check: Some(check),
    lib2to3: ["xrange"],
    catalogue: [37],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let Some(call) =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node))
    else {
        return;
    };
    let consumers: Vec<&str> = CONSUMERS.iter().copied().filter(|c| *c != "iter").collect();
    if in_iterating_context(cx, call, &consumers, true) || is_in_operand(call) {
        return;
    }
    let fix = Fix::safe("Wrap in `list()`", wrap_in_list(call));
    let diagnostic = Diagnostic::new(
        Rule::RangeListWrap,
        ast::range(call),
        "`range()` returns a `range` object on Python 3, not a list",
    )
    .with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), cx.text(node));
}

/// `x in range(10)`.
fn is_in_operand(call: Node<'_>) -> bool {
    call.parent().is_some_and(|p| {
        NodeKind::of(p) == NodeKind::ComparisonOperator
            && call.prev_sibling().is_some_and(|op| matches!(op.kind(), "in" | "not in"))
    })
}
