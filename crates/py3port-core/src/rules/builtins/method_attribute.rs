//! PY3222: `im_*` method attributes.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Confidence, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, field};

declare_rule! {
    /// Python 2's `im_func`, `im_self` and `im_class` method attributes.
    ///
    /// ## What it does
    /// Checks for the attributes `im_func`, `im_self` and `im_class`, on any object, as
    /// 2to3 does.
    ///
    /// ## Why is this bad?
    /// Python 3 spells them `__func__` and `__self__`, and has no `im_class`; the old
    /// names raise `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// owner = callback.im_self
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// owner = callback.__self__
    /// ```
    ///
    /// ## Fix safety
    /// `im_func` and `im_self` are renamed safely. `im_class` becomes
    /// `__self__.__class__`, which is unsafe: for an unbound method Python 2 gave the
    /// class, and Python 3 has no unbound methods (the attribute lookup fails). On `self`
    /// and `cls` the attribute is more likely the class's own: medium confidence and an
    /// unsafe fix.
    fix: Always,
    kinds: [Attribute],
    names: ["im_func", "im_self", "im_class"],
    check: Some(check),
    lib2to3: ["methodattrs"],
    catalogue: [88],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (Some(object), Some(attribute)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    let old = cx.text(attribute);
    let (new, applicability) = match old {
        "im_func" => ("__func__", Applicability::Safe),
        "im_self" => ("__self__", Applicability::Safe),
        _ => ("__self__.__class__", Applicability::Unsafe),
    };
    let on_self = matches!(cx.text(object), "self" | "cls");
    let applicability = if on_self { Applicability::Unsafe } else { applicability };
    let fix = Fix::new(
        format!("Replace `{old}` with `{new}`"),
        vec![Edit::replace(ast::range(attribute), new)],
        applicability,
    );
    let diagnostic = Diagnostic::new(
        Rule::MethodAttribute,
        ast::range(attribute),
        format!("`{old}` does not exist on Python 3; use `{new}`"),
    )
    .with_fix(fix)
    .with_confidence(if on_self { Confidence::Medium } else { Confidence::High });
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
