//! PY3427: raising or catching instances of classic classes.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Raising or catching a class of this module that does not derive from `Exception`.
    ///
    /// ## What it does
    /// Checks `raise C`, `raise C(...)` and `except C:` (also in a tuple of exceptions)
    /// where `C` is a class defined at the top of this module without base classes: a
    /// classic class, which Python 2 let code raise. Modules that set `__metaclass__`
    /// globally make every class new-style and are not checked. Files that are already
    /// Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 only raises and catches subclasses of `BaseException`: `raise C()`
    /// itself fails with `TypeError: exceptions must derive from BaseException`, and an
    /// `except C:` clause raises the same error when an exception reaches it.
    ///
    /// ## Example
    /// ```python
    /// class Abort:
    ///     pass
    ///
    /// def run():
    ///     raise Abort()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Abort(Exception):
    ///     pass
    ///
    /// def run():
    ///     raise Abort()
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix at the `raise`: the class statement has to derive from
    /// `Exception`, which changes what the class inherits (`args`, `__str__`).
    fix: Never,
    kinds: [RaiseStatement, ExceptClause],
    check: Some(check),
    lib2to3: [],
    catalogue: [64],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let candidates: Vec<Node<'_>> = match NodeKind::of(node) {
        NodeKind::RaiseStatement => ast::named_children(node)
            .first()
            .map(|raised| match NodeKind::of(*raised) {
                NodeKind::Call => field(*raised, Field::Function).unwrap_or(*raised),
                _ => *raised,
            })
            .into_iter()
            .collect(),
        _ => {
            let Some(value) = crate::syntax_kind::field_children(node, Field::Value).into_iter().next().or_else(|| {
                ast::named_children(node)
                    .into_iter()
                    .find(|c| !matches!(NodeKind::of(*c), NodeKind::Block | NodeKind::Comment))
            }) else {
                return;
            };
            let value =
                if NodeKind::of(value) == NodeKind::AsPattern { value.named_child(0).unwrap_or(value) } else { value };
            match NodeKind::of(value) {
                NodeKind::Tuple | NodeKind::ParenthesizedExpression => ast::named_children(value),
                _ => vec![value],
            }
        }
    };
    for name in candidates {
        if NodeKind::of(name) != NodeKind::Identifier || !cx.is_classic_class(cx.text(name)) {
            continue;
        }
        let class = cx.text(name);
        let verb = if NodeKind::of(node) == NodeKind::RaiseStatement { "raise" } else { "catch" };
        let diagnostic = Diagnostic::new(
            Rule::ClassicClassException,
            ast::range(name),
            format!("`{class}` is a classic class: Python 3 cannot {verb} it; derive it from `Exception`"),
        );
        cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
    }
}
