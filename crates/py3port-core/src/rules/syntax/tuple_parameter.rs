//! PY3110: tuple parameters in `def` and `lambda`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::syntax::{fresh_name, insert_statements};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Tuple parameters (`def f((x, y)):`, `lambda (k, v): ...`), removed by PEP 3113.
    ///
    /// ## What it does
    /// Checks for parameters that unpack a tuple in `def` and `lambda`, and for single
    /// parameters in redundant parentheses (`lambda (x): x`).
    ///
    /// ## Why is this bad?
    /// Python 3 removed parameter unpacking; both forms are syntax errors.
    ///
    /// ## Example
    /// ```python
    /// pairs.sort(key=lambda (k, v): v)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// pairs.sort(key=lambda k_v: k_v[1])
    /// ```
    ///
    /// ## Fix safety
    /// The fix matches 2to3. In a `lambda`, the tuple becomes one parameter named after
    /// its parts and each use becomes an index (`k_v[1]`); that is safe. In a `def`, the
    /// tuple becomes a parameter with 2to3's placeholder name, `xxx_todo_changeme`, and
    /// the body starts by unpacking it; that is unsafe only in that the placeholder is
    /// meant to be renamed, and that introspection sees the new parameter name.
    fix: Sometimes,
    kinds: [FunctionDefinition, Lambda],
    check: Some(check),
    lib2to3: ["tuple_params"],
    catalogue: [9],
}

const MESSAGE: &str = "Tuple parameters are a syntax error on Python 3";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(parameters) = field(node, Field::Parameters) else { return };
    // A tuple parameter opens a parenthesis of its own (a `def`'s list has one more, a
    // `lambda`'s none): most lists have no other, and need no look at their parameters.
    let own = usize::from(NodeKind::of(node) != NodeKind::Lambda);
    if cx.text(parameters).matches('(').count() <= own {
        return;
    }
    let tuples: Vec<Node<'_>> = ast::named_children(parameters)
        .into_iter()
        .filter_map(|param| match NodeKind::of(param) {
            NodeKind::TuplePattern => Some(param),
            NodeKind::DefaultParameter => {
                field(param, Field::Name).filter(|name| NodeKind::of(*name) == NodeKind::TuplePattern)
            }
            _ => None,
        })
        .collect();
    if tuples.is_empty() {
        return;
    }
    let fix =
        if NodeKind::of(node) == NodeKind::Lambda { lambda_fix(cx, node, &tuples) } else { def_fix(cx, node, &tuples) };
    let range = ast::range(tuples[0]).cover(ast::range(tuples[tuples.len() - 1]));
    let diagnostic =
        crate::diagnostic::Diagnostic::new(Rule::TupleParameter, range, MESSAGE).with_fix(cx.fix_if_clean(node, fix));
    cx.report(diagnostic);
}

/// `pattern` without redundant parentheses: `(((x, y)))` is `(x, y)`, `((x))` is `x`.
fn unwrap(mut pattern: Node<'_>) -> Node<'_> {
    loop {
        let has_comma = ast::children(pattern).iter().any(|child| child.kind() == ",");
        let named = ast::code_children(pattern);
        match (NodeKind::of(pattern), named.as_slice()) {
            (NodeKind::TuplePattern, [inner]) if !has_comma => pattern = *inner,
            _ => return pattern,
        }
    }
}

/// The single name inside redundant parentheses, `((x))`, if that is all there is.
fn lone_name(pattern: Node<'_>) -> Option<Node<'_>> {
    let inner = unwrap(pattern);
    (NodeKind::of(inner) == NodeKind::Identifier).then_some(inner)
}

/// `name` for replacing `pattern`, with a space before it where `lambda(` had none.
fn spaced(cx: &Checker<'_>, pattern: Node<'_>, name: &str) -> String {
    let before = cx.source[..pattern.start_byte()].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') { format!(" {name}") } else { name.to_owned() }
}

fn def_fix(cx: &Checker<'_>, node: Node<'_>, tuples: &[Node<'_>]) -> Option<Fix> {
    let body = field(node, Field::Body)?;
    let mut edits = Vec::new();
    let mut assignments = Vec::new();
    let mut taken = Vec::new();
    for tuple in tuples {
        if let Some(name) = lone_name(*tuple) {
            edits.push(Edit::replace(ast::range(*tuple), cx.text(name)));
            continue;
        }
        let name = fresh_name(cx, "xxx_todo_changeme", &taken);
        taken.push(name.clone());
        assignments.push(format!("{} = {name}", cx.text(*tuple)));
        edits.push(Edit::replace(ast::range(*tuple), name));
    }
    if !assignments.is_empty() {
        edits.push(insert_statements(cx, body, true, &assignments)?);
    }
    let applicability = if assignments.is_empty() { Applicability::Safe } else { Applicability::Unsafe };
    Fix::new("Unpack the tuple in the function body", edits, applicability)
}

fn lambda_fix(cx: &Checker<'_>, node: Node<'_>, tuples: &[Node<'_>]) -> Option<Fix> {
    let body = field(node, Field::Body)?;
    let mut edits = Vec::new();
    // name -> its replacement (`x_y[0]`)
    let mut replacements: Vec<(&str, String)> = Vec::new();
    for tuple in tuples {
        if let Some(name) = lone_name(*tuple) {
            edits.push(Edit::replace(ast::range(*tuple), spaced(cx, *tuple, cx.text(name))));
            continue;
        }
        let mut leaves = Vec::new();
        collect_leaves(cx, *tuple, String::new(), &mut leaves);
        let names: Vec<&str> = leaves.iter().map(|(name, _)| *name).collect();
        let joined = if names.len() == 1 { format!("{}1", names[0]) } else { names.join("_") };
        for (name, index) in leaves {
            replacements.push((name, format!("{joined}{index}")));
        }
        edits.push(Edit::replace(ast::range(*tuple), spaced(cx, *tuple, &joined)));
    }
    // Rewrite each use of an unpacked name in the body. A nested lambda or
    // comprehension could rebind a name; give up rather than guess.
    let mut cursor = body.walk();
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        match NodeKind::of(current) {
            NodeKind::Lambda
            | NodeKind::ListComprehension
            | NodeKind::GeneratorExpression
            | NodeKind::SetComprehension
            | NodeKind::DictionaryComprehension => {
                let text = cx.text(current);
                if replacements.iter().any(|(name, _)| text.contains(name)) {
                    return None;
                }
                continue;
            }
            NodeKind::Identifier => {
                let is_attribute_name = current.parent().is_some_and(|parent| {
                    NodeKind::of(parent) == NodeKind::Attribute && field(parent, Field::Attribute) == Some(current)
                });
                let is_keyword_name = current.parent().is_some_and(|parent| {
                    NodeKind::of(parent) == NodeKind::KeywordArgument && field(parent, Field::Name) == Some(current)
                });
                if !is_attribute_name
                    && !is_keyword_name
                    && let Some((_, replacement)) = replacements.iter().find(|(name, _)| *name == cx.text(current))
                {
                    edits.push(Edit::replace(ast::range(current), replacement.clone()));
                }
                continue;
            }
            _ => {}
        }
        stack.extend(current.children(&mut cursor));
    }
    Fix::safe("Replace the tuple with one parameter and index it", edits)
}

/// The names in a (nested) tuple pattern with their index paths: `(x, (y, z))` gives
/// `x [0]`, `y [1][0]`, `z [1][1]`.
fn collect_leaves<'s>(cx: &Checker<'s>, pattern: Node<'_>, path: String, out: &mut Vec<(&'s str, String)>) {
    // Patterns nest as deep as the source does; past any real code's depth, stop.
    if path.len() > 200 {
        return;
    }
    let pattern = unwrap(pattern);
    if NodeKind::of(pattern) == NodeKind::Identifier {
        out.push((cx.text(pattern), path));
        return;
    }
    for (index, element) in ast::code_children(pattern).into_iter().enumerate() {
        collect_leaves(cx, element, format!("{path}[{index}]"), out);
    }
}
