//! PY3228: `.decode()` on a string literal, which is text on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;

declare_rule! {
    /// `.decode()` called on a string literal, which is a byte string on Python 2 and text on Python 3.
    ///
    /// ## What it does
    /// Checks calls of `.decode()` whose receiver is a string literal without a `b`
    /// prefix (or any string literal, where `unicode_literals` is imported).
    ///
    /// ## Why is this bad?
    /// Python 3's `str` has no `decode` method: the call raises `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// SEPARATOR = " - ".decode("utf-8")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// SEPARATOR = " - "
    /// ```
    ///
    /// ## Fix safety
    /// For a literal whose value is ASCII (no backslash escapes) decoded with a text codec (`utf-8`, `ascii`, `latin-1`, ...)
    /// the fix drops the call, which is safe: the value is the same text. Other literals
    /// and codecs have no fix (`"68656c6c6f".decode("hex")` needs `bytes.fromhex`).
    fix: Sometimes,
    kinds: [Call],
    names: ["decode"],
    check: Some(check),
    lib2to3: [],
    catalogue: [100],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((receiver, method)) = method_call(node) else { return };
    if cx.text(method) != "decode" {
        return;
    }
    let receiver = ast::unparenthesize(receiver);
    let Some(parts) = cx.string_parts(receiver) else { return };
    if parts.is_bytes()
        || parts.is_format()
        || parts.quote == "`"
        || (parts.is_unicode() && !cx.module.future.unicode_literals)
    {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let codec_node = args.positional.first().copied().or_else(|| args.keyword(cx, "encoding"));
    let codec = match codec_node {
        Some(codec) => cx.string_parts(codec).map(|p| cx.slice(p.content).to_ascii_lowercase().replace('_', "-")),
        None => Some("ascii".to_owned()),
    };
    let text_codec = codec.as_deref().is_some_and(|c| {
        matches!(
            c,
            "utf-8" | "utf8" | "ascii" | "us-ascii" | "latin-1" | "latin1" | "iso-8859-1" | "cp1252" | "utf-8-sig"
        )
    });
    // The value must be ASCII, not just its spelling: `"\xe2\x82\xac"` is three bytes
    // that decode to one character.
    let content = cx.slice(parts.content);
    let plain = content.is_ascii() && (parts.is_raw() || !content.contains('\\'));
    let fix = (text_codec && plain && args.keywords.iter().all(|(k, _)| cx.text(*k) == "encoding"))
        .then(|| Fix::safe("Use the literal itself", vec![Edit::replace(ast::range(node), cx.text(receiver))]))
        .flatten();
    let diagnostic = Diagnostic::new(
        Rule::StrDecode,
        ast::range(node),
        "String literals are text on Python 3 and have no `.decode()`",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    if cx.settings.target == crate::settings::Target::Py2Py3 {
        // `u"text"`: text on both versions, as `"text".decode(...)` was on Python 2.
        let text = cx.text(receiver);
        let literal = if parts.prefix.is_empty() { format!("u{text}") } else { text.to_owned() };
        candidate.compat = Some(crate::compat::Compat::Fix(
            Fix::safe("Use a `u''` literal", vec![Edit::replace(ast::range(node), literal)]),
            Vec::new(),
        ));
    }
    cx.push(candidate);
}
