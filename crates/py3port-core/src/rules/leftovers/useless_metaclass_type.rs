//! PY3514: `type` given as a metaclass, which every class has anyway.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::leftovers::{fix_keeping_comments, report};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// `__metaclass__ = type` in a class body, or `metaclass=type` in a class statement: the default.
    ///
    /// ## What it does
    /// Checks class bodies for `__metaclass__ = type` (which made a Python 2 class
    /// new-style and does nothing on Python 3) and class statements with the keyword
    /// `metaclass=type`.
    ///
    /// ## Why is this bad?
    /// `type` is every class's metaclass on Python 3.
    ///
    /// ## Example
    /// ```python
    /// class Config:
    ///     __metaclass__ = type
    ///     debug = False
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Config:
    ///     debug = False
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the assignment or the keyword; it is safe where `type` is the
    /// builtin (a module that rebinds `type` is not reported), and unsafe when a comment
    /// in the class's arguments would go with the keyword.
    fix: Always,
    kinds: [ClassDefinition],
    check: Some(check),
    lib2to3: [],
    catalogue: [150, 151],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if cx.rebinds("type") {
        return;
    }
    if let Some(list) = field(node, Field::Superclasses) {
        let arguments = ast::code_children(list);
        for (index, argument) in arguments.iter().enumerate() {
            let is_type_keyword = NodeKind::of(*argument) == NodeKind::KeywordArgument
                && field(*argument, Field::Name).is_some_and(|n| cx.text(n) == "metaclass")
                && field(*argument, Field::Value).is_some_and(|v| cx.text(v) == "type");
            if !is_type_keyword {
                continue;
            }
            let edit = if arguments.len() == 1 {
                Edit::delete(ast::range(list))
            } else if index + 1 < arguments.len() {
                Edit::delete(TextRange::new(argument.start_byte() as u32, arguments[index + 1].start_byte() as u32))
            } else {
                Edit::delete(TextRange::new(arguments[index - 1].end_byte() as u32, argument.end_byte() as u32))
            };
            let fix = fix_keeping_comments(list, "Remove `metaclass=type`", vec![edit]);
            report(cx, Rule::UselessMetaclassType, ast::range(*argument), "`type` is the default metaclass", fix);
        }
    }
    let Some(body) = field(node, Field::Body) else { return };
    for statement in ast::code_children(body) {
        let Some(assignment) = statement.named_child(0).filter(|a| NodeKind::of(*a) == NodeKind::Assignment) else {
            continue;
        };
        let is_metaclass_type = field(assignment, Field::Left).is_some_and(|l| cx.text(l) == "__metaclass__")
            && field(assignment, Field::Right).is_some_and(|r| cx.text(r) == "type")
            && statement.named_child_count() == 1;
        if is_metaclass_type {
            let fix = Fix::safe("Remove `__metaclass__ = type`", vec![remove_statement(cx, statement)]);
            report(cx, Rule::UselessMetaclassType, ast::range(statement), "`type` is the default metaclass", fix);
        }
    }
}
