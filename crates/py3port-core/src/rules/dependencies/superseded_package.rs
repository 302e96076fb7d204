//! PY3604: a distribution that is unmaintained or a placeholder, with a successor.

use crate::rules::declare_rule;

declare_rule! {
    /// A requirement on an unmaintained or placeholder distribution that has a successor.
    ///
    /// ## What it does
    /// Reports the distributions that py3port's table lists with a successor although
    /// some release runs on Python 3: `pycrypto` (unmaintained since 2014, replaced by
    /// `pycryptodome`), `sklearn` (a placeholder for `scikit-learn`), `suds`, `boto`,
    /// `letsencrypt` and others.
    ///
    /// ## Why is this bad?
    /// A port is the time to move to the maintained successor: the old distribution
    /// gets no fixes for new Python releases (or security fixes), and a placeholder
    /// name may stop installing at all.
    ///
    /// ## Example
    /// ```pip-requirements
    /// pycrypto==2.6.1
    /// ```
    ///
    /// Use instead:
    /// ```pip-requirements
    /// pycryptodome
    /// ```
    ///
    /// ## Fix safety
    /// Where the successor is a drop-in, the fix replaces the requirement; it is unsafe,
    /// since a successor is never identical in every detail (pycryptodome differs from
    /// pycrypto in some defaults). Others get no fix.
    fix: Sometimes,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [141],
}
