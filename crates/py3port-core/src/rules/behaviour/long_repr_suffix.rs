//! PY3438: code that strips the `L` of a Python 2 long's `repr()` or `hex()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `hex(n)[:-1]`, `oct(n)[:-1]` or `repr(n)[:-1]`, which cut off the `L` of a Python 2 long and a digit on Python 3.
    ///
    /// ## What it does
    /// Checks slices `[:-1]` of a `hex()`, `oct()` or `repr()` call (and `[2:-1]` of
    /// `hex()`, `[1:-1]` of `oct()`, which also drop the prefix). Files that are already
    /// Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 2 wrote longs with a trailing `L` (`hex(2**64) == '0x10000000000000000L'`),
    /// which code cut off with `[:-1]`. Python 3 has no `L`, so the slice silently drops
    /// the last digit.
    ///
    /// ## Example
    /// ```python
    /// token = hex(random.getrandbits(128))[2:-1]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// token = hex(random.getrandbits(128))[2:].rstrip("L")
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the `-1` stop of the slice with `.rstrip("L")` after it, which
    /// removes the `L` where there is one and nothing else, on both versions; it is
    /// safe.
    fix: Always,
    kinds: [Subscript],
    check: Some(check),
    lib2to3: [],
    catalogue: [24],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (Some(value), Some(slice)) = (field(node, Field::Value), field(node, Field::Subscript)) else { return };
    if NodeKind::of(value) != NodeKind::Call || NodeKind::of(slice) != NodeKind::Slice {
        return;
    }
    let Some(function) = ast::call_name(cx.source, value) else { return };
    if !matches!(function, "hex" | "oct" | "repr") || cx.rebinds(function) {
        return;
    }
    // `[start:-1]` with no step.
    let text = cx.text(slice);
    let parts: Vec<&str> = text.split(':').collect();
    let [start, stop] = parts.as_slice() else { return };
    if stop.trim() != "-1" {
        return;
    }
    let start = start.trim();
    // Only the slices that cut the `L` (after the `0x` or `0` prefix at most):
    // `repr(s)[1:-1]` strips a string's quotes.
    let prefix_ok = match function {
        "hex" => matches!(start, "" | "2"),
        "oct" => matches!(start, "" | "1"),
        _ => start.is_empty(),
    };
    if !prefix_ok {
        return;
    }
    let replacement = if start.is_empty() {
        format!("{}.rstrip(\"L\")", cx.text(value))
    } else {
        format!("{}[{start}:].rstrip(\"L\")", cx.text(value))
    };
    let fix = Fix::safe("Strip a trailing `L` instead", vec![Edit::replace(ast::range(node), replacement)]);
    let diagnostic = Diagnostic::new(
        Rule::LongReprSuffix,
        ast::range(node),
        format!("`{function}()` has no trailing `L` on Python 3: `[:-1]` cuts off a digit"),
    )
    .with_fix(cx.fix_if_clean(node, fix));
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::NotPython3), function);
}
