//! PY3204: the `unichr` builtin.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Applicability;
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;

declare_rule! {
    /// The `unichr` builtin, renamed `chr` in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `unichr`, unless the module or an enclosing function defines
    /// the name or the use is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// Python 3's `chr` returns a one-character `str` for any code point; `unichr`
    /// raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// bullet = unichr(0x2022)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// bullet = chr(0x2022)
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames `unichr` to `chr`, as 2to3 does; it is safe.
    fix: Always,
    kinds: [Identifier],
    names: ["unichr"],
    check: Some(check),
    lib2to3: ["unicode"],
    catalogue: [69],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    rename_builtin(
        cx,
        Rule::UnichrBuiltin,
        node,
        Some("chr"),
        Applicability::Safe,
        "`unichr` is called `chr` on Python 3",
    );
}
