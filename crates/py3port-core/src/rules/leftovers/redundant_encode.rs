//! PY3529: `.encode("utf-8")`, the default, and `"text".encode()` of a literal.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::rules::leftovers::report;
use crate::syntax_kind::NodeKind;
use crate::text::TextRange;

declare_rule! {
    /// `"text".encode("utf-8")` on an ASCII literal, or `.encode("utf-8")` where UTF-8 is the default.
    ///
    /// ## What it does
    /// Checks `.encode()` calls whose only argument is `"utf-8"` (or `"utf8"`, any case),
    /// and `.encode()` of a plain ASCII string literal.
    ///
    /// ## Why is this bad?
    /// UTF-8 is `str.encode`'s default on Python 3, and an ASCII literal can be written as
    /// a `b""` literal directly.
    ///
    /// ## Example
    /// ```python
    /// MAGIC = "PK".encode("utf-8")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// MAGIC = b"PK"
    /// ```
    ///
    /// ## Fix safety
    /// A literal becomes a `b""` literal; otherwise the argument is dropped. Both are safe
    /// for `str` receivers (the rule does not know other receivers' types, but an
    /// `encode` method taking an encoding name is `str`'s in practice).
    fix: Always,
    kinds: [Call],
    names: ["encode"],
    check: Some(check),
    lib2to3: [],
    catalogue: [166],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((object, method)) = method_call(node) else { return };
    if cx.text(method) != "encode" {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let utf8 = |n: Node<'_>| {
        cx.string_parts(n)
            .is_some_and(|p| matches!(cx.slice(p.content).to_ascii_lowercase().as_str(), "utf-8" | "utf8"))
    };
    let default_codec = match (&args.positional[..], &args.keywords[..]) {
        ([], []) => true,
        ([codec], []) => utf8(*codec),
        ([], [(name, value)]) => cx.text(*name) == "encoding" && utf8(*value),
        _ => false,
    };
    if !default_codec {
        return;
    }
    // An ASCII literal without escapes: `b"..."` is the same bytes.
    let literal = cx.string_parts(object).filter(|p| {
        NodeKind::of(object) == NodeKind::String
            && p.prefix.is_empty()
            && cx.slice(p.content).is_ascii()
            && !cx.slice(p.content).contains('\\')
    });
    let (message, fix) = match literal {
        Some(_) => (
            "Encoding an ASCII literal: write a `b\"\"` literal",
            Fix::safe("Use a `b\"\"` literal", vec![Edit::replace(ast::range(node), format!("b{}", cx.text(object)))]),
        ),
        None if args.positional.is_empty() && args.keywords.is_empty() => return,
        None => (
            "UTF-8 is the default encoding of `str.encode()`",
            Fix::safe(
                "Drop the encoding",
                vec![Edit::replace(TextRange::new(args.list.start_byte() as u32, args.list.end_byte() as u32), "()")],
            ),
        ),
    };
    report(cx, Rule::RedundantEncode, ast::range(node), message, fix);
}
