//! PY3534: `"{0} {1}".format(...)` with the indexes Python 2.6 required.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::syntax_kind::NodeKind;
use crate::text::TextRange;

declare_rule! {
    /// `"{0} {1}".format(a, b)`: explicit positional indexes in order, which Python 2.6 required.
    ///
    /// ## What it does
    /// Checks `.format()` calls on a string literal whose replacement fields are `{0}`,
    /// `{1}`, ... used once each, in order (with or without a format spec or conversion).
    ///
    /// ## Why is this bad?
    /// Since Python 2.7 `{}` numbers the fields automatically; the explicit indexes are
    /// noise.
    ///
    /// ## Example
    /// ```python
    /// label = "{0}: {1:.2f}".format(name, price)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// label = "{}: {:.2f}".format(name, price)
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the indexes; it is safe.
    fix: Always,
    kinds: [Call],
    names: ["format"],
    check: Some(check),
    lib2to3: [],
    catalogue: [174],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((object, method)) = method_call(node) else { return };
    if cx.text(method) != "format" || NodeKind::of(object) != NodeKind::String {
        return;
    }
    let Some(parts) = cx.string_parts(object) else { return };
    if parts.is_bytes() || parts.is_format() {
        return;
    }
    let content = cx.slice(parts.content);
    let bytes = content.as_bytes();
    let mut edits = Vec::new();
    let mut expected = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => {
                let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                let after = bytes.get(i + 1 + digits);
                if digits == 0 || !matches!(after, Some(b'}' | b':' | b'!')) {
                    return; // `{}`, `{name}`, `{0.attr}`, `{0[1]}`: nothing to do or not plain.
                }
                if content[i + 1..i + 1 + digits].parse::<usize>().ok() != Some(expected) {
                    return;
                }
                expected += 1;
                let start = parts.content.start() + (i + 1) as u32;
                edits.push(Edit::delete(TextRange::new(start, start + digits as u32)));
                // Skip to the end of the field; a nested field in the spec (`{0:{1}}`) would
                // mix automatic and manual numbering once this one loses its index.
                i += 1;
                while i < bytes.len() && bytes[i] != b'}' {
                    if bytes[i] == b'{' {
                        return;
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if edits.is_empty() {
        return;
    }
    let fix = Fix::safe("Remove the indexes", edits);
    report(cx, Rule::FormatIndexes, ast::range(object), "Explicit indexes in order: `{}` numbers them", fix);
}
