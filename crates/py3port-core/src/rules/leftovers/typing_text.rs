//! PY3538: `typing.Text`, an alias of `str` kept for Python 2 annotations.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::is_load;
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `typing.Text` (or `Text` imported from `typing` or `typing_extensions`): `str` on Python 3.
    ///
    /// ## What it does
    /// Checks uses of `Text` from `typing` and `typing_extensions`, by attribute or by
    /// the imported name.
    ///
    /// ## Why is this bad?
    /// `Text` was `unicode` on Python 2 and is `str` on Python 3; the typing
    /// documentation deprecates it for Python 3 code.
    ///
    /// ## Example
    /// ```python
    /// from typing import Text
    ///
    /// def greet(name: Text) -> None:
    ///     print("Hello " + name)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def greet(name: str) -> None:
    ///     print("Hello " + name)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `str`; it is safe. The import is left for an unused-import check
    /// to remove (a string annotation may still name `Text`).
    fix: Always,
    kinds: [Attribute, Identifier],
    names: ["Text"],
    check: Some(check),
    lib2to3: [],
    catalogue: [184],
}

const MESSAGE: &str = "`Text` is `str` on Python 3";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let fix = || Fix::safe("Use `str`", vec![Edit::replace(ast::range(node), "str")]);
    if NodeKind::of(node) == NodeKind::Attribute {
        for module in ["typing", "typing_extensions"] {
            if module_attribute(cx, node, module) == Some("Text") {
                report_module_use(cx, Rule::TypingText, ast::range(node), module, MESSAGE, fix());
            }
        }
        return;
    }
    if cx.text(node) != "Text" || !is_load(cx, node) {
        return;
    }
    for module in ["typing.Text", "typing_extensions.Text"] {
        let mut candidate = Candidate::new(
            Diagnostic::new(Rule::TypingText, ast::range(node), MESSAGE).with_fix(fix()),
            DialectGate::Any,
        );
        candidate.requires_import = Some(("Text".to_owned(), module.to_owned()));
        cx.push(candidate);
    }
}
