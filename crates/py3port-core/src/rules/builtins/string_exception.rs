//! PY3225: raising or throwing a string.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// A string raised as an exception (`raise "error"`, `gen.throw("error")`).
    ///
    /// ## What it does
    /// Checks for `raise` with a string literal, and `throw()` calls whose first argument
    /// is a string literal.
    ///
    /// ## Why is this bad?
    /// String exceptions were deprecated in Python 2.5 and removed in 2.6; on Python 3,
    /// raising a string is a `TypeError`, so the intended error is never seen.
    ///
    /// ## Example
    /// ```python
    /// raise "configuration missing"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// raise RuntimeError("configuration missing")
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: which exception class handlers expect is a design decision
    /// (string exceptions were caught by identity).
    fix: Never,
    kinds: [RaiseStatement, Call],
    // Calls only of a method named `throw` (`generator.throw("boom")`).
    names: ["throw"],
    check: Some(check),
    lib2to3: ["raise", "throw"],
    catalogue: [63],
}

/// A string literal, or a string built from one with `%` or `+`.
fn is_string(node: Node<'_>) -> bool {
    let node = ast::unparenthesize(node);
    match NodeKind::of(node) {
        NodeKind::String | NodeKind::ConcatenatedString => true,
        NodeKind::BinaryOperator => {
            crate::syntax_kind::field(node, crate::syntax_kind::Field::Operator)
                .is_some_and(|op| matches!(op.kind(), "%" | "+"))
                && crate::syntax_kind::field(node, crate::syntax_kind::Field::Left).is_some_and(is_string)
        }
        _ => false,
    }
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let raised = match NodeKind::of(node) {
        NodeKind::RaiseStatement => match node.named_child(0) {
            Some(value) if NodeKind::of(value) == NodeKind::ExpressionList => value.named_child(0),
            other => other,
        },
        _ => {
            let Some((_, method)) = method_call(node) else { return };
            if cx.text(method) != "throw" {
                return;
            }
            call_args(node).and_then(|args| args.positional.first().copied())
        }
    };
    let Some(raised) = raised.filter(|r| is_string(*r)) else { return };
    let diagnostic = Diagnostic::new(
        Rule::StringException,
        ast::range(raised),
        "String exceptions do not exist on Python 3 (raising one is a `TypeError`); raise an exception instance",
    );
    cx.push(Candidate::new(diagnostic, DialectGate::Any));
}
