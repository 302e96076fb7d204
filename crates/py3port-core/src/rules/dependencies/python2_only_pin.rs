//! PY3603: a version pin that allows only releases without Python 3 support.

use crate::rules::declare_rule;

declare_rule! {
    /// A version pin that allows only releases without Python 3 support.
    ///
    /// ## What it does
    /// For distributions whose old releases were Python 2 only (Django before 1.5,
    /// NumPy before 1.5, paramiko before 1.13, Pillow before 2.0, ...), reports a version
    /// specifier that allows no release from the first one with Python 3 support:
    /// `==1.4.22`, `<1.5`, `~=1.4.0`, `==1.4.*`, Poetry's `~1.4` or `^0.9`.
    ///
    /// ## Why is this bad?
    /// Installing the project on Python 3 fails, or picks a release that does not run
    /// there: the pin has to be raised, usually with the code changes a major upgrade
    /// needs, before the port can be tested.
    ///
    /// ## Example
    /// ```pip-requirements
    /// Django==1.4.22
    /// ```
    ///
    /// Use instead:
    /// ```pip-requirements
    /// Django==1.11.29
    /// ```
    ///
    /// ## Fix safety
    /// Upgrading a dependency is a decision, not a rewrite: there is no fix, except where
    /// the table names a drop-in fork of the old line (`Fabric` 1.x -> `Fabric3`), which
    /// is offered as an unsafe replacement.
    fix: Sometimes,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [141],
}
