//! PY3518: `six.print_()` and `six.exec_()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::{Field, field};

declare_rule! {
    /// `six.print_()` and `six.exec_()`: the builtins `print()` and `exec()` on Python 3.
    ///
    /// ## What it does
    /// Checks calls of these functions of the imported `six` module.
    ///
    /// ## Why is this bad?
    /// They stood in for the print statement and the exec statement on Python 2.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// six.print_("done", file=log)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// print("done", file=log)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the builtin's name; it is safe (the arguments are the same).
    fix: Always,
    kinds: [Call],
    names: ["print_", "exec_"],
    check: Some(check),
    lib2to3: [],
    catalogue: [155],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(name) = module_attribute(cx, function, "six") else { return };
    let builtin = match name {
        "print_" => "print",
        "exec_" => "exec",
        _ => return,
    };
    let fix = Fix::safe(format!("Use `{builtin}()`"), vec![Edit::replace(ast::range(function), builtin)]);
    report_module_use(
        cx,
        Rule::SixPrintExec,
        ast::range(function),
        "six",
        format!("`six.{name}` is `{builtin}` on Python 3"),
        fix,
    );
}
