//! PY3507: `v = list(x); v.sort()` instead of `sorted(x)`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, remove_statement};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `v = list(x)` followed by `v.sort()`, which `sorted(x)` says in one step.
    ///
    /// ## What it does
    /// Checks an assignment to a name directly followed (comments aside) by a call of
    /// `.sort()` without arguments on that name. Off by default, like 2to3's explicit
    /// `idioms` fixer.
    ///
    /// ## Why is this bad?
    /// Nothing breaks; it is the Python 2.3 idiom that `sorted()` replaced.
    ///
    /// ## Example
    /// ```python
    /// names = list(users)
    /// names.sort()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// names = sorted(users)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `v = sorted(x)` and removes the `sort()` call, as 2to3 does. It is
    /// safe for `v = list(x)`, and unsafe for `v = x`: there `sort()` also sorted `x`
    /// itself, which `sorted()` does not.
    fix: Always,
    kinds: [ExpressionStatement],
    check: Some(check),
    lib2to3: ["idioms"],
    catalogue: [180],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(assignment) = node.named_child(0).filter(|a| NodeKind::of(*a) == NodeKind::Assignment) else { return };
    let (Some(target), Some(value)) = (field(assignment, Field::Left), field(assignment, Field::Right)) else { return };
    if NodeKind::of(target) != NodeKind::Identifier || node.named_child_count() != 1 {
        return;
    }
    let mut next = node.next_named_sibling();
    while let Some(sibling) = next.filter(|s| NodeKind::of(*s) == NodeKind::Comment) {
        next = sibling.next_named_sibling();
    }
    let Some(sort_statement) = next.filter(|s| NodeKind::of(*s) == NodeKind::ExpressionStatement) else { return };
    let Some(sort_call) = sort_statement.named_child(0).filter(|c| NodeKind::of(*c) == NodeKind::Call) else { return };
    let Some(function) = field(sort_call, Field::Function).filter(|f| NodeKind::of(*f) == NodeKind::Attribute) else {
        return;
    };
    let (Some(object), Some(method)) = (field(function, Field::Object), field(function, Field::Attribute)) else {
        return;
    };
    if cx.text(object) != cx.text(target)
        || cx.text(method) != "sort"
        || !call_args(sort_call).is_some_and(|a| a.exactly(0))
    {
        return;
    }
    let list_argument = (NodeKind::of(value) == NodeKind::Call && ast::call_name(cx.source, value) == Some("list"))
        .then(|| field(value, Field::Arguments))
        .flatten();
    let (replacement, applicability) = match list_argument {
        Some(arguments) => (format!("sorted{}", cx.text(arguments)), Applicability::Safe),
        None => (format!("sorted({})", cx.text(value)), Applicability::Unsafe),
    };
    let fix = Fix::new(
        "Use `sorted()`",
        vec![Edit::replace(ast::range(value), replacement), remove_statement(cx, sort_statement)],
        applicability,
    );
    let diagnostic = Diagnostic::new(
        Rule::SortedIdiom,
        ast::range(assignment),
        "Use `sorted()` rather than copying and sorting in place",
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Any));
}
