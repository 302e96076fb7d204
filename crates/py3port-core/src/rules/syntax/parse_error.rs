//! PY3100: code the parser could not make sense of.

use crate::rules::declare_rule;

declare_rule! {
    /// Code that could not be parsed, so it was not analysed.
    ///
    /// ## What it does
    /// Reports each region of a file that the parser could not make sense of and that no
    /// other rule explains (a Python 2 construct that other rules report is not repeated
    /// here). Nothing inside such a region is checked.
    ///
    /// ## Why is this bad?
    /// A file that does not parse does not compile on Python 3 either, and whatever
    /// Python 2 constructs hide in the region go unreported. It is usually a genuine
    /// syntax error, a merge conflict marker, or a construct of a Python newer than the
    /// parser.
    ///
    /// ## Example
    /// ```python
    /// def broken(:
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def fixed():
    ///     pass
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: what the code meant is unknown.
    fix: Never,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [],
}
