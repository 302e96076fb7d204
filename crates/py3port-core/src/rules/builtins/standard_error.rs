//! PY3224: the `StandardError` exception class.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Applicability;
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;

declare_rule! {
    /// The `StandardError` exception class, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `StandardError`, unless the module or an enclosing function
    /// defines the name or the use is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `StandardError` does not exist on Python 3: the name raises `NameError`, and an
    /// `except StandardError:` clause fails as soon as an exception reaches it.
    ///
    /// ## Example
    /// ```python
    /// class ConfigError(StandardError):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class ConfigError(Exception):
    ///     pass
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `Exception`, as 2to3 does. It is unsafe in `except` clauses:
    /// `Exception` also catches `StopIteration`, `GeneratorExit`'s siblings and warnings
    /// raised as errors, which `StandardError` did not.
    fix: Always,
    kinds: [Identifier],
    names: ["StandardError"],
    check: Some(check),
    lib2to3: ["standarderror"],
    catalogue: [65],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let in_except =
        crate::ast::ancestor(node, &[crate::syntax_kind::NodeKind::ExceptClause, crate::syntax_kind::NodeKind::Block])
            .is_some_and(|a| crate::syntax_kind::NodeKind::of(a) == crate::syntax_kind::NodeKind::ExceptClause);
    let applicability = if in_except { Applicability::Unsafe } else { Applicability::Safe };
    rename_builtin(
        cx,
        Rule::StandardError,
        node,
        Some("Exception"),
        applicability,
        "`StandardError` does not exist on Python 3; use `Exception`",
    );
}
