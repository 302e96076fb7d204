//! PY3536: `dict()` of a generator of pairs, a dictionary comprehension since Python 2.7.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `dict((k, v) for ...)` or `dict([(k, v) for ...])`, written before dictionary comprehensions existed.
    ///
    /// ## What it does
    /// Checks calls of the builtin `dict()` whose only argument is a generator expression
    /// or list comprehension producing two-element tuples.
    ///
    /// ## Why is this bad?
    /// A dictionary comprehension says the same directly, without building tuples.
    ///
    /// ## Example
    /// ```python
    /// squares = dict((n, n * n) for n in range(10))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// squares = {n: n * n for n in range(10)}
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the comprehension; it is safe (where `dict` is the builtin).
    fix: Always,
    kinds: [Call],
    names: ["dict"],
    check: Some(check),
    lib2to3: [],
    catalogue: [177],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if ast::call_name(cx.source, node) != Some("dict") || cx.rebinds("dict") {
        return;
    }
    let Some(arguments) = field(node, Field::Arguments) else { return };
    let generator = match NodeKind::of(arguments) {
        NodeKind::GeneratorExpression => arguments,
        NodeKind::ArgumentList => match ast::code_children(arguments)[..] {
            [only] if NodeKind::of(only) == NodeKind::ListComprehension => only,
            _ => return,
        },
        _ => return,
    };
    let Some(body) = field(generator, Field::Body) else { return };
    let body = ast::unparenthesize(body);
    let elements = if NodeKind::of(body) == NodeKind::Tuple { ast::named_children(body) } else { return };
    let [key, value] = elements[..] else { return };
    let clauses = cx.source[body.end_byte()..generator.end_byte() - 1].trim_start_matches(')');
    let clauses = clauses.trim_end();
    let text = format!("{{{}: {}{}}}", cx.text(key), cx.text(value), clauses);
    let commented = crate::ast::children(generator).iter().any(|c| NodeKind::of(*c) == NodeKind::Comment);
    let fix = (!commented)
        .then(|| Fix::safe("Use a dictionary comprehension", vec![Edit::replace(ast::range(node), text)]))
        .flatten();
    report(cx, Rule::DictComprehension, ast::range(node), "Use a dictionary comprehension", fix);
}
