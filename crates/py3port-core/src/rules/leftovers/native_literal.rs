//! PY3528: `str("x")`, `str()` and `bytes(b"x")` around literals.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::rules::leftovers::report;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `str("text")`, `str()` or `bytes(b"data")`: a literal wrapped in its own type, as Python 2 code wrote native strings.
    ///
    /// ## What it does
    /// Checks calls of the builtins `str` with no argument or one string literal without
    /// a prefix, and `bytes` with no argument or one bytes literal.
    ///
    /// ## Why is this bad?
    /// Code that ran on both versions used `str("...")` for a "native" string; on Python 3
    /// the literal is already one.
    ///
    /// ## Example
    /// ```python
    /// HEADER = str("Content-Type")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// HEADER = "Content-Type"
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the literal (`""` or `b""` for no argument); it is safe where `str`
    /// and `bytes` are the builtins.
    fix: Always,
    kinds: [Call],
    names: ["str", "bytes"],
    check: Some(check),
    lib2to3: [],
    catalogue: [165],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(name @ ("str" | "bytes")) = ast::call_name(cx.source, node) else { return };
    if cx.rebinds(name) {
        return;
    }
    let Some(args) = call_args(node) else { return };
    if !args.keywords.is_empty() || args.splat || args.positional.len() > 1 {
        return;
    }
    let replacement = match args.positional.first() {
        None => {
            if name == "str" {
                "\"\"".to_owned()
            } else {
                "b\"\"".to_owned()
            }
        }
        Some(argument) => {
            let Some(parts) = cx.string_parts(*argument) else { return };
            let matches = if name == "str" {
                parts.prefix.is_empty() || parts.prefix.eq_ignore_ascii_case("r")
            } else {
                parts.is_bytes()
            };
            if !matches || NodeKind::of(*argument) != NodeKind::String {
                return;
            }
            cx.text(*argument).to_owned()
        }
    };
    let fix = Fix::safe("Use the literal", vec![Edit::replace(ast::range(node), replacement)]);
    report(cx, Rule::NativeLiteral, ast::range(node), format!("`{name}()` of a literal of its own type"), fix);
}
