//! PY3428: classic classes using features that only new-style classes honour.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::superclasses;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A class without base classes (a classic class on Python 2) that uses `__slots__`, property setters or `__getattribute__`, which only Python 3 will honour.
    ///
    /// ## What it does
    /// Checks class statements without base classes, in modules that do not set
    /// `__metaclass__`, whose body defines `__slots__`, a property with a setter
    /// (`@name.setter`, `property(get, set)`) or `__getattribute__` (high confidence),
    /// or `__getattr__` (medium confidence: it matters when the class relies on it for
    /// special methods such as `__len__`), in Python 2 code (Python 2 syntax or metadata,
    /// a project that is mostly Python 2, or removed builtins in the file): in Python 3
    /// code a class without bases is new-style already.
    ///
    /// ## Why is this bad?
    /// Every Python 3 class is new-style, so the behaviour changes: `__slots__` starts
    /// rejecting other attributes (`AttributeError`), assignments that used to store an
    /// instance attribute now run the property's setter, `__getattribute__` starts
    /// intercepting every attribute, and `len(proxy)` no longer goes through
    /// `__getattr__`.
    ///
    /// ## Example
    /// ```python
    /// class Point:
    ///     __slots__ = ("x", "y")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point(object):
    ///     __slots__ = ("x", "y")
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `(object)`, making Python 2 behave as Python 3 will, so the change
    /// can be tested before the switch; it is unsafe because it changes Python 2's
    /// behaviour, which is the point.
    fix: Always,
    kinds: [ClassDefinition],
    check: Some(check),
    lib2to3: [],
    catalogue: [57],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if superclasses(node).is_some_and(|bases| !bases.is_empty()) || cx.rebinds("__metaclass__") {
        return;
    }
    let (Some(name), Some(body)) = (field(node, Field::Name), field(node, Field::Body)) else { return };
    let Some((feature, confidence)) = new_style_feature(cx, body) else { return };
    let insert = match field(node, Field::Superclasses) {
        // `class A():`
        Some(list) => Edit::replace(ast::range(list), "(object)"),
        None => Edit::insert(name.end_byte() as u32, "(object)"),
    };
    let fix = Fix::unsafe_edits("Derive from `object`", vec![insert]);
    let mut diagnostic = Diagnostic::new(
        Rule::ClassicClassSemantics,
        ast::range(name),
        format!("Classic class with {feature}: Python 3 makes every class new-style, which changes its behaviour"),
    )
    .with_fix(fix);
    diagnostic.confidence = confidence;
    cx.push(Candidate::new(diagnostic, DialectGate::Python2));
}

/// The first new-style-only feature the class body uses.
fn new_style_feature(cx: &Checker<'_>, body: Node<'_>) -> Option<(&'static str, Confidence)> {
    let mut getattr = None;
    for member in ast::code_children(body) {
        match NodeKind::of(member) {
            NodeKind::ExpressionStatement => {
                let Some(assignment) = member.named_child(0).filter(|a| NodeKind::of(*a) == NodeKind::Assignment)
                else {
                    continue;
                };
                let target = field(assignment, Field::Left).map(|l| cx.text(l));
                if target == Some("__slots__") {
                    return Some(("`__slots__`", Confidence::High));
                }
                let value = field(assignment, Field::Right);
                let setter_property = value.is_some_and(|v| {
                    NodeKind::of(v) == NodeKind::Call
                        && ast::call_name(cx.source, v) == Some("property")
                        && field(v, Field::Arguments).is_some_and(|a| {
                            let args = ast::code_children(a);
                            args.iter().filter(|x| NodeKind::of(**x) != NodeKind::KeywordArgument).count() >= 2
                                || args.iter().any(|x| {
                                    NodeKind::of(*x) == NodeKind::KeywordArgument
                                        && field(*x, Field::Name).is_some_and(|n| cx.text(n) == "fset")
                                })
                        })
                });
                if setter_property {
                    return Some(("a property setter", Confidence::High));
                }
            }
            NodeKind::DecoratedDefinition => {
                let setter = ast::named_children(member).iter().any(|d| {
                    NodeKind::of(*d) == NodeKind::Decorator && {
                        let text = cx.text(*d);
                        text.trim_end().ends_with(".setter") || text.trim_end().ends_with(".deleter")
                    }
                });
                if setter {
                    return Some(("a property setter", Confidence::High));
                }
            }
            NodeKind::FunctionDefinition => match field(member, Field::Name).map(|n| cx.text(n)) {
                Some("__getattribute__") => return Some(("`__getattribute__`", Confidence::High)),
                Some("__getattr__") => getattr = Some(("`__getattr__`", Confidence::Medium)),
                _ => {}
            },
            _ => {}
        }
    }
    getattr
}
