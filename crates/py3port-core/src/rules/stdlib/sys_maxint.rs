//! PY3306: `sys.maxint`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::{from_module, from_names};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `sys.maxint`, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for `sys.maxint` and `from sys import maxint`, where `sys` is the `sys`
    /// module (or not bound at all).
    ///
    /// ## Why is this bad?
    /// Python 3 integers have no maximum; `sys.maxint` raises `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// best = sys.maxint
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// best = sys.maxsize
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `sys.maxsize`, as 2to3 does. It is unsafe: `maxsize` is the
    /// largest container index, not the largest integer, so code that used `maxint` as
    /// "infinity" may want `float("inf")`, and code that checked for overflow needs no
    /// check at all.
    fix: Always,
    kinds: [Attribute, ImportFromStatement, Identifier],
    names: ["maxint"],
    check: Some(check),
    lib2to3: ["renames"],
    catalogue: [82],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::ImportFromStatement {
        if from_module(cx, node).is_none_or(|(module, _)| module != "sys") {
            return;
        }
        for (name, alias) in from_names(node) {
            if cx.text(name) == "maxint" {
                let fix = Fix::unsafe_edits("Import `maxsize`", vec![Edit::replace(ast::range(name), "maxsize")]);
                let diagnostic =
                    Diagnostic::new(Rule::SysMaxint, ast::range(name), "`sys.maxint` does not exist on Python 3")
                        .with_fix(fix);
                let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
                // Without `as`, the uses of `maxint` are renamed in the same edit.
                if alias.is_none() {
                    candidate.link = Some(("sys-maxint".to_owned(), true));
                }
                cx.push(candidate);
            }
        }
        return;
    }
    if NodeKind::of(node) == NodeKind::Identifier {
        // A use of `maxint` imported from `sys`.
        if !crate::rules::helpers::is_load(cx, node) {
            return;
        }
        let fix = Fix::unsafe_edits("Use `maxsize`", vec![Edit::replace(ast::range(node), "maxsize")]);
        let diagnostic =
            Diagnostic::new(Rule::SysMaxint, ast::range(node), "`sys.maxint` does not exist on Python 3").with_fix(fix);
        let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
        candidate.requires_import = Some(("maxint".to_owned(), "sys.maxint".to_owned()));
        candidate.link = Some(("sys-maxint".to_owned(), false));
        cx.push(candidate);
        return;
    }
    let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "sys" {
        return;
    }
    let fix = Fix::unsafe_edits("Replace with `sys.maxsize`", vec![Edit::replace(ast::range(name), "maxsize")]);
    let diagnostic = Diagnostic::new(
        Rule::SysMaxint,
        ast::range(node),
        "`sys.maxint` does not exist on Python 3; integers have no maximum",
    )
    .with_fix(fix);
    cx.push_module_attribute(Candidate::new(diagnostic, DialectGate::Any), cx.text(object), "sys");
}
