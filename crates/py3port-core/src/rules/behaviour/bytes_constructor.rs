//! PY3433: `bytes(n)` and `bytes(text)`, which mean something else on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::infer::{Ty, infer};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `bytes(n)` of an integer, or `bytes(text)` without an encoding: Python 2's `bytes` was `str`.
    ///
    /// ## What it does
    /// Checks calls of `bytes()` with one argument known to be an integer or text, in
    /// Python 2 code (Python 2 syntax or metadata, a project that is mostly Python 2,
    /// or removed builtins in the file): Python 3 code uses `bytes(n)` for a zeroed
    /// buffer on purpose.
    ///
    /// ## Why is this bad?
    /// On Python 2, `bytes` is `str`: `bytes(5)` is `"5"`. On Python 3 `bytes(5)` is
    /// five zero bytes, silently, and `bytes("abc")` raises `TypeError: string argument
    /// without an encoding`.
    ///
    /// ## Example
    /// ```python
    /// header = bytes(len(body)) + b"\r\n"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// header = str(len(body)).encode("ascii") + b"\r\n"
    /// ```
    ///
    /// ## Fix safety
    /// For an integer, the fix writes `str(n).encode("ascii")`, the same bytes as
    /// Python 2's `bytes(n)`, on both versions; it is safe. For text there is no fix:
    /// the encoding is the code's decision.
    fix: Sometimes,
    kinds: [Call],
    names: ["bytes"],
    check: Some(check),
    lib2to3: [],
    catalogue: [102],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    if NodeKind::of(function) != NodeKind::Identifier || !is_load(cx, function) {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let [argument] = args.positional.as_slice() else { return };
    if !args.keywords.is_empty() {
        return;
    }
    let (message, fix) = match infer(cx, *argument) {
        Ty::Int => (
            "`bytes(n)` is `n` zero bytes on Python 3, not the digits of `n`",
            Fix::safe(
                "Use `str(n).encode(\"ascii\")`",
                vec![Edit::replace(ast::range(node), format!("str({}).encode(\"ascii\")", cx.text(*argument)))],
            ),
        ),
        Ty::Text => ("`bytes()` of text needs an encoding on Python 3: this raises `TypeError`", None),
        _ => return,
    };
    let diagnostic =
        Diagnostic::new(Rule::BytesConstructor, ast::range(node), message).with_fix(cx.fix_if_clean(node, fix));
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), "bytes");
}
