//! PY3190: a file over the `max-file-size` setting.

use crate::rules::declare_rule;

declare_rule! {
    /// A file larger than `max-file-size`, which was not analysed.
    ///
    /// ## What it does
    /// Reports, once, a file whose size exceeds the `max-file-size` setting (10 MB by
    /// default) instead of analysing it.
    ///
    /// ## Why is this bad?
    /// Analysis needs about 30 times the file's size in memory; an editor or CI job must
    /// not run out of memory on a generated or vendored file. Such files are rarely
    /// hand-written Python 2 that needs porting, but they are reported so that nothing is
    /// skipped silently.
    ///
    /// ## Example
    /// A 50 MB generated module of data tables.
    ///
    /// Use instead:
    /// Exclude the file (`exclude = ["generated/*"]`), or raise `max-file-size` for it.
    ///
    /// ## Fix safety
    /// There is no fix.
    fix: Never,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [],
}
