//! PY3510: `object` written as a base class.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::Edit;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::{fix_keeping_comments, report};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// `class C(object):`, which Python 2 needed for a new-style class.
    ///
    /// ## What it does
    /// Checks class statements whose bases include `object`.
    ///
    /// ## Why is this bad?
    /// Every Python 3 class derives from `object`; naming it is noise left from Python 2.
    ///
    /// ## Example
    /// ```python
    /// class Point(object):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point:
    ///     pass
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes `object` (and the parentheses when nothing else is left); it is
    /// safe (a module that rebinds `object` is not reported), and unsafe when a comment
    /// in the bases would go with it.
    fix: Always,
    kinds: [ClassDefinition],
    check: Some(check),
    lib2to3: [],
    catalogue: [146],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(list) = field(node, Field::Superclasses) else { return };
    let arguments = ast::code_children(list);
    let Some(index) =
        arguments.iter().position(|a| NodeKind::of(*a) == NodeKind::Identifier && cx.text(*a) == "object")
    else {
        return;
    };
    if cx.rebinds("object") {
        return;
    }
    let object = arguments[index];
    let edit = if arguments.len() == 1 {
        Edit::delete(ast::range(list))
    } else if index + 1 < arguments.len() {
        Edit::delete(TextRange::new(object.start_byte() as u32, arguments[index + 1].start_byte() as u32))
    } else {
        Edit::delete(TextRange::new(arguments[index - 1].end_byte() as u32, object.end_byte() as u32))
    };
    let fix = fix_keeping_comments(list, "Remove `object`", vec![edit]);
    report(cx, Rule::ObjectBase, ast::range(object), "Python 3 classes derive from `object` without saying so", fix);
}
