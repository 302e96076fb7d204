//! PY3517: `six.u("...")`, `six.b("...")` and `six.ensure_*` around literals.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `six.u("text")`, `six.b("data")`, `six.ensure_str("text")` and the like on a literal: the literal itself on Python 3.
    ///
    /// ## What it does
    /// Checks calls of `six.u`, `six.b`, `six.ensure_str`, `six.ensure_text` and
    /// `six.ensure_binary` whose only argument is a string literal without a prefix.
    ///
    /// ## Why is this bad?
    /// They made literals text or bytes on both versions; on Python 3 a literal says it.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// MAGIC = six.b("PK")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// MAGIC = b"PK"
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the literal (`b""` for `six.b` and `ensure_binary`); it is safe for
    /// ASCII text (other literals are reported without a fix: `six.b` took Latin-1).
    fix: Sometimes,
    kinds: [Call],
    names: ["u", "b", "ensure_str", "ensure_text", "ensure_binary"],
    check: Some(check),
    lib2to3: [],
    catalogue: [154],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(name) = module_attribute(cx, function, "six") else { return };
    let bytes = match name {
        "b" | "ensure_binary" => true,
        "u" | "ensure_str" | "ensure_text" => false,
        _ => return,
    };
    let Some(args) = call_args(node) else { return };
    let [literal] = args.positional[..] else { return };
    if !args.keywords.is_empty() || NodeKind::of(literal) != NodeKind::String {
        return;
    }
    let Some(parts) = cx.string_parts(literal) else { return };
    if !(parts.prefix.is_empty() || parts.prefix.eq_ignore_ascii_case("r")) {
        return;
    }
    let text = cx.text(literal);
    let fix = (!bytes || cx.slice(parts.content).is_ascii())
        .then(|| {
            let replacement = if bytes { format!("b{text}") } else { text.to_owned() };
            Fix::safe("Use the literal", vec![Edit::replace(ast::range(node), replacement)])
        })
        .flatten();
    report_module_use(cx, Rule::SixLiteralCall, ast::range(node), "six", format!("`six.{name}()` of a literal"), fix);
}
