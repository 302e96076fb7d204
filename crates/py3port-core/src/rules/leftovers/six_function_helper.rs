//! PY3523: six's accessors of functions and methods (`six.get_function_code(f)`,
//! `six.get_unbound_function(m)`, `six.callable(x)`, `six.next(it)`).

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, in_expression_slot, needs_parentheses};
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::{Field, field};

declare_rule! {
    /// `six.get_function_code(f)`, `six.get_method_self(m)`, `six.get_unbound_function(m)`, `six.callable(x)` and the like: attributes and builtins on Python 3.
    ///
    /// ## What it does
    /// Checks calls of six's function and method helpers and of its aliases of builtins
    /// (`six.callable`, `six.next`, `six.advance_iterator`) on the imported `six` module.
    ///
    /// ## Why is this bad?
    /// They bridged Python 2's `func_code` and `im_self` attributes, unbound methods and
    /// the missing `callable()` of Python 3.0 and 3.1. On Python 3 the attributes are
    /// `__code__`, `__self__` and the like, unbound methods are plain functions and the
    /// builtins are back.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// def owner(method):
    ///     return six.get_method_self(method)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def owner(method):
    ///     return method.__self__
    /// ```
    ///
    /// ## Fix safety
    /// The attribute accessors become the attribute, `get_unbound_function(m)` and
    /// `create_unbound_method(f, cls)` become their first argument, and the builtins'
    /// aliases the builtin; it is safe. `create_bound_method(f, obj)` is
    /// `types.MethodType(f, obj)`, and gets no fix.
    fix: Sometimes,
    kinds: [Call],
    names: [
        "get_unbound_function", "create_unbound_method", "create_bound_method",
        "get_method_function", "get_method_self", "get_function_closure", "get_function_code",
        "get_function_defaults", "get_function_globals", "callable", "next", "advance_iterator",
    ],
    check: Some(check),
    lib2to3: [],
    catalogue: [160],
}

/// What the call is on Python 3.
enum Replacement {
    Attribute(&'static str),
    FirstArgument,
    Builtin(&'static str),
    NoFix(&'static str),
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(name) = module_attribute(cx, function, "six") else { return };
    let (replacement, arity) = match name {
        "get_method_function" => (Replacement::Attribute("__func__"), 1),
        "get_method_self" => (Replacement::Attribute("__self__"), 1),
        "get_function_closure" => (Replacement::Attribute("__closure__"), 1),
        "get_function_code" => (Replacement::Attribute("__code__"), 1),
        "get_function_defaults" => (Replacement::Attribute("__defaults__"), 1),
        "get_function_globals" => (Replacement::Attribute("__globals__"), 1),
        "get_unbound_function" => (Replacement::FirstArgument, 1),
        "create_unbound_method" => (Replacement::FirstArgument, 2),
        "create_bound_method" => (Replacement::NoFix("types.MethodType"), 2),
        "callable" => (Replacement::Builtin("callable"), 1),
        "next" | "advance_iterator" => (Replacement::Builtin("next"), 0),
        _ => return,
    };
    let Some(args) = call_args(node) else { return };
    let plain = args.keywords.is_empty() && (arity == 0 || args.positional.len() == arity);
    let first = args.positional.first().copied();
    let (fix, says) = match replacement {
        Replacement::Attribute(attribute) => {
            let fix = first.filter(|_| plain).and_then(|first| {
                let receiver = cx.text(first);
                let receiver = if needs_parentheses(first) { format!("({receiver})") } else { receiver.to_owned() };
                Fix::safe(
                    format!("Use `.{attribute}`"),
                    vec![Edit::replace(ast::range(node), format!("{receiver}.{attribute}"))],
                )
            });
            (fix, format!("`.{attribute}`"))
        }
        Replacement::FirstArgument => {
            // `create_unbound_method(f, cls)`: the class is dropped, so it must not call.
            let pure = args.positional.get(1).is_none_or(|cls| {
                let mut calls = false;
                ast::walk_named(*cls, |n| {
                    calls |= n.kind() == "call";
                    !calls
                });
                !calls
            });
            let fix = first.filter(|_| plain && pure).and_then(|first| {
                let text = cx.text(first);
                let wrap = !in_expression_slot(node) && needs_parentheses(first);
                let text = if wrap { format!("({text})") } else { text.to_owned() };
                Fix::safe("Use the function", vec![Edit::replace(ast::range(node), text)])
            });
            (fix, "the function itself".to_owned())
        }
        Replacement::Builtin(builtin) => {
            let fix = plain
                .then(|| Fix::safe(format!("Use `{builtin}()`"), vec![Edit::replace(ast::range(function), builtin)]));
            (fix.flatten(), format!("`{builtin}()`"))
        }
        Replacement::NoFix(what) => (None, format!("`{what}()`")),
    };
    report_module_use(
        cx,
        Rule::SixFunctionHelper,
        ast::range(node),
        "six",
        format!("`six.{name}()` is {says} on Python 3"),
        fix,
    );
}
