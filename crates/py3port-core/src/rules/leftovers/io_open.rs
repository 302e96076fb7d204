//! PY3512: `io.open`, which is the builtin `open` on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::leftovers::{module_attribute, report, report_module_use};
use crate::rules::stdlib::{from_module, from_names};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `io.open` or `from io import open`: on Python 3 it is the builtin `open`.
    ///
    /// ## What it does
    /// Checks uses of `io.open` (where `io` is the imported module) and `from io import
    /// open` (without an alias).
    ///
    /// ## Why is this bad?
    /// Code used `io.open` on Python 2 for text files with an encoding; Python 3's `open`
    /// is the same function.
    ///
    /// ## Example
    /// ```python
    /// import io
    ///
    /// handle = io.open("notes.txt", encoding="utf-8")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// handle = open("notes.txt", encoding="utf-8")
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `open` (or removes the import); it is safe: `io.open is open` on
    /// Python 3.
    fix: Always,
    kinds: [Attribute, ImportFromStatement],
    names: ["open"],
    check: Some(check),
    lib2to3: [],
    catalogue: [148],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::ImportFromStatement {
        if from_module(cx, node).is_none_or(|(module, _)| module != "io") {
            return;
        }
        let names = from_names(node);
        if names.len() != 1 || cx.text(names[0].0) != "open" || names[0].1.is_some() {
            return;
        }
        let fix = Fix::safe("Remove the import", vec![remove_statement(cx, node)]);
        report(cx, Rule::IoOpen, ast::range(node), "`io.open` is the builtin `open` on Python 3", fix);
        return;
    }
    if module_attribute(cx, node, "io") != Some("open") {
        return;
    }
    let fix = Fix::safe("Use `open`", vec![Edit::replace(ast::range(node), "open")]);
    report_module_use(cx, Rule::IoOpen, ast::range(node), "io", "`io.open` is the builtin `open` on Python 3", fix);
}
