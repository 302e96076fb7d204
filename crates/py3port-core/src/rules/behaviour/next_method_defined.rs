//! PY3408: iterator classes defining `next` without `__next__`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A class that defines `next(self)` but not `__next__`: not an iterator on Python 3.
    ///
    /// ## What it does
    /// Checks methods named `next` that take only `self`, in classes that do not also
    /// define `__next__`. A class with `__iter__` is an iterator in any file that is not
    /// Python 3; another `next` method (a cursor's, a shelf's, one only ever called as
    /// `obj.next()`, which keeps working) is reported with medium confidence, and only in
    /// Python 2 code: files with Python 2 syntax, files of a project that is Python 2 by
    /// its metadata or by most of its files, and files that use removed builtins.
    ///
    /// ## Why is this bad?
    /// Python 3 calls `__next__`: a `for` loop over such an object raises
    /// `TypeError: iter() returned non-iterator`.
    ///
    /// ## Example
    /// ```python
    /// class Countdown(object):
    ///     def __iter__(self):
    ///         return self
    ///     def next(self):
    ///         return self.step()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Countdown(object):
    ///     def __iter__(self):
    ///         return self
    ///     def __next__(self):
    ///         return self.step()
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the method to `__next__`, as 2to3 does. Callers that still call
    /// `.next()` must become `next(obj)` (PY3219 does that in this project); code outside
    /// the project that calls `.next()` breaks, and a class that must keep working on
    /// Python 2 needs `next = __next__` as well.
    fix: Always,
    kinds: [FunctionDefinition],
    names: ["next"],
    check: Some(check),
    lib2to3: ["next"],
    catalogue: [39],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(name) = field(node, Field::Name) else { return };
    if cx.text(name) != "next" {
        return;
    }
    let Some(class_body) = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Block) else { return };
    if class_body.parent().is_none_or(|c| NodeKind::of(c) != NodeKind::ClassDefinition) {
        return;
    }
    let Some(parameters) = field(node, Field::Parameters) else { return };
    if ast::code_children(parameters).len() != 1 {
        return;
    }
    let member_names: Vec<&str> = ast::code_children(class_body)
        .iter()
        .filter_map(|member| {
            if NodeKind::of(*member) == NodeKind::ExpressionStatement {
                // `__next__ = next`
                let text = cx.text(*member).trim_start();
                return text.split(['=', ' ']).next();
            }
            let def = if NodeKind::of(*member) == NodeKind::DecoratedDefinition {
                field(*member, Field::Definition)
            } else {
                Some(*member)
            };
            def.and_then(|d| field(d, Field::Name)).map(|n| cx.text(n))
        })
        .collect();
    let defines_dunder = member_names.contains(&"__next__");
    if defines_dunder {
        return;
    }
    let fix = Fix::safe("Rename to `__next__`", vec![Edit::replace(ast::range(name), "__next__")]);
    let diagnostic = Diagnostic::new(
        Rule::NextMethodDefined,
        ast::range(name),
        "Python 3 iterators need `__next__`; `next` is not called",
    )
    .with_fix(fix);
    // A class that is an iterable itself (`__iter__`) is a Python 2 iterator; another
    // `next` method (a cursor's, a shelf's) is one only in code that is Python 2.
    // Without `__iter__`, whether instances are iterated (rather than called with
    // `.next()`, which keeps working) is not visible here: medium confidence.
    let iterable = member_names.contains(&"__iter__");
    let mut diagnostic = diagnostic;
    if !iterable {
        diagnostic.confidence = crate::diagnostic::Confidence::Medium;
    }
    let gate = if iterable { DialectGate::NotPython3 } else { DialectGate::Python2 };
    let mut candidate = Candidate::new(diagnostic, gate);
    candidate.compat = super::nonzero_method::py2_py3_alias(cx, node, name, "__next__", "next");
    cx.push(candidate);
}
