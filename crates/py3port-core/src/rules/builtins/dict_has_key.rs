//! PY3218: `dict.has_key()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, maybe_parenthesized, needs_parentheses_in_comparison};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `d.has_key(k)`, removed from dictionaries in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of a `has_key` method with one argument, on any object, as 2to3
    /// does. Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3's `dict` has no `has_key` method: the call raises `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// if not options.has_key("verbose"):
    ///     options["verbose"] = False
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if "verbose" not in options:
    ///     options["verbose"] = False
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `k in d` (`k not in d` for `not d.has_key(k)`), with parentheses
    /// where precedence needs them, as 2to3 does. It is safe for dictionaries; when the
    /// project defines a `has_key` method of its own, the receiver may be such an object
    /// without `__contains__`, so the fix is unsafe.
    fix: Always,
    kinds: [Call],
    names: ["has_key"],
    check: Some(check),
    lib2to3: ["has_key"],
    catalogue: [30],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((receiver, method)) = method_call(node) else { return };
    if cx.text(method) != "has_key" {
        return;
    }
    let Some(args) = call_args(node) else { return };
    if !args.exactly(1) && !args.generator {
        return;
    }
    let key = args.positional[0];
    let key_text = if args.generator {
        format!("({})", cx.text(key))
    } else {
        maybe_parenthesized(cx.text(key), needs_parentheses_in_comparison(key))
    };
    let receiver_text = maybe_parenthesized(cx.text(receiver), needs_parentheses_in_comparison(receiver));
    let parent = cx.parent(node);
    let (target, text) = match parent {
        Some(not) if NodeKind::of(not) == NodeKind::NotOperator => {
            let text = format!("{key_text} not in {receiver_text}");
            (not, maybe_parenthesized(&text, needs_wrapping(not)))
        }
        _ => {
            let text = format!("{key_text} in {receiver_text}");
            (node, maybe_parenthesized(&text, needs_wrapping(node)))
        }
    };
    let fix = Fix::safe("Replace with `in`", vec![Edit::replace(ast::range(target), text)]);
    let diagnostic =
        Diagnostic::new(Rule::DictHasKey, ast::range(node), "`.has_key()` does not exist on Python 3; use `in`")
            .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.unsafe_if_method = Some("has_key");
    cx.push(candidate);
}

/// Whether a comparison put where `node` is needs parentheses: everywhere but in looser
/// contexts (statements, arguments, `and`/`or`, conditions).
fn needs_wrapping(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else { return false };
    !matches!(
        NodeKind::of(parent),
        NodeKind::ExpressionStatement
            | NodeKind::Assignment
            | NodeKind::AugmentedAssignment
            | NodeKind::ArgumentList
            | NodeKind::KeywordArgument
            | NodeKind::BooleanOperator
            | NodeKind::NotOperator
            | NodeKind::ConditionalExpression
            | NodeKind::ParenthesizedExpression
            | NodeKind::ReturnStatement
            | NodeKind::IfStatement
            | NodeKind::ElifClause
            | NodeKind::WhileStatement
            | NodeKind::AssertStatement
            | NodeKind::List
            | NodeKind::Tuple
            | NodeKind::Set
            | NodeKind::Pair
            | NodeKind::ExpressionList
            | NodeKind::Lambda
            | NodeKind::Subscript
            | NodeKind::Yield
            | NodeKind::PrintStatement
            | NodeKind::IfClause
    )
}
