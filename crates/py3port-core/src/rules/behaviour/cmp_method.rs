//! PY3415: `__cmp__`, which Python 3 never calls.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::registry::Rule;
use crate::rules::behaviour::report_ignored_method;
use crate::rules::declare_rule;

declare_rule! {
    /// `__cmp__` without rich comparison methods: Python 3 ignores it.
    ///
    /// ## What it does
    /// Checks classes that define `__cmp__` but none of `__eq__`, `__lt__`, `__le__`,
    /// `__gt__` and `__ge__`. Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 compares with the rich comparison methods only: `a < b` raises
    /// `TypeError`, `sorted()` of such objects fails, and `a == b` silently falls back to
    /// identity.
    ///
    /// ## Example
    /// ```python
    /// class Version(object):
    ///     def __cmp__(self, other):
    ///         return cmp(self.parts, other.parts)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import functools
    ///
    /// @functools.total_ordering
    /// class Version(object):
    ///     def __eq__(self, other):
    ///         return self.parts == other.parts
    ///
    ///     def __lt__(self, other):
    ///         return self.parts < other.parts
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: rich comparisons have to be written from what `__cmp__` does
    /// (`functools.total_ordering` needs only `__eq__` and `__lt__`).
    fix: Never,
    kinds: [FunctionDefinition],
    names: ["__cmp__"],
    check: Some(check),
    lib2to3: [],
    catalogue: [46],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    report_ignored_method(
        cx,
        node,
        Rule::CmpMethod,
        &["__cmp__"],
        &["__eq__", "__lt__", "__le__", "__gt__", "__ge__"],
        |_| "Python 3 ignores `__cmp__`; define rich comparisons (`__eq__`, `__lt__`, ...)".to_owned(),
    );
}
