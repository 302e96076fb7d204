//! PY3418: `__coerce__`, which Python 3 never calls.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::registry::Rule;
use crate::rules::behaviour::report_ignored_method;
use crate::rules::declare_rule;

declare_rule! {
    /// `__coerce__`: Python 3 has no coercion step before arithmetic.
    ///
    /// ## What it does
    /// Checks classes that define `__coerce__`. Files that are already Python 3 are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// Python 2 called `__coerce__` to convert mixed operands before `__add__` and the
    /// other numeric methods; Python 3 never does, so `Fixed(1) + 2` raises `TypeError`
    /// unless the numeric methods handle the other type themselves.
    ///
    /// ## Example
    /// ```python
    /// class Fixed(object):
    ///     def __coerce__(self, other):
    ///         return self, Fixed(other)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Fixed(object):
    ///     def __add__(self, other):
    ///         other = other if isinstance(other, Fixed) else Fixed(other)
    ///         return Fixed(self.value + other.value)
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: each numeric method has to convert its operand.
    fix: Never,
    kinds: [FunctionDefinition],
    names: ["__coerce__"],
    check: Some(check),
    lib2to3: [],
    catalogue: [52],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    report_ignored_method(cx, node, Rule::CoerceMethod, &["__coerce__"], &[], |_| {
        "Python 3 never calls `__coerce__`; the numeric methods must convert their operands".to_owned()
    });
}
