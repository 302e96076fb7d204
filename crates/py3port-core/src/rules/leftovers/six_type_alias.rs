//! PY3515: six's names for the builtin types.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `six.text_type`, `six.binary_type`, `six.string_types`, `six.integer_types` and `six.class_types`: the builtin types on Python 3.
    ///
    /// ## What it does
    /// Checks these attributes of the imported `six` module.
    ///
    /// ## Why is this bad?
    /// Once Python 2 is gone, six's aliases only hide the builtins they stand for.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// if isinstance(value, six.string_types):
    ///     value = value.strip()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(value, str):
    ///     value = value.strip()
    /// ```
    ///
    /// ## Fix safety
    /// `text_type` becomes `str` and `binary_type` `bytes`; the tuples `string_types`,
    /// `integer_types` and `class_types` become `str`, `int` and `type` as the second
    /// argument of `isinstance()` or `issubclass()`, and `(str,)` and the like elsewhere.
    /// It is safe.
    fix: Always,
    kinds: [Attribute],
    names: ["text_type", "binary_type", "string_types", "integer_types", "class_types"],
    check: Some(check),
    lib2to3: [],
    catalogue: [152],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(name) = module_attribute(cx, node, "six") else { return };
    let (single, tuple) = match name {
        "text_type" => ("str", false),
        "binary_type" => ("bytes", false),
        "string_types" => ("str", true),
        "integer_types" => ("int", true),
        "class_types" => ("type", true),
        _ => return,
    };
    // `isinstance(x, six.string_types)`: one type does for the tuple.
    let type_argument = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::ArgumentList).is_some_and(|list| {
        list.parent().is_some_and(|call| matches!(ast::call_name(cx.source, call), Some("isinstance" | "issubclass")))
            && ast::code_children(list).get(1) == Some(&node)
    });
    let replacement = if tuple && !type_argument { format!("({single},)") } else { single.to_owned() };
    let fix = Fix::safe(format!("Use `{replacement}`"), vec![Edit::replace(ast::range(node), replacement.clone())]);
    report_module_use(
        cx,
        Rule::SixTypeAlias,
        ast::range(node),
        "six",
        format!("`six.{name}` is `{replacement}` on Python 3"),
        fix,
    );
}
