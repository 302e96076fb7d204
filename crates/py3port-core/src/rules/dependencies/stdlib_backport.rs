//! PY3602: a backport of a module that Python 3's standard library has.

use crate::rules::declare_rule;

declare_rule! {
    /// A requirement on a backport of a module that Python 3's standard library has.
    ///
    /// ## What it does
    /// Checks each declared dependency against py3port's table of backports (`futures`,
    /// `enum34`, `subprocess32`, `functools32`, `configparser`, `unittest2`, `mock`,
    /// `argparse`, `ordereddict`, `typing`, ...). A backport is reported only when the
    /// `target-version` has everything it offers (`dataclasses` is still needed on
    /// Python 3.6), and not when its marker limits it to older Pythons.
    ///
    /// ## Why is this bad?
    /// On Python 3 a backport is at best a dependency for nothing, and often harmful:
    /// `enum34` and `typing` installed on a recent Python shadow or break the standard
    /// modules, `futures` refuses to install on Python 3, `subprocess32` does not build.
    ///
    /// ## Example
    /// ```pip-requirements
    /// futures==3.3.0
    /// ```
    ///
    /// Use instead:
    /// ```pip-requirements
    /// futures==3.3.0; python_version < "3"
    /// ```
    ///
    /// ## Fix safety
    /// With `target = "py3"` the fix removes the requirement; with `target = "py2-py3"` it
    /// adds `python_version < "3"` to its marker, so that Python 2 keeps it. It is safe
    /// for a backport imported under the standard module's name (`futures`, `enum34`,
    /// `configparser`, `argparse`), unsafe when the imports must change as well
    /// (`subprocess32` -> `subprocess`, `mock` -> `unittest.mock`, which the fix title
    /// names), and not offered for backports with another API (`ordereddict`, `ipaddr`).
    fix: Sometimes,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [141],
}
