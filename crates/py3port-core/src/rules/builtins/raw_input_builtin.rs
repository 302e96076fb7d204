//! PY3211: the `raw_input` builtin.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Applicability;
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;

declare_rule! {
    /// The `raw_input` builtin, renamed `input` in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `raw_input`, unless the module or an enclosing function defines
    /// the name (as `from six.moves import input as raw_input` does) or the use is in a
    /// branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// Python 3's `input` reads a line as text, as `raw_input` did; `raw_input` raises
    /// `NameError`.
    ///
    /// ## Example
    /// ```python
    /// answer = raw_input("Continue? ")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// answer = input("Continue? ")
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames `raw_input` to `input`, as 2to3 does; it is safe.
    fix: Always,
    kinds: [Identifier],
    names: ["raw_input"],
    check: Some(check),
    lib2to3: ["raw_input"],
    catalogue: [77],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    rename_builtin(
        cx,
        Rule::RawInputBuiltin,
        node,
        Some("input"),
        Applicability::Safe,
        "`raw_input` is called `input` on Python 3",
    );
}
