//! PY3102: the Python 2 `exec` statement.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::parse::PatchKind;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// The Python 2 `exec` statement, a syntax error on Python 3.
    ///
    /// ## What it does
    /// Checks for `exec code`, `exec code in globals` and `exec code in globals, locals`,
    /// including forms the parser needs recovery for, such as `exec code % args in ns`
    /// and `exec (code) in ns`.
    ///
    /// ## Why is this bad?
    /// `exec` is a function on Python 3; the statement is a syntax error.
    ///
    /// ## Example
    /// ```python
    /// exec source in namespace
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// exec(source, namespace)
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe and matches 2to3. It does not change a separate hazard: inside a
    /// function, Python 3's `exec()` cannot rebind the function's local variables.
    fix: Sometimes,
    kinds: [ExecStatement, DeleteStatement, ExpressionStatement],
    check: Some(check),
    lib2to3: ["exec"],
    catalogue: [2],
}

const MESSAGE: &str = "`exec` statement is a syntax error on Python 3";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::ExecStatement => native(cx, node),
        NodeKind::DeleteStatement if cx.patch(node) == Some(PatchKind::ExecStatement) => recovered(cx, node),
        NodeKind::ExpressionStatement => parenthesized(cx, node),
        _ => {}
    }
}

/// `exec code [in g[, l]]`, as the grammar parses it.
fn native(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(code) = field(node, Field::Code) else { return };
    let namespaces: Vec<Node<'_>> = ast::named_children(node)
        .into_iter()
        .filter(|child| child.start_byte() >= code.end_byte() && NodeKind::of(*child) != NodeKind::Comment)
        .collect();
    if namespaces.is_empty() && already_call(code) {
        return;
    }
    if namespaces.is_empty() && NodeKind::of(code) == NodeKind::ParenthesizedExpression {
        // `exec ((code, globals))`: a call with one tuple argument on Python 3.
        cx.report(cx.diagnostic(Rule::ExecStatement, node, MESSAGE));
        return;
    }
    report(cx, node, TextRange::from_usize(code.byte_range()), namespaces.first().map(|ns| ns.start_byte() as u32));
}

/// `exec(code, globals)` and `exec (code)`, whose code is `code`: Python 2 reads the
/// tuple form as `exec code in globals`, and Python 3 reads both as the same call. (The
/// grammar reads them as calls where it can; error recovery can still produce this
/// shape, and wrapping it again would turn the tuple into one argument.)
fn already_call(code: Node<'_>) -> bool {
    match NodeKind::of(code) {
        NodeKind::Tuple => true,
        NodeKind::ParenthesizedExpression => {
            code.named_child(0).is_some_and(|inner| NodeKind::of(inner) != NodeKind::Tuple)
        }
        _ => false,
    }
}

/// `exec code % x in ns`, which recovery parsed as `del code % x in ns`.
fn recovered(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(body) = node.named_child(0) else { return };
    let first = match NodeKind::of(body) {
        NodeKind::ExpressionList => body.named_child(0),
        _ => Some(body),
    };
    let Some(first) = first else { return };
    // `code in ns`: the last `in` of the first comparison separates code and globals.
    let in_operator = (NodeKind::of(first) == NodeKind::ComparisonOperator)
        .then(|| ast::children(first).into_iter().rev().find(|child| child.kind() == "in"))
        .flatten();
    match in_operator {
        Some(operator) => {
            let code_end = operator.prev_sibling().map_or(first.start_byte(), |prev| prev.end_byte());
            let namespace = operator.next_sibling().map(|next| next.start_byte() as u32);
            report(cx, node, TextRange::new(first.start_byte() as u32, code_end as u32), namespace);
        }
        // `exec(code, globals)` and `exec (code)`: already the call Python 3 reads.
        None if already_call(body) => {}
        // `exec ((code, globals))`: a call with one tuple argument on Python 3.
        None if NodeKind::of(body) == NodeKind::ParenthesizedExpression => {
            cx.report(cx.diagnostic(Rule::ExecStatement, node, MESSAGE));
        }
        None if NodeKind::of(body) != NodeKind::ExpressionList => {
            report(cx, node, TextRange::from_usize(body.byte_range()), None);
        }
        None => {
            cx.report(cx.diagnostic(Rule::ExecStatement, node, MESSAGE));
        }
    }
}

/// `exec (code) in ns`, which the grammar reads as the comparison `exec(code) in ns`.
fn parenthesized(cx: &mut Checker<'_>, node: Node<'_>) {
    // The statement starts with the call to `exec` (the cheap test first).
    if !cx.text(node).starts_with("exec") {
        return;
    }
    let Some(comparison) = node.named_child(0).filter(|child| NodeKind::of(*child) == NodeKind::ComparisonOperator)
    else {
        return;
    };
    let Some(call) = comparison.named_child(0).filter(|child| NodeKind::of(*child) == NodeKind::Call) else { return };
    if ast::call_name(cx.source, call) != Some("exec") || call.start_byte() != node.start_byte() {
        return;
    }
    let children = ast::children(comparison);
    if children.get(1).is_none_or(|operator| operator.kind() != "in") {
        return;
    }
    let Some(arguments) = field(call, Field::Arguments) else { return };
    let namespace = children.get(2).map(|ns| ns.start_byte() as u32);
    report(cx, node, TextRange::from_usize(arguments.byte_range()), namespace);
}

/// Reports `node` with the fix `exec(<code>, <namespaces...>)`; `namespace` is where the
/// first namespace starts, if there is one.
fn report(cx: &mut Checker<'_>, node: Node<'_>, code: TextRange, namespace: Option<u32>) {
    let start = node.start_byte() as u32;
    let end = node.end_byte() as u32;
    if !(start + 4 <= code.start() && code.end() <= namespace.unwrap_or(end) && namespace.unwrap_or(end) <= end) {
        cx.report(cx.diagnostic(Rule::ExecStatement, node, MESSAGE));
        return;
    }
    let mut edits = vec![Edit::replace(TextRange::new(start + 4, code.start()), "(")];
    match namespace {
        Some(namespace) => {
            edits.push(Edit::replace(TextRange::new(code.end(), namespace), ", "));
            edits.push(Edit::insert(end, ")"));
        }
        None => edits.push(Edit::replace(TextRange::new(code.end(), end), ")")),
    }
    let fix = Fix::safe("Replace with an `exec()` call", edits);
    let diagnostic = cx.diagnostic(Rule::ExecStatement, node, MESSAGE).with_fix(cx.fix_if_clean(node, fix));
    cx.report(diagnostic);
}
