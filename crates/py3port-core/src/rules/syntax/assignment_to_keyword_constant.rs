//! PY3114: `True` and `False` used as names.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `True` or `False` assigned to, or used as a parameter or attribute name.
    ///
    /// ## What it does
    /// Checks for `True` and `False` used as names: assignment targets
    /// (`True, False = 1, 0`, the idiom that made Python 2.2 code run on older
    /// interpreters), parameter names, and attribute names (`obj.True`).
    ///
    /// ## Why is this bad?
    /// `True` and `False` are keywords on Python 3; using them as names is a syntax
    /// error.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     True
    /// except NameError:
    ///     True, False = 1, 0
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     True
    /// except NameError:
    ///     pass
    /// ```
    ///
    /// ## Fix safety
    /// An assignment that gives `True` and `False` their own values (`True = 1`,
    /// `False = 0`, `True, False = 1, 0`, `True = not 0`, ...) is removed, which is safe:
    /// the names already have those values (it becomes `pass` when it is alone in its
    /// block). Other uses are reported without a fix: they need a new name.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["True", "False"],
    check: Some(check),
    lib2to3: [],
    catalogue: [17],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // The grammar reads `True` and `False` as literals; as identifiers they exist only
    // where recovery had to rename them, or as attribute names.
    let text = cx.text(node);
    if text != "True" && text != "False" || !is_name_position(node) {
        return;
    }
    // `True, False = 1, 0` is one mistake, reported once, on the first name.
    let earlier_in_list = std::iter::successors(node.prev_named_sibling(), |n| n.prev_named_sibling())
        .any(|sibling| NodeKind::of(sibling) == NodeKind::Identifier && matches!(cx.text(sibling), "True" | "False"));
    if earlier_in_list {
        return;
    }
    let statement = ast::ancestor(node, &[NodeKind::ExpressionStatement]);
    let fix = statement.and_then(|statement| restoring_assignment(cx, statement)).and_then(|statement| {
        Fix::safe("Remove the assignment", vec![crate::rules::helpers::remove_statement(cx, statement)])
    });
    let diagnostic = Diagnostic::new(
        Rule::AssignmentToKeywordConstant,
        ast::range(node),
        format!("`{text}` is a keyword on Python 3 and cannot be used as a name"),
    )
    .with_fix(fix);
    cx.report(diagnostic);
}

/// The statement, if it assigns `True`/`False` their own values and nothing else.
fn restoring_assignment<'t>(cx: &Checker<'_>, statement: Node<'t>) -> Option<Node<'t>> {
    let assignment = statement.named_child(0).filter(|child| NodeKind::of(*child) == NodeKind::Assignment)?;
    let left = field(assignment, Field::Left)?;
    let right = field(assignment, Field::Right)?;
    let targets: Vec<Node<'_>> = match NodeKind::of(left) {
        NodeKind::PatternList | NodeKind::TuplePattern | NodeKind::Tuple => ast::code_children(left),
        _ => vec![left],
    };
    let values: Vec<Node<'_>> = match NodeKind::of(right) {
        NodeKind::ExpressionList | NodeKind::Tuple => ast::code_children(right),
        _ => vec![right],
    };
    if targets.len() != values.len() {
        return None;
    }
    let restores = targets.iter().zip(&values).all(|(target, value)| {
        let value = cx.text(*value).split_whitespace().collect::<Vec<_>>().join(" ");
        match cx.text(*target) {
            "True" => {
                matches!(value.as_str(), "1" | "not 0" | "not False" | "1 == 1" | "1==1" | "bool(1)" | "(1 == 1)")
            }
            "False" => matches!(
                value.as_str(),
                "0" | "not 1" | "not True" | "0 == 1" | "0==1" | "bool(0)" | "(0 == 1)" | "1 == 0"
            ),
            _ => false,
        }
    });
    restores.then_some(statement)
}

/// Whether an identifier is used as a name (bound, declared or an attribute name) rather
/// than read as a value: recovery renames every `True` on a broken line, including
/// `def f(flag=True)`'s default, which is fine on Python 3.
fn is_name_position(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else { return false };
    let is = |f: Field| field(parent, f) == Some(node);
    match NodeKind::of(parent) {
        NodeKind::Parameters
        | NodeKind::LambdaParameters
        | NodeKind::GlobalStatement
        | NodeKind::TuplePattern
        | NodeKind::ListPattern
        | NodeKind::PatternList => true,
        NodeKind::DefaultParameter
        | NodeKind::KeywordArgument
        | NodeKind::FunctionDefinition
        | NodeKind::ClassDefinition
        | NodeKind::TypedParameter
        | NodeKind::TypedDefaultParameter => is(Field::Name),
        NodeKind::Attribute => is(Field::Attribute),
        NodeKind::Assignment | NodeKind::AugmentedAssignment | NodeKind::ForStatement | NodeKind::ForInClause => {
            is(Field::Left)
        }
        NodeKind::AliasedImport => is(Field::Alias),
        // `True, False = 1, 0`: the left side is an expression list until the `=`.
        NodeKind::ExpressionList | NodeKind::Tuple => parent.parent().is_some_and(|grand| {
            matches!(NodeKind::of(grand), NodeKind::Assignment | NodeKind::ForStatement)
                && field(grand, Field::Left) == Some(parent)
        }),
        _ => false,
    }
}
