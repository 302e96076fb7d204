//! PY3532: `for x in y: yield x`, which Python 3.3 writes `yield from y`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::semantic::target_names;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A `for` loop whose only statement yields the loop variable: `yield from` since Python 3.3.
    ///
    /// ## What it does
    /// Checks `for` loops in generator functions whose body is `yield <target>` alone,
    /// with no `else`, where the target is a name or a tuple of names that the function
    /// uses nowhere else.
    ///
    /// ## Why is this bad?
    /// Python 2 had no `yield from`, so generators that pass on another iterable's
    /// items loop by hand.
    ///
    /// ## Example
    /// ```python
    /// def lines(files):
    ///     for name in files:
    ///         for line in open(name):
    ///             yield line
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def lines(files):
    ///     for name in files:
    ///         yield from open(name)
    /// ```
    ///
    /// ## Fix safety
    /// The fix is unsafe: `yield from` hands `send()` and `throw()` to the inner
    /// iterator and gives the generator its return value, where the loop sent `None`
    /// and ignored it. Loops with comments inside get no fix.
    fix: Sometimes,
    kinds: [ForStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [172],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // Not `async for`, and no `else`.
    if node.child(0).is_some_and(|c| c.kind() == "async") || field(node, Field::Alternative).is_some() {
        return;
    }
    let (Some(target), Some(iterable), Some(body)) =
        (field(node, Field::Left), field(node, Field::Right), field(node, Field::Body))
    else {
        return;
    };
    let [statement] = ast::code_children(body)[..] else { return };
    if NodeKind::of(statement) != NodeKind::ExpressionStatement || statement.named_child_count() != 1 {
        return;
    }
    let Some(yield_node) = statement.named_child(0).filter(|y| NodeKind::of(*y) == NodeKind::Yield) else { return };
    let mut cursor = yield_node.walk();
    if yield_node.children(&mut cursor).any(|c| c.kind() == "from") {
        return;
    }
    let Some(value) = yield_node.named_child(0) else { return };
    let normalized =
        |n: Node<'_>| cx.text(n).chars().filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')')).collect::<String>();
    if normalized(value) != normalized(target) {
        return;
    }
    // The target binds names only (not `self.x` or `d[k]`).
    let mut names = Vec::new();
    target_names(target, &mut names);
    let mut leaves = 0;
    ast::walk_named(target, |n| {
        if matches!(NodeKind::of(n), NodeKind::Attribute | NodeKind::Subscript) {
            leaves += 100;
            return false;
        }
        leaves += usize::from(NodeKind::of(n) == NodeKind::Identifier);
        true
    });
    if names.is_empty() || leaves != names.len() {
        return;
    }
    // In a function (not `async def`: no `yield from` there), which reads the names
    // nowhere else: after the loop they would be unbound.
    let Some(function) = cx.enclosing_scopes_of(node).and_then(|scopes| scopes.first().copied()) else { return };
    if NodeKind::of(function) != NodeKind::FunctionDefinition || function.child(0).is_some_and(|c| c.kind() == "async")
    {
        return;
    }
    let names: Vec<&str> = names.iter().map(|n| cx.text(*n)).collect();
    let mut used_elsewhere = false;
    let (target_range, value_range) = (target.byte_range(), value.byte_range());
    ast::walk_named(function, |n| {
        if n.byte_range() == target_range || n.byte_range() == value_range {
            return false;
        }
        if NodeKind::of(n) == NodeKind::Identifier && names.contains(&cx.text(n)) {
            used_elsewhere = true;
        }
        !used_elsewhere
    });
    if used_elsewhere {
        return;
    }
    let mut comments = false;
    ast::walk_named(node, |n| {
        comments |= NodeKind::of(n) == NodeKind::Comment;
        !comments
    });
    let iterable_text = cx.text(iterable);
    let iterable_text = if NodeKind::of(iterable) == NodeKind::ExpressionList {
        format!("({iterable_text})")
    } else {
        iterable_text.to_owned()
    };
    let fix = (!comments)
        .then(|| {
            Fix::unsafe_edits(
                "Use `yield from`",
                vec![Edit::replace(ast::range(node), format!("yield from {iterable_text}"))],
            )
        })
        .flatten();
    report(cx, Rule::YieldInForLoop, ast::range(node), "`for x in y: yield x` is `yield from y`", fix);
}
