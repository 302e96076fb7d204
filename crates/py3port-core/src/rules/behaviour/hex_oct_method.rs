//! PY3419: `__hex__` and `__oct__`, which Python 3 never calls.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::registry::Rule;
use crate::rules::behaviour::report_ignored_method;
use crate::rules::declare_rule;

declare_rule! {
    /// `__hex__` or `__oct__` without `__index__`: Python 3's `hex()` and `oct()` call `__index__`.
    ///
    /// ## What it does
    /// Checks classes that define `__hex__` or `__oct__` but not `__index__`. Files that
    /// are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// `hex(obj)` and `oct(obj)` raise `TypeError` on Python 3 unless the class defines
    /// `__index__`, which also lets the object be used as a list index or slice bound.
    ///
    /// ## Example
    /// ```python
    /// class Flags(object):
    ///     def __hex__(self):
    ///         return hex(self.value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Flags(object):
    ///     def __index__(self):
    ///         return self.value
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: `__index__` must return the integer, not the text.
    fix: Never,
    kinds: [FunctionDefinition],
    names: ["__hex__", "__oct__"],
    check: Some(check),
    lib2to3: [],
    catalogue: [54],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    report_ignored_method(cx, node, Rule::HexOctMethod, &["__hex__", "__oct__"], &["__index__"], |name| {
        format!("Python 3 never calls `{name}`; `hex()` and `oct()` use `__index__`")
    });
}
