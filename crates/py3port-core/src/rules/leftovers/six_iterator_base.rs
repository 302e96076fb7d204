//! PY3522: `six.Iterator` as a base class.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::{fix_keeping_comments, module_attribute, remove_items};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `class Reader(six.Iterator)`: a base class that is `object` on Python 3.
    ///
    /// ## What it does
    /// Checks base classes that are `six.Iterator`, or `Iterator` imported from `six`.
    ///
    /// ## Why is this bad?
    /// `six.Iterator` gives Python 2 a `next` method that calls `__next__`; on Python 3
    /// it is `object`.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// class Countdown(six.Iterator):
    ///     def __init__(self, start):
    ///         self.current = start
    ///
    ///     def __iter__(self):
    ///         return self
    ///
    ///     def __next__(self):
    ///         if self.current <= 0:
    ///             raise StopIteration
    ///         self.current -= 1
    ///         return self.current
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Countdown:
    ///     def __init__(self, start):
    ///         self.current = start
    ///
    ///     def __iter__(self):
    ///         return self
    ///
    ///     def __next__(self):
    ///         if self.current <= 0:
    ///             raise StopIteration
    ///         self.current -= 1
    ///         return self.current
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the base (and the parentheses when nothing else is left); it is
    /// safe, and unsafe when a comment in the bases would go with it.
    fix: Always,
    kinds: [ClassDefinition],
    check: Some(check),
    lib2to3: [],
    catalogue: [159],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(list) = field(node, Field::Superclasses) else { return };
    let bases = ast::code_children(list);
    for (index, &base) in bases.iter().enumerate() {
        let requires = match NodeKind::of(base) {
            NodeKind::Attribute if module_attribute(cx, base, "six") == Some("Iterator") => ("six", "six"),
            NodeKind::Identifier if cx.text(base) == "Iterator" => ("Iterator", "six.Iterator"),
            _ => continue,
        };
        let edits =
            if bases.len() == 1 { vec![Edit::delete(ast::range(list))] } else { remove_items(&bases, &[index]) };
        let fix = fix_keeping_comments(list, "Remove the base class", edits);
        let diagnostic =
            Diagnostic::new(Rule::SixIteratorBase, ast::range(base), "`six.Iterator` is `object` on Python 3")
                .with_fix(fix);
        let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
        candidate.requires_import = Some((requires.0.to_owned(), requires.1.to_owned()));
        cx.push(candidate);
    }
}
