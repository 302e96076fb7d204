//! PY3416: `__eq__` without `__hash__`, which makes instances unhashable on Python 3.

use tree_sitter::Node;

use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic};
use crate::registry::Rule;
use crate::rules::behaviour::{member_names, special_method};
use crate::rules::declare_rule;

declare_rule! {
    /// `__eq__` without `__hash__`: Python 3 makes the instances unhashable.
    ///
    /// ## What it does
    /// Checks classes that define `__eq__` but not `__hash__`, in Python 2 code (Python
    /// 2 syntax or metadata, a project that is mostly Python 2, or removed builtins in
    /// the file). Reported with medium confidence: whether the instances are ever hashed
    /// is not visible here.
    ///
    /// ## Why is this bad?
    /// Python 3 sets `__hash__ = None` in a class that defines `__eq__` alone, so
    /// putting an instance in a `set` or using it as a `dict` key raises `TypeError:
    /// unhashable type`. Python 2 kept the inherited, identity-based hash.
    ///
    /// ## Example
    /// ```python
    /// class Point(object):
    ///     def __eq__(self, other):
    ///         return (self.x, self.y) == (other.x, other.y)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point(object):
    ///     def __eq__(self, other):
    ///         return (self.x, self.y) == (other.x, other.y)
    ///
    ///     def __hash__(self):
    ///         return hash((self.x, self.y))
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: a hash consistent with `__eq__` depends on what equality means,
    /// and restoring Python 2's identity hash would break the rule that equal objects
    /// hash equal.
    fix: Never,
    kinds: [FunctionDefinition],
    names: ["__eq__"],
    check: Some(check),
    lib2to3: [],
    catalogue: [50],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((name, _, body)) = special_method(cx, node, &["__eq__"]) else { return };
    if member_names(cx, body).contains(&"__hash__") {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Rule::EqWithoutHash,
        crate::ast::range(name),
        "A class with `__eq__` but no `__hash__` has unhashable instances on Python 3",
    );
    diagnostic.confidence = Confidence::Medium;
    cx.push(Candidate::new(diagnostic, DialectGate::Python2));
}
