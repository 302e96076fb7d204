//! PY3537: `type('')` and friends, for the type a name says.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::rules::leftovers::report;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `type('')`, `type(0)`, `type(u'')`: the type of a literal, where its name says it.
    ///
    /// ## What it does
    /// Checks calls of the builtin `type()` with one literal argument: a string, bytes,
    /// an integer, a float or a complex number.
    ///
    /// ## Why is this bad?
    /// Python 2 code used `type(u'')` to get `unicode` portably; on Python 3 it is `str`.
    ///
    /// ## Example
    /// ```python
    /// TEXT = type(u"")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// TEXT = str
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the type's name; it is safe where `type` and the name are the
    /// builtins (a module rebinding either is not reported).
    fix: Always,
    kinds: [Call],
    names: ["type"],
    check: Some(check),
    lib2to3: [],
    catalogue: [182],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if ast::call_name(cx.source, node) != Some("type") || cx.rebinds("type") {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let [argument] = args.positional[..] else { return };
    if !args.keywords.is_empty() {
        return;
    }
    let name = match NodeKind::of(argument) {
        NodeKind::String => match cx.string_parts(argument) {
            Some(parts) if parts.is_format() => return,
            Some(parts) if parts.is_bytes() => "bytes",
            Some(_) => "str",
            None => return,
        },
        NodeKind::Integer if !cx.text(argument).ends_with(['j', 'J']) => "int",
        NodeKind::Float if !cx.text(argument).ends_with(['j', 'J']) => "float",
        NodeKind::Integer | NodeKind::Float => "complex",
        _ => return,
    };
    if cx.rebinds(name) {
        return;
    }
    let fix = Fix::safe(format!("Use `{name}`"), vec![Edit::replace(ast::range(node), name)]);
    report(cx, Rule::TypeOfPrimitive, ast::range(node), format!("This is `{name}`"), fix);
}
