//! PY3409: `__nonzero__`, ignored by Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `__nonzero__`, Python 2's truth-value method, renamed `__bool__` in Python 3.
    ///
    /// ## What it does
    /// Checks methods named `__nonzero__` that take only `self`, in classes that do not
    /// also define `__bool__`. Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 never calls `__nonzero__`: every instance is true (or `__len__` decides),
    /// silently changing every `if obj:`.
    ///
    /// ## Example
    /// ```python
    /// class Result(object):
    ///     def __nonzero__(self):
    ///         return self.ok
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Result(object):
    ///     def __bool__(self):
    ///         return self.ok
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the method to `__bool__`, as 2to3 does; it is safe on Python 3
    /// (code that must keep running on Python 2 needs `__nonzero__ = __bool__` too).
    fix: Always,
    kinds: [FunctionDefinition],
    names: ["__nonzero__"],
    check: Some(check),
    lib2to3: ["nonzero"],
    catalogue: [45],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(name) = field(node, Field::Name) else { return };
    if cx.text(name) != "__nonzero__" {
        return;
    }
    let Some(class_body) = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Block) else { return };
    if class_body.parent().is_none_or(|c| NodeKind::of(c) != NodeKind::ClassDefinition) {
        return;
    }
    if field(node, Field::Parameters).is_none_or(|p| ast::code_children(p).len() != 1) {
        return;
    }
    let defines_bool = ast::code_children(class_body).iter().any(|member| {
        field(*member, Field::Name).is_some_and(|n| cx.text(n) == "__bool__")
            || cx.text(*member).trim_start().starts_with("__bool__")
    });
    if defines_bool {
        return;
    }
    let fix = Fix::safe("Rename to `__bool__`", vec![Edit::replace(ast::range(name), "__bool__")]);
    let diagnostic =
        Diagnostic::new(Rule::NonzeroMethod, ast::range(name), "Python 3 ignores `__nonzero__`; it calls `__bool__`")
            .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.compat = py2_py3_alias(cx, node, name, "__bool__", "__nonzero__");
    cx.push(candidate);
}

/// With `target = "py2-py3"`: the method renamed to its Python 3 name and an alias with
/// the Python 2 name after it (`__nonzero__ = __bool__`), so both versions call it.
pub(crate) fn py2_py3_alias(
    cx: &Checker<'_>,
    def: Node<'_>,
    name: Node<'_>,
    new: &str,
    old: &str,
) -> Option<crate::compat::Compat> {
    if cx.settings.target != crate::settings::Target::Py2Py3 {
        return None;
    }
    let definition = def.parent().filter(|p| NodeKind::of(*p) == NodeKind::DecoratedDefinition).unwrap_or(def);
    if !ast::starts_line(cx.source, definition) {
        return Some(crate::compat::Compat::Fix(None, Vec::new()));
    }
    let indentation = cx.indentation_at(definition.start_byte() as u32);
    let newline = cx.newline();
    let edits = vec![
        Edit::replace(ast::range(name), new),
        Edit::insert(def.end_byte() as u32, format!("{newline}{newline}{indentation}{old} = {new}")),
    ];
    Some(crate::compat::Compat::Fix(
        Fix::safe(format!("Rename to `{new}` and keep `{old}` as an alias"), edits),
        Vec::new(),
    ))
}
