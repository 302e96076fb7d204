//! PY3511: `super(Class, self)` where `super()` says the same.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::rules::leftovers::report;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `super(Class, self)` inside `Class`'s own method, where Python 3's `super()` means the same.
    ///
    /// ## What it does
    /// Checks `super()` calls with two arguments, the enclosing class's name and the
    /// method's first parameter, directly in a method (not in a nested function or
    /// lambda, where the zero-argument form does not work).
    ///
    /// ## Why is this bad?
    /// Python 2 required the arguments; repeating the class name breaks when the class
    /// is renamed or copied.
    ///
    /// ## Example
    /// ```python
    /// class Child(Base):
    ///     def __init__(self):
    ///         super(Child, self).__init__()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Child(Base):
    ///     def __init__(self):
    ///         super().__init__()
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the arguments. It is unsafe: if the class's name is rebound after
    /// the class statement (a decorator returning another class), the two forms differ.
    fix: Always,
    kinds: [Call],
    names: ["super"],
    check: Some(check),
    lib2to3: [],
    catalogue: [147],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if ast::call_name(cx.source, node) != Some("super") || cx.rebinds("super") {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let [class_arg, self_arg] = args.positional.as_slice() else { return };
    if !args.keywords.is_empty() || NodeKind::of(*class_arg) != NodeKind::Identifier {
        return;
    }
    // The function the call is directly in, and the class that function is a method of.
    let mut current = cx.parent(node);
    let function = loop {
        let Some(parent) = current else { return };
        match NodeKind::of(parent) {
            NodeKind::FunctionDefinition => break parent,
            NodeKind::Lambda | NodeKind::ClassDefinition => return,
            _ => current = parent.parent(),
        }
    };
    let Some((class, _)) = crate::rules::behaviour::method_class(function) else { return };
    let class_name = field(class, Field::Name).map(|n| cx.text(n));
    let first_parameter = field(function, Field::Parameters).and_then(|p| {
        let mut names = Vec::new();
        crate::semantic::parameter_names(p, &mut names);
        names.first().map(|n| cx.text(*n))
    });
    if class_name != Some(cx.text(*class_arg)) || first_parameter != Some(cx.text(*self_arg)) {
        return;
    }
    let fix = Fix::unsafe_edits("Use `super()`", vec![Edit::replace(ast::range(args.list), "()")]);
    report(cx, Rule::SuperWithArguments, ast::range(node), "`super()` needs no arguments on Python 3", fix);
}
