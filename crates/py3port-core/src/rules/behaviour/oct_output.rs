//! PY3439: code that depends on `oct()` writing a bare leading zero.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `oct(n)[1:]` or `oct(n).lstrip("0")`: Python 3's `oct()` starts with `0o`, not `0`.
    ///
    /// ## What it does
    /// Checks slices of an `oct()` call that start at 1, and `lstrip("0")` on it. Files
    /// that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 2's `oct(8)` is `'010'`; Python 3's is `'0o10'`, so `oct(mode)[1:]` gives
    /// `'o10'` and file permissions written this way (`chmod`, tar headers) are wrong.
    ///
    /// ## Example
    /// ```python
    /// digits = oct(mode)[1:]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// digits = format(mode, "o")
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `format(n, "o")`, the octal digits on both versions; it is unsafe
    /// for zero (`oct(0)[1:]` was empty) and negative numbers.
    fix: Always,
    kinds: [Subscript, Call],
    names: ["lstrip"],
    check: Some(check),
    lib2to3: [],
    catalogue: [25],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (call, what) = match NodeKind::of(node) {
        NodeKind::Subscript => {
            let (Some(value), Some(slice)) = (field(node, Field::Value), field(node, Field::Subscript)) else { return };
            if NodeKind::of(slice) != NodeKind::Slice || cx.text(slice).replace(' ', "") != "1:" {
                return;
            }
            (value, "[1:]")
        }
        _ => {
            let Some(function) = field(node, Field::Function) else { return };
            if NodeKind::of(function) != NodeKind::Attribute
                || field(function, Field::Attribute).is_none_or(|a| cx.text(a) != "lstrip")
            {
                return;
            }
            let Some(args) = call_args(node) else { return };
            let strips_zero = matches!(args.positional.as_slice(), [arg] if matches!(cx.text(*arg), "\"0\"" | "'0'"));
            if !strips_zero {
                return;
            }
            let Some(object) = field(function, Field::Object) else { return };
            (object, ".lstrip(\"0\")")
        }
    };
    if NodeKind::of(call) != NodeKind::Call || ast::call_name(cx.source, call) != Some("oct") || cx.rebinds("oct") {
        return;
    }
    let Some(args) = call_args(call) else { return };
    let [number] = args.positional.as_slice() else { return };
    let fix = Fix::unsafe_edits(
        "Use `format(n, \"o\")`",
        vec![Edit::replace(ast::range(node), format!("format({}, \"o\")", cx.text(*number)))],
    );
    let diagnostic = Diagnostic::new(
        Rule::OctOutput,
        ast::range(node),
        format!("Python 3's `oct()` starts with `0o`: `{what}` no longer leaves just the digits"),
    )
    .with_fix(cx.fix_if_clean(node, fix));
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
