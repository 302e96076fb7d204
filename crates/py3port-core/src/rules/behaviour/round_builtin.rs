//! PY3421: `round()`, which returns an int and rounds halves to even on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `round()`, which rounds halves to even on Python 3, and with one argument returns an `int` rather than a float.
    ///
    /// ## What it does
    /// Checks calls of the builtin `round()` in Python 2 code (Python 2 syntax or
    /// metadata, a project that is mostly Python 2, or removed builtins in the file).
    /// Whether a value ends in `.5`, or whether the caller needs a float, is rarely
    /// visible, so calls are reported with medium confidence; a literal whose rounding
    /// changes (`round(2.5)`) is reported with high confidence.
    ///
    /// ## Why is this bad?
    /// Python 2 rounds halves away from zero (`round(2.5) == 3.0`); Python 3 rounds them
    /// to the even neighbour (`round(2.5) == 2`), which changes totals, prices and
    /// bucket boundaries. With one argument Python 3 also returns an `int`, so output
    /// such as `str(round(x))` loses its `.0`.
    ///
    /// ## Example
    /// ```python
    /// cents = round(amount * 100)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import decimal
    ///
    /// cents = int(decimal.Decimal(amount * 100).quantize(0, decimal.ROUND_HALF_UP))
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: whether half-even rounding matters, and which rounding the code
    /// wants, is a decision for its authors.
    fix: Never,
    kinds: [Call],
    names: ["round"],
    check: Some(check),
    lib2to3: [],
    catalogue: [26],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    if NodeKind::of(function) != NodeKind::Identifier || !is_load(cx, function) {
        return;
    }
    let Some(args) = call_args(node) else { return };
    if args.positional.is_empty() || args.positional.len() > 2 {
        return;
    }
    let digits = args.positional.get(1).map(|d| cx.text(*d).trim());
    let changes_literal = NodeKind::of(args.positional[0]) == NodeKind::Float
        && halfway(cx.text(args.positional[0]), digits.and_then(|d| d.parse().ok()).unwrap_or(0));
    let message = if args.positional.len() == 1 {
        "`round()` rounds halves to even and returns an `int` on Python 3 (Python 2: away from zero, a float)"
    } else {
        "`round()` rounds halves to even on Python 3 (Python 2: away from zero)"
    };
    let mut diagnostic = Diagnostic::new(Rule::RoundBuiltin, ast::range(node), message);
    if !changes_literal {
        diagnostic.confidence = Confidence::Medium;
    }
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), cx.text(function));
}

/// Whether a float literal is exactly halfway at `digits` decimal places (`2.5`, `0.125`
/// at 2), where the two roundings differ.
fn halfway(literal: &str, digits: usize) -> bool {
    let Some((_, fraction)) = literal.split_once('.') else { return false };
    if fraction.contains(['e', 'E']) {
        return false;
    }
    let fraction = fraction.trim_end_matches('0');
    fraction.len() == digits + 1 && fraction.ends_with('5')
}
