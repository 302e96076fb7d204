//! PY3541: the Python 2 names of special methods kept as aliases.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::Fix;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::leftovers::report;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `next = __next__`, `__nonzero__ = __bool__`, `__div__ = __truediv__` and the other aliases that kept a class working on Python 2.
    ///
    /// ## What it does
    /// Checks class bodies for assignments of a Python 3 special method to its Python 2
    /// name: `next = __next__`, `__nonzero__ = __bool__`, `__div__ = __truediv__` (and
    /// `__idiv__`, `__rdiv__`), `__unicode__ = __str__`.
    ///
    /// ## Why is this bad?
    /// Python 3 never calls the old names; once Python 2 is gone they are dead code.
    ///
    /// ## Example
    /// ```python
    /// class Countdown:
    ///     def __next__(self):
    ///         return 1
    ///
    ///     next = __next__
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Countdown:
    ///     def __next__(self):
    ///         return 1
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the alias. It is unsafe: code may still call the old name
    /// explicitly (`it.next()`), which then fails.
    fix: Always,
    kinds: [ClassDefinition],
    check: Some(check),
    lib2to3: [],
    catalogue: [188],
}

const ALIASES: &[(&str, &str)] = &[
    ("next", "__next__"),
    ("__nonzero__", "__bool__"),
    ("__div__", "__truediv__"),
    ("__idiv__", "__itruediv__"),
    ("__rdiv__", "__rtruediv__"),
    ("__unicode__", "__str__"),
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(body) = field(node, Field::Body) else { return };
    for statement in ast::code_children(body) {
        if statement.named_child_count() != 1 {
            continue;
        }
        let Some(assignment) = statement.named_child(0).filter(|a| NodeKind::of(*a) == NodeKind::Assignment) else {
            continue;
        };
        let (Some(left), Some(right)) = (field(assignment, Field::Left), field(assignment, Field::Right)) else {
            continue;
        };
        let pair = (cx.text(left), cx.text(right));
        if !ALIASES.contains(&pair) {
            continue;
        }
        let fix = Fix::unsafe_edits("Remove the alias", vec![remove_statement(cx, statement)]);
        report(
            cx,
            Rule::DualProtocolAlias,
            ast::range(statement),
            format!("Python 3 never calls `{}`; it calls `{}`", pair.0, pair.1),
            fix,
        );
    }
}
