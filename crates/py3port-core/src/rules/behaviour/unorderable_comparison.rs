//! PY3423: ordering comparisons between types Python 3 cannot order.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::infer::{Ty, infer, infer_shallow};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `<`, `<=`, `>` or `>=` between `None` and a value, or between a number and a string: a `TypeError` on Python 3.
    ///
    /// ## What it does
    /// Checks ordering comparisons where one side is `None` or where the two sides are
    /// known to be a number and a string (literals and values whose type is clear from
    /// the code), and `min()` and `max()` calls given `None` among their arguments, in
    /// Python 2 code (Python 2 syntax or metadata, a project that is mostly Python 2,
    /// or removed builtins in the file): in Python 3 code such a comparison can only be
    /// a test of the `TypeError`.
    ///
    /// ## Why is this bad?
    /// Python 2 ordered any two objects (`None` below everything, numbers below
    /// strings); Python 3 raises `TypeError: '<' not supported between instances`.
    /// `if timeout > None:` and `max(None, value)` used to work as "is set" tests.
    ///
    /// ## Example
    /// ```python
    /// if retries > None:
    ///     backoff(retries)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if retries is not None:
    ///     backoff(retries)
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: what Python 2's ordering of `None` meant for this code has to be
    /// written out (`x is not None and x > 0`, a `key=` for sorting).
    fix: Never,
    kinds: [ComparisonOperator, Call],
    names: ["min", "max"],
    check: Some(check),
    lib2to3: [],
    catalogue: [49],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::Call {
        min_max(cx, node);
        return;
    }
    // Most comparisons are `==`, `in` or `is`: without a `<` or `>` in the text there is no
    // ordering (cheaper to see than the children).
    if memchr::memchr2(b'<', b'>', cx.text(node).as_bytes()).is_none() {
        return;
    }
    // `a < b < c`: children alternate operands and operators.
    let children = ast::children(node);
    for window in children.windows(3) {
        let [left, operator, right] = window else { continue };
        if !matches!(operator.kind(), "<" | "<=" | ">" | ">=") {
            continue;
        }
        // A cheap look first: most comparisons have no literal `None`, number or string.
        let (l, r) = (infer_shallow(cx, *left), infer_shallow(cx, *right));
        let (l, r) = match (l.is_known(), r.is_known()) {
            (false, false) => continue,
            (true, true) => (l, r),
            (true, false) if l == Ty::None => (l, r),
            (false, true) if r == Ty::None => (l, r),
            (true, false) => (l, infer(cx, *right)),
            (false, true) => (infer(cx, *left), r),
        };
        let message = match (l, r) {
            (Ty::None, _) | (_, Ty::None) => {
                "Python 3 cannot order `None` against other values: this raises `TypeError`"
            }
            (Ty::Int | Ty::Float, Ty::Text | Ty::Bytes) | (Ty::Text | Ty::Bytes, Ty::Int | Ty::Float) => {
                "Python 3 cannot order numbers against strings: this raises `TypeError`"
            }
            _ => continue,
        };
        let diagnostic = Diagnostic::new(Rule::UnorderableComparison, ast::range(node), message);
        cx.push(Candidate::new(diagnostic, DialectGate::Python2));
        return;
    }
}

fn min_max(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    if NodeKind::of(function) != NodeKind::Identifier || !matches!(cx.text(function), "min" | "max") {
        return;
    }
    if !is_load(cx, function) {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let several = args.positional.len() >= 2 || (args.splat && !args.positional.is_empty());
    if !several || !args.positional.iter().any(|a| NodeKind::of(*a) == NodeKind::None) {
        return;
    }
    let name = cx.text(function);
    let diagnostic = Diagnostic::new(
        Rule::UnorderableComparison,
        ast::range(node),
        format!("`{name}()` with `None`: Python 3 cannot order `None` against other values"),
    );
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), name);
}
