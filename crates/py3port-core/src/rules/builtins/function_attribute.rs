//! PY3221: `func_*` function attributes.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Confidence, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, field};

declare_rule! {
    /// Python 2's `func_*` function attributes (`f.func_name`, `f.func_code`, ...).
    ///
    /// ## What it does
    /// Checks for the attributes `func_closure`, `func_code`, `func_defaults`,
    /// `func_dict`, `func_doc`, `func_globals` and `func_name`, on any object, as 2to3
    /// does.
    ///
    /// ## Why is this bad?
    /// Python 3 spells them with double underscores (`__name__`, `__code__`, ...); the
    /// old names raise `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// log.debug("calling %s", handler.func_name)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// log.debug("calling %s", handler.__name__)
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the attribute, as 2to3 does. On `self` or `cls` the attribute is
    /// more likely the class's own, so there the diagnostic has medium confidence and the
    /// fix is unsafe.
    fix: Always,
    kinds: [Attribute],
    names: ["func_closure", "func_code", "func_defaults", "func_dict", "func_doc", "func_globals", "func_name"],
    check: Some(check),
    lib2to3: ["funcattrs"],
    catalogue: [87],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (Some(object), Some(attribute)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    let old = cx.text(attribute);
    let new = format!("__{}__", &old["func_".len()..]);
    let on_self = matches!(cx.text(object), "self" | "cls");
    let applicability = if on_self { Applicability::Unsafe } else { Applicability::Safe };
    let fix = Fix::new(
        format!("Replace `{old}` with `{new}`"),
        vec![Edit::replace(ast::range(attribute), new.clone())],
        applicability,
    );
    let diagnostic =
        Diagnostic::new(Rule::FunctionAttribute, ast::range(attribute), format!("`{old}` is `{new}` on Python 3"))
            .with_fix(fix)
            .with_confidence(if on_self { Confidence::Medium } else { Confidence::High });
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
