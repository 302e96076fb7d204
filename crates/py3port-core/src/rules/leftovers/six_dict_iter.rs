//! PY3516: `six.iteritems(d)` and the other dictionary helpers.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, needs_parentheses};
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `six.iteritems(d)`, `six.iterkeys(d)`, `six.itervalues(d)` and the `view` ones: a method call on Python 3.
    ///
    /// ## What it does
    /// Checks calls of these functions of the imported `six` module (and of
    /// `future.utils`, imported by name) with one argument.
    ///
    /// ## Why is this bad?
    /// On Python 3 they are `d.items()`, `d.keys()` and `d.values()` wrapped in `iter()`.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// for key, value in six.iteritems(settings):
    ///     print(key, value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for key, value in settings.items():
    ///     print(key, value)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the method call, inside `iter()` where the result is passed to
    /// `next()`; it is safe.
    fix: Always,
    kinds: [Call],
    names: ["iteritems", "iterkeys", "itervalues", "viewitems", "viewkeys", "viewvalues"],
    check: Some(check),
    lib2to3: [],
    catalogue: [153],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let (name, from_six) = match NodeKind::of(function) {
        NodeKind::Attribute => match module_attribute(cx, function, "six") {
            Some(name) => (name, true),
            None => return,
        },
        NodeKind::Identifier => (cx.text(function), false),
        _ => return,
    };
    let method = match name {
        "iteritems" | "viewitems" => "items",
        "iterkeys" | "viewkeys" => "keys",
        "itervalues" | "viewvalues" => "values",
        _ => return,
    };
    let Some(args) = call_args(node) else { return };
    let [dictionary] = args.positional[..] else { return };
    if !args.keywords.is_empty() {
        return;
    }
    let receiver = cx.text(dictionary);
    let receiver = if needs_parentheses(dictionary) { format!("({receiver})") } else { receiver.to_owned() };
    let call = format!("{receiver}.{method}()");
    let in_next = node
        .parent()
        .filter(|p| NodeKind::of(*p) == NodeKind::ArgumentList)
        .and_then(|p| p.parent())
        .is_some_and(|outer| ast::call_name(cx.source, outer) == Some("next"));
    let replacement = if in_next && name.starts_with("iter") { format!("iter({call})") } else { call };
    let fix = Fix::safe(format!("Use `{replacement}`"), vec![Edit::replace(ast::range(node), replacement.clone())]);
    let message = format!("`{name}()` is `{replacement}` on Python 3");
    if from_six {
        report_module_use(cx, Rule::SixDictIter, ast::range(node), "six", message, fix);
    } else {
        // `from future.utils import iteritems` or `from six import iteritems`: one of the
        // two candidates survives, the one whose import the module has.
        let mut candidate = crate::checker::Candidate::new(
            crate::diagnostic::Diagnostic::new(Rule::SixDictIter, ast::range(node), message).with_fix(fix),
            crate::checker::DialectGate::Any,
        );
        candidate.requires_import = Some((name.to_owned(), format!("six.{name}")));
        let alternative = candidate.clone();
        cx.push(candidate);
        let mut future = alternative;
        future.requires_import = Some((name.to_owned(), format!("future.utils.{name}")));
        cx.push(future);
    }
}
