//! PY3307: `sys.exc_type`, `sys.exc_value` and `sys.exc_traceback`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// `sys.exc_type`, `sys.exc_value` and `sys.exc_traceback`, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for these attributes of the `sys` module.
    ///
    /// ## Why is this bad?
    /// They were deprecated in Python 1.5 and removed in Python 3: each raises
    /// `AttributeError`. `sys.exc_info()` returns all three.
    ///
    /// ## Example
    /// ```python
    /// log.error("failed: %s", sys.exc_value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// log.error("failed: %s", sys.exc_info()[1])
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `sys.exc_info()[0]`, `[1]` or `[2]`, as 2to3 does; it is safe.
    fix: Always,
    kinds: [Attribute],
    names: ["exc_type", "exc_value", "exc_traceback"],
    check: Some(check),
    lib2to3: ["sys_exc"],
    catalogue: [83],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "sys" {
        return;
    }
    let index = match cx.text(name) {
        "exc_type" => 0,
        "exc_value" => 1,
        _ => 2,
    };
    let fix = Fix::safe(
        "Use `sys.exc_info()`",
        vec![Edit::replace(TextRange::from_usize(name.byte_range()), format!("exc_info()[{index}]"))],
    );
    let message = format!("`sys.{}` does not exist on Python 3; use `sys.exc_info()[{index}]`", cx.text(name));
    let diagnostic = Diagnostic::new(Rule::SysExcAttribute, ast::range(node), message).with_fix(fix);
    cx.push_module_attribute(Candidate::new(diagnostic, DialectGate::Any), cx.text(object), "sys");
}
