//! PY3219: `iterator.next()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `it.next()`, Python 2's iterator method, renamed `__next__` in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of a `next` method without arguments, and for reads of a `next`
    /// attribute (`step = it.next`), on any object, as 2to3 does. Files that are already
    /// Python 3 are not checked. It also notes, with medium confidence, module-level
    /// bindings of the name `next`, which would hide the builtin `next()` the fix uses.
    ///
    /// ## Why is this bad?
    /// Python 3 iterators have `__next__`, not `next`: the call raises `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// header = reader.next()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// header = next(reader)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `next(it)` (or `it.__next__()` where the module rebinds `next`), as
    /// 2to3 does. It is unsafe when the project defines a `next` method of its own: the
    /// receiver may be such an object, which the builtin `next()` would not accept.
    /// Attribute reads (`step = it.next`) are reported with medium confidence and an
    /// unsafe fix (`it.__next__`), because `next` is also a common data attribute (the
    /// link of a linked list); in a module that assigns `x.next = ...` they are not
    /// reported at all.
    fix: Sometimes,
    kinds: [Call, Attribute, Identifier],
    names: ["next"],
    check: Some(check),
    lib2to3: ["next"],
    catalogue: [40],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::Call => call(cx, node),
        NodeKind::Attribute => attribute(cx, node),
        _ => binding(cx, node),
    }
}

fn call(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((receiver, method)) = method_call(node) else { return };
    if cx.text(method) != "next" || !call_args(node).is_some_and(|args| args.exactly(0)) {
        return;
    }
    let fix = Fix::safe(
        "Replace with `next()`",
        vec![Edit::replace(ast::range(node), format!("next({})", cx.text(receiver)))],
    );
    let shadowed = Fix::safe("Replace with `.__next__()`", vec![Edit::replace(ast::range(method), "__next__")]);
    let diagnostic =
        Diagnostic::new(Rule::NextMethodCall, ast::range(node), "`.next()` is `next()` on Python 3").with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.unsafe_if_method = Some("next");
    candidate.if_bound = Some(("next".to_owned(), shadowed));
    cx.push(candidate);
}

/// `step = it.next`: a bound method read, not called.
fn attribute(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(name) = field(node, Field::Attribute) else { return };
    let Some(parent) = cx.parent(node) else { return };
    let called = NodeKind::of(parent) == NodeKind::Call && field(parent, Field::Function) == Some(node);
    let stored = is_store_target(parent, node);
    if cx.text(name) != "next" || called {
        return;
    }
    if stored {
        // `__builtin__.next = f` replaces the builtin itself; `node.next = n` is a data
        // attribute, and makes every `.next` read of the module one.
        if field(node, Field::Object).is_some_and(|o| matches!(cx.text(o), "__builtin__" | "builtins")) {
            shadow(cx, node);
        } else {
            cx.mark("assigns-next-attribute");
        }
        return;
    }
    // `it.next` read without a call is a bound method only sometimes: linked lists call
    // their links `next`.
    let fix = Fix::unsafe_edits("Replace with `.__next__`", vec![Edit::replace(ast::range(name), "__next__")]);
    let diagnostic = Diagnostic::new(
        Rule::NextMethodCall,
        ast::range(name),
        "If this is an iterator's method, `.next` is `.__next__` on Python 3",
    )
    .with_fix(fix)
    .with_confidence(Confidence::Medium);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.unsafe_if_method = Some("next");
    candidate.unless_marker = Some("assigns-next-attribute");
    cx.push(candidate);
}

/// `A.next = f`, `(a, A.next) = f`: assignments, which 2to3 leaves alone.
fn is_store_target(parent: Node<'_>, node: Node<'_>) -> bool {
    let mut child = node;
    let mut current = parent;
    loop {
        match NodeKind::of(current) {
            NodeKind::PatternList
            | NodeKind::TuplePattern
            | NodeKind::ListPattern
            | NodeKind::Tuple
            | NodeKind::List => {
                child = current;
                match current.parent() {
                    Some(up) => current = up,
                    None => return false,
                }
            }
            NodeKind::Assignment | NodeKind::AugmentedAssignment | NodeKind::ForStatement => {
                return field(current, Field::Left) == Some(child);
            }
            _ => return false,
        }
    }
}

/// A binding of `next` at module level (or declared `global`) hides the builtin.
fn binding(cx: &mut Checker<'_>, node: Node<'_>) {
    if is_load(cx, node) {
        return;
    }
    let Some(parent) = cx.parent(node) else { return };
    if matches!(
        NodeKind::of(parent),
        NodeKind::Attribute | NodeKind::KeywordArgument | NodeKind::Parameters | NodeKind::DefaultParameter
    ) {
        return;
    }
    // `from six import next` (or `builtins`, `future.builtins`) binds the builtin itself.
    if let Some(import) = ast::ancestor(node, &[NodeKind::ImportFromStatement])
        && crate::rules::stdlib::from_module(cx, import)
            .is_some_and(|(module, _)| matches!(module.as_str(), "six" | "builtins" | "future.builtins"))
    {
        return;
    }
    // A definition's name belongs to the scope around the definition.
    let scope_start = if matches!(NodeKind::of(parent), NodeKind::FunctionDefinition | NodeKind::ClassDefinition) {
        parent
    } else {
        node
    };
    let in_function =
        ast::ancestor(scope_start, &[NodeKind::FunctionDefinition, NodeKind::ClassDefinition, NodeKind::Lambda]);
    let global = NodeKind::of(parent) == NodeKind::GlobalStatement;
    if in_function.is_some() && !global {
        return;
    }
    shadow(cx, node);
}

fn shadow(cx: &mut Checker<'_>, node: Node<'_>) {
    let diagnostic = Diagnostic::new(
        Rule::NextMethodCall,
        ast::range(node),
        "Binding `next` here hides the builtin `next()` that replaces `.next()` calls on Python 3",
    )
    .with_confidence(Confidence::Medium);
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
