//! PY3535: `print((x))`, the double parentheses of some converters.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `print((x))`: parentheses around the only argument of `print()`, as 2to3 and modernize wrote them.
    ///
    /// ## What it does
    /// Checks `print()` calls whose only argument is a parenthesised expression that is
    /// not a tuple or a generator.
    ///
    /// ## Why is this bad?
    /// The inner parentheses do nothing; they are what converting `print (x)` mechanically
    /// leaves behind.
    ///
    /// ## Example
    /// ```python
    /// print(("done"))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// print("done")
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the inner parentheses; it is safe (a comment inside them keeps
    /// them).
    fix: Sometimes,
    kinds: [Call],
    names: ["print"],
    check: Some(check),
    lib2to3: [],
    catalogue: [175],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if ast::call_name(cx.source, node) != Some("print") {
        return;
    }
    let Some(arguments) = field(node, Field::Arguments).filter(|a| NodeKind::of(*a) == NodeKind::ArgumentList) else {
        return;
    };
    let [inner] = ast::code_children(arguments)[..] else { return };
    if NodeKind::of(inner) != NodeKind::ParenthesizedExpression {
        return;
    }
    let children = ast::named_children(inner);
    let [expression] = children[..] else { return };
    if matches!(NodeKind::of(expression), NodeKind::Tuple | NodeKind::GeneratorExpression | NodeKind::Yield) {
        return;
    }
    let commented = crate::ast::children(inner).iter().any(|c| NodeKind::of(*c) == NodeKind::Comment);
    let fix = (!commented)
        .then(|| Fix::safe("Remove the extra parentheses", vec![Edit::replace(ast::range(inner), cx.text(expression))]))
        .flatten();
    report(cx, Rule::PrintExtraParentheses, ast::range(inner), "Extra parentheses around `print()`'s argument", fix);
}
