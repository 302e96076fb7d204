//! PY3606: PyPI's metadata says the pinned release does not run on Python 3.

use crate::rules::declare_rule;

declare_rule! {
    /// A pinned release whose PyPI metadata says it does not run on Python 3.
    ///
    /// ## What it does
    /// With `py3port check --online`, asks PyPI's JSON API about each release pinned
    /// with `==` that the bundled table does not already judge, and reports it when its
    /// `requires_python` excludes every Python 3 from the `target-version` on, or, when
    /// it declares none, its classifiers name Python 2 and no Python 3. Answers are
    /// cached on disk; without `--online` the rule reports nothing.
    ///
    /// ## Why is this bad?
    /// The release cannot be installed (pip honours `requires_python`) or was never
    /// meant to run on Python 3: the pin has to be raised first.
    ///
    /// ## Example
    /// When PyPI says `oauth2 1.5.211` has only Python 2 classifiers:
    /// ```pip-requirements
    /// oauth2==1.5.211
    /// ```
    ///
    /// Use instead:
    /// ```pip-requirements
    /// oauth2==1.9.0.post1
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: which release to move to is a decision.
    fix: Never,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [141],
}
