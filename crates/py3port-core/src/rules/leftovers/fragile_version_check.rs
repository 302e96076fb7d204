//! PY3527: version checks that read `sys.version` as a string, compare the major
//! version for equality with 3, or compare the minor version alone.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::{module_attribute, report};
use crate::semantic::version_check;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A version check that will misread some Python version: `sys.version[:3]`, `sys.version_info[0] == 3`, `six.PY3`, `sys.version_info[1] >= 7`.
    ///
    /// ## What it does
    /// Checks slices and items of `sys.version`, comparisons of `sys.version` with a
    /// string, `==` and `!=` between the major version and 3, comparisons of the minor
    /// version (`sys.version_info[1]`, `.minor`) alone, and `six.PY3` outside a branch
    /// that PY3526 reports.
    ///
    /// ## Why is this bad?
    /// `sys.version` is text: `sys.version[:3]` is `"3.1"` on Python 3.10 and `"3.10" >
    /// "3.9"` is false. `sys.version_info[0] == 3` and `six.PY3` are false on a Python 4,
    /// and `sys.version_info[1] >= 7` is false on Python 4.0. Compare `sys.version_info`
    /// with a tuple instead.
    ///
    /// ## Example
    /// ```python
    /// import sys
    ///
    /// if sys.version[:3] >= "3.7":
    ///     import asyncio
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import sys
    ///
    /// if sys.version_info >= (3, 7):
    ///     import asyncio
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended comparison is for the author to say.
    fix: Never,
    kinds: [Subscript, ComparisonOperator, Attribute],
    // Attributes by name (`six.PY3`); comparisons and subscripts all.
    names: ["PY3"],
    check: Some(check),
    lib2to3: [],
    catalogue: [164],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let message = match NodeKind::of(node) {
        NodeKind::Subscript => {
            let Some(value) = field(node, Field::Value) else { return };
            if !is_sys(cx, value, "version") {
                return;
            }
            "`sys.version` is text: its characters are not the version's numbers on Python 3.10 and later"
        }
        NodeKind::Attribute => {
            if module_attribute(cx, node, "six") != Some("PY3") {
                return;
            }
            "`six.PY3` is false on a Python 4: test `sys.version_info >= (3,)` or drop the test"
        }
        _ => {
            let children = ast::children(node);
            let [left, operator, right] = children[..] else { return };
            let operator = operator.kind();
            let Some(message) = comparison(cx, left, operator, right).or_else(|| comparison(cx, right, operator, left))
            else {
                return;
            };
            message
        }
    };
    if decided_branch(cx, node) {
        return;
    }
    report(cx, Rule::FragileVersionCheck, ast::range(node), message, None);
}

/// `version <operator> constant`.
fn comparison(cx: &Checker<'_>, version: Node<'_>, operator: &str, constant: Node<'_>) -> Option<&'static str> {
    let constant_kind = NodeKind::of(constant);
    if is_sys(cx, version, "version") && constant_kind == NodeKind::String {
        return Some("`sys.version` compared as text: \"3.10\" sorts before \"3.9\"");
    }
    let item = |index: &str| {
        NodeKind::of(version) == NodeKind::Subscript
            && field(version, Field::Value).is_some_and(|v| is_sys(cx, v, "version_info"))
            && field(version, Field::Subscript).is_some_and(|s| cx.text(s) == index)
    };
    let attribute = |name: &str| {
        NodeKind::of(version) == NodeKind::Attribute
            && field(version, Field::Object).is_some_and(|o| is_sys(cx, o, "version_info"))
            && field(version, Field::Attribute).is_some_and(|a| cx.text(a) == name)
    };
    if constant_kind != NodeKind::Integer {
        return None;
    }
    if (item("0") || attribute("major")) && matches!(operator, "==" | "!=") && cx.text(constant) == "3" {
        return Some("The major version compared with 3 for equality: false on a Python 4");
    }
    if item("1") || attribute("minor") {
        return Some("The minor version compared alone: `sys.version_info[1] >= 7` is false on Python 4.0");
    }
    None
}

/// `sys.<name>` (`version`, `version_info`), or `<name>` imported from `sys`.
fn is_sys(cx: &Checker<'_>, node: Node<'_>, name: &str) -> bool {
    module_attribute(cx, node, "sys") == Some(name)
}

/// Inside the condition of a branch that PY3526 reports (`if sys.version_info[0] == 3:`).
fn decided_branch(cx: &Checker<'_>, node: Node<'_>) -> bool {
    let mut current = node;
    while let Some(parent) = cx.parent(current) {
        match NodeKind::of(parent) {
            NodeKind::BooleanOperator
            | NodeKind::NotOperator
            | NodeKind::ParenthesizedExpression
            | NodeKind::ComparisonOperator => current = parent,
            NodeKind::IfStatement | NodeKind::ElifClause => {
                return field(parent, Field::Condition) == Some(current) && version_check(cx.source, current).is_some();
            }
            NodeKind::ConditionalExpression => {
                return ast::code_children(parent).get(1) == Some(&current)
                    && version_check(cx.source, current).is_some();
            }
            _ => return false,
        }
    }
    false
}
