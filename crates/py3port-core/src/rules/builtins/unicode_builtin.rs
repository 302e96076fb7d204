//! PY3203: the `unicode` builtin.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Applicability;
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;

declare_rule! {
    /// The `unicode` type, renamed `str` in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of the name `unicode` (calls, `isinstance` checks, ...), unless
    /// the module or an enclosing function defines it (`unicode = str`, `from six import
    /// text_type as unicode`) or the use is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// Python 3's text type is `str`; `unicode` raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// label = unicode(name, "utf-8")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// label = str(name, "utf-8")
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames `unicode` to `str`, as 2to3 does; it is safe at the level of
    /// names. Whether each value is text or bytes still needs review.
    fix: Always,
    kinds: [Identifier],
    names: ["unicode"],
    check: Some(check),
    lib2to3: ["unicode"],
    catalogue: [68],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    rename_builtin(
        cx,
        Rule::UnicodeBuiltin,
        node,
        Some("str"),
        Applicability::Safe,
        "`unicode` is called `str` on Python 3",
    );
}
