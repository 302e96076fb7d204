//! PY3215: the `xrange` builtin.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Applicability;
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;

declare_rule! {
    /// The `xrange` builtin, renamed `range` in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `xrange`, unless the module or an enclosing function defines
    /// the name (`xrange = range`, `from six.moves import xrange`) or the use is in a
    /// branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// Python 3's `range` is lazy, as `xrange` was; `xrange` raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// for i in xrange(10):
    ///     work(i)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for i in range(10):
    ///     work(i)
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames `xrange` to `range`, as 2to3 does; it is safe. (What Python 2's
    /// list-returning `range` becomes is the concern of PY3403.)
    fix: Always,
    kinds: [Identifier],
    names: ["xrange"],
    check: Some(check),
    lib2to3: ["xrange"],
    catalogue: [38],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    rename_builtin(
        cx,
        Rule::XrangeBuiltin,
        node,
        Some("range"),
        Applicability::Safe,
        "`xrange` is called `range` on Python 3",
    );
}
