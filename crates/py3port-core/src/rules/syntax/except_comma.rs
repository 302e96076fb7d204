//! PY3108: `except E, target:`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::syntax::{fresh_name, insert_statements};
use crate::syntax_kind::{Field, NodeKind, field_children};

declare_rule! {
    /// `except E, e:`, Python 2's way to name the caught exception.
    ///
    /// ## What it does
    /// Checks for `except` clauses that separate the exception type and the target with
    /// a comma, including unpacking targets (`except E, (code, msg):`) and targets that
    /// are attributes or items (`except E, self.error:`).
    ///
    /// ## Why is this bad?
    /// Python 3 requires `as`; the comma form is a syntax error. (It also read
    /// ambiguously: `except TypeError, ValueError:` catches only `TypeError`.)
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     connect()
    /// except socket.error, e:
    ///     log(e)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     connect()
    /// except socket.error as e:
    ///     log(e)
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe and matches 2to3. A target that is not a plain name gets 2to3's
    /// placeholder name, `xxx_todo_changeme`, and an assignment from it at the start of
    /// the handler; Python 2 unpacked the exception through its `args`, so
    /// `except E, (a, b):` becomes `except E as xxx_todo_changeme:` followed by
    /// `(a, b) = xxx_todo_changeme.args`. Rename the placeholder.
    ///
    /// Python 3 also unbinds the name at the end of the handler; code that used `e`
    /// after the `except` block needs its own change.
    fix: Sometimes,
    kinds: [ExceptClause],
    check: Some(check),
    lib2to3: ["except"],
    catalogue: [5, 6],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let values = field_children(node, Field::Value);
    let [exception, target] = values.as_slice() else { return };
    let Some(comma) = ast::children(node).into_iter().find(|child| {
        child.kind() == "," && child.start_byte() >= exception.end_byte() && child.end_byte() <= target.start_byte()
    }) else {
        return;
    };
    // `except E, e` keeps the space after the comma, as 2to3 does.
    let spaced = target.start_byte() > comma.end_byte();
    let separator = if spaced { " as" } else { " as " };
    let mut edits = vec![Edit::replace(ast::range(comma), separator)];
    let target_kind = NodeKind::of(*target);
    if target_kind != NodeKind::Identifier {
        // Earlier handlers of the same `try` with placeholder targets take the earlier
        // names, as 2to3 numbers them.
        let earlier = std::iter::successors(node.prev_named_sibling(), |n| n.prev_named_sibling())
            .filter(|handler| NodeKind::of(*handler) == NodeKind::ExceptClause)
            .filter(|handler| {
                let values = field_children(*handler, Field::Value);
                values.len() == 2 && NodeKind::of(values[1]) != NodeKind::Identifier
            })
            .count();
        let mut taken = Vec::new();
        for _ in 0..earlier {
            let name = fresh_name(cx, "xxx_todo_changeme", &taken);
            taken.push(name);
        }
        let name = fresh_name(cx, "xxx_todo_changeme", &taken);
        let unpacks =
            matches!(target_kind, NodeKind::Tuple | NodeKind::List | NodeKind::TuplePattern | NodeKind::ListPattern);
        let value = if unpacks { format!("{name}.args") } else { name.clone() };
        let Some(block) = ast::named_children(node).into_iter().find(|child| NodeKind::of(*child) == NodeKind::Block)
        else {
            return;
        };
        edits.push(Edit::replace(ast::range(*target), name));
        if let Some(insert) = insert_statements(cx, block, false, &[format!("{} = {value}", cx.text(*target))]) {
            edits.push(insert);
        }
    }
    let fix = Fix::safe("Replace the comma with `as`", edits);
    let range = ast::range(*exception).cover(ast::range(*target));
    let diagnostic = crate::diagnostic::Diagnostic::new(
        Rule::ExceptComma,
        range,
        "`except E, e:` is a syntax error on Python 3; use `except E as e:`",
    )
    .with_fix(cx.fix_if_clean(node, fix));
    cx.report(diagnostic);
}
