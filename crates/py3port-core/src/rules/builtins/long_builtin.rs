//! PY3205: the `long` builtin.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Applicability;
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;

declare_rule! {
    /// The `long` type, merged into `int` in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of the name `long`, unless the module or an enclosing function
    /// defines it or the use is in a branch that only runs on Python 2. In an
    /// `isinstance()` type tuple that already has `int`, the fix drops `long`.
    ///
    /// ## Why is this bad?
    /// Python 3 has one integer type, `int`, with no size limit; `long` raises
    /// `NameError`.
    ///
    /// ## Example
    /// ```python
    /// total += long(size)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// total += int(size)
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames `long` to `int`, as 2to3 does; it is safe.
    fix: Always,
    kinds: [Identifier],
    names: ["long"],
    check: Some(check),
    lib2to3: ["long"],
    catalogue: [70, 71],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    rename_builtin(cx, Rule::LongBuiltin, node, Some("int"), Applicability::Safe, "`long` is `int` on Python 3");
}
