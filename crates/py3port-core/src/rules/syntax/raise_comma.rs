//! PY3109: `raise E, V` and `raise E, V, T`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `raise E, V` and `raise E, V, T`, Python 2's comma forms of `raise`.
    ///
    /// ## What it does
    /// Checks for `raise` statements that separate the exception, its value and a
    /// traceback with commas.
    ///
    /// ## Why is this bad?
    /// Python 3 accepts only `raise E(V)`, and attaches a traceback with
    /// `.with_traceback(T)`; the comma forms are syntax errors.
    ///
    /// ## Example
    /// ```python
    /// raise ValueError, "bad port: %d" % port
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// raise ValueError("bad port: %d" % port)
    /// ```
    ///
    /// ## Fix safety
    /// Python 2 raised `V` itself when it was already an instance of `E`, and `E(*V)`
    /// when it was a tuple. The fix writes `raise E(V)` (and `E(*V)` for a literal tuple,
    /// `raise E` for `None`), which is only right when `V` is not an exception instance,
    /// so it is safe when `V` is a literal or a formatting expression, and unsafe
    /// otherwise: in the re-raise idiom `raise t, v, tb`, `v` is usually the instance
    /// and `raise v.with_traceback(tb)` is what was meant. A tuple of exception classes
    /// raised the first one, as 2to3 does. `raise "message", V` (a string exception) is
    /// reported without a fix.
    fix: Sometimes,
    kinds: [RaiseStatement],
    check: Some(check),
    lib2to3: ["raise"],
    catalogue: [7, 8],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(list) = node.named_child(0).filter(|child| NodeKind::of(*child) == NodeKind::ExpressionList) else {
        return;
    };
    let parts = ast::code_children(list);
    if !(2..=3).contains(&parts.len()) {
        return;
    }
    let exception = first_of_tuple(parts[0]);
    let message = if parts.len() == 3 {
        "`raise E, V, T` is a syntax error on Python 3; use `raise E(V).with_traceback(T)`"
    } else {
        "`raise E, V` is a syntax error on Python 3; use `raise E(V)`"
    };
    let diagnostic = cx.diagnostic(Rule::RaiseComma, node, message);
    if matches!(NodeKind::of(exception), NodeKind::String | NodeKind::ConcatenatedString) {
        let diagnostic = cx.diagnostic(
            Rule::RaiseComma,
            node,
            "`raise \"message\", V` raises a string exception, which Python 3 does not allow; raise an exception class",
        );
        cx.report(diagnostic);
        return;
    }
    let value = ast::unparenthesize(parts[1]);
    let value_text = cx.text(parts[1]);
    let is_none = NodeKind::of(value) == NodeKind::None;
    let arguments = if NodeKind::of(value) == NodeKind::Tuple {
        let inner = cx.text(value);
        inner[1..inner.len() - 1].to_owned()
    } else {
        value_text.to_owned()
    };
    let exception_text = cx.text(exception);
    let raised = if is_none { exception_text.to_owned() } else { format!("{exception_text}({arguments})") };
    let mut applicability = if is_none || is_plain_value(value) { Applicability::Safe } else { Applicability::Unsafe };
    let replacement = match parts.get(2) {
        Some(traceback) => {
            // `raise E, None, tb` re-raises E with a traceback; E is a class unless it is
            // a call, so instantiate it.
            let raised = if is_none && NodeKind::of(exception) != NodeKind::Call {
                applicability = Applicability::Unsafe;
                format!("{exception_text}()")
            } else {
                raised.clone()
            };
            format!("{raised}.with_traceback({})", cx.text(*traceback))
        }
        None => raised.clone(),
    };
    let fix = Fix::new("Replace with `raise E(V)`", vec![Edit::replace(ast::range(list), replacement)], applicability);
    let diagnostic = diagnostic.with_fix(cx.fix_if_clean(node, fix));
    let mut candidate = crate::checker::Candidate::new(diagnostic, crate::checker::DialectGate::Any);
    // 2-and-3 code: `with_traceback` is Python 3 only; six and future re-raise for both.
    if parts.len() == 3 && cx.settings.target == crate::settings::Target::Py2Py3 {
        let arguments = parts.iter().map(|p| cx.text(*p)).collect::<Vec<_>>().join(", ");
        let (call, import) = match cx.settings.compat_library {
            // `six.reraise` runs `raise E, V, T` itself on Python 2 and wants the instance
            // on Python 3: a name, attribute or subscript is passed through, as in the
            // re-raise idiom `raise t, v, tb` (`six.reraise(*sys.exc_info())`), and so is
            // `None`; another value (a message) becomes the instance Python 2 built, `E(V)`.
            crate::settings::CompatLibrary::Six => (
                format!(
                    "six.reraise({exception_text}, {}, {})",
                    if may_be_instance(value) { value_text } else { raised.as_str() },
                    cx.text(parts[2])
                ),
                crate::checker::ImportRequest { module: "six", name: None, after: None },
            ),
            crate::settings::CompatLibrary::Future => (
                format!("raise_({arguments})"),
                crate::checker::ImportRequest { module: "future.utils", name: Some("raise_"), after: None },
            ),
            crate::settings::CompatLibrary::None => {
                (String::new(), crate::checker::ImportRequest { module: "", name: None, after: None })
            }
        };
        candidate.compat = Some(if call.is_empty() {
            crate::compat::Compat::Fix(None, Vec::new())
        } else {
            crate::compat::Compat::Fix(
                Fix::new(
                    format!("Replace with `{call}`"),
                    vec![Edit::replace(ast::range(node), call.clone())],
                    applicability,
                ),
                vec![import],
            )
        });
    }
    cx.push(candidate);
}

/// Python 2 raised the first element of a tuple of exceptions, recursively.
fn first_of_tuple(mut node: Node<'_>) -> Node<'_> {
    loop {
        node = ast::unparenthesize(node);
        match NodeKind::of(node) {
            NodeKind::Tuple => match node.named_child(0) {
                Some(first) => node = first,
                None => return node,
            },
            _ => return node,
        }
    }
}

/// Whether a value is how a caught exception instance is usually passed on: a name, an
/// attribute or a subscript (`sys.exc_info()[1]`), or `None`.
fn may_be_instance(node: Node<'_>) -> bool {
    matches!(NodeKind::of(node), NodeKind::Identifier | NodeKind::Attribute | NodeKind::Subscript | NodeKind::None)
}

/// Whether a value cannot be an exception instance: literals and string formatting.
fn is_plain_value(node: Node<'_>) -> bool {
    match NodeKind::of(node) {
        NodeKind::String
        | NodeKind::ConcatenatedString
        | NodeKind::Integer
        | NodeKind::Float
        | NodeKind::True
        | NodeKind::False
        | NodeKind::List
        | NodeKind::Dictionary
        | NodeKind::ListComprehension => true,
        NodeKind::Tuple => ast::named_children(node).into_iter().all(is_plain_value),
        NodeKind::BinaryOperator => node.named_child(0).is_some_and(is_plain_value),
        NodeKind::ParenthesizedExpression => node.named_child(0).is_some_and(is_plain_value),
        NodeKind::Call => node.named_child(0).is_some_and(|function| match NodeKind::of(function) {
            NodeKind::Attribute => function.named_child(0).is_some_and(is_plain_value),
            _ => false,
        }),
        _ => false,
    }
}
