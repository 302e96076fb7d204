//! PY3417: `__getslice__`, `__setslice__` and `__delslice__`, which Python 3 never calls.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::registry::Rule;
use crate::rules::behaviour::report_ignored_method;
use crate::rules::declare_rule;

declare_rule! {
    /// `__getslice__`, `__setslice__` or `__delslice__`: Python 3 passes slices to `__getitem__` and friends.
    ///
    /// ## What it does
    /// Checks classes that define `__getslice__`, `__setslice__` or `__delslice__`.
    /// Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 never calls them: `obj[1:3]` calls `__getitem__(slice(1, 3))`, which
    /// code written for integer indexes usually mishandles (a `TypeError`, or the wrong
    /// item). Subclasses of `list` or `str` that override `__getslice__` silently lose
    /// the override.
    ///
    /// ## Example
    /// ```python
    /// class Row(list):
    ///     def __getslice__(self, i, j):
    ///         return Row(list.__getslice__(self, i, j))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Row(list):
    ///     def __getitem__(self, index):
    ///         result = list.__getitem__(self, index)
    ///         return Row(result) if isinstance(index, slice) else result
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: `__getitem__` has to handle `slice` objects itself.
    fix: Never,
    kinds: [FunctionDefinition],
    names: ["__getslice__", "__setslice__", "__delslice__"],
    check: Some(check),
    lib2to3: [],
    catalogue: [51],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    report_ignored_method(
        cx,
        node,
        Rule::SliceMethod,
        &["__getslice__", "__setslice__", "__delslice__"],
        &[],
        |name| {
            let item = name.replace("slice", "item");
            format!("Python 3 never calls `{name}`; `{item}` receives a `slice` object instead")
        },
    );
}
