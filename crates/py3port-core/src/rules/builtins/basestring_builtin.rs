//! PY3202: the `basestring` builtin.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Applicability;
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;

declare_rule! {
    /// The `basestring` builtin, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `basestring`, Python 2's common base class of `str` and
    /// `unicode`, unless the module or an enclosing function defines the name (a
    /// compatibility shim such as `basestring = str`) or the use is in a branch that only
    /// runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `basestring` does not exist on Python 3: the name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// if isinstance(value, basestring):
    ///     value = [value]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(value, str):
    ///     value = [value]
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `str`, as 2to3 does. It is unsafe: `basestring` also matched
    /// Python 2's byte strings, and `str` does not match `bytes`. Where byte strings
    /// still reach the check, write `(str, bytes)`.
    fix: Always,
    kinds: [Identifier],
    names: ["basestring"],
    check: Some(check),
    lib2to3: ["basestring"],
    catalogue: [67],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    rename_builtin(
        cx,
        Rule::BasestringBuiltin,
        node,
        Some("str"),
        Applicability::Unsafe,
        "`basestring` does not exist on Python 3",
    );
}
