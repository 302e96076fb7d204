//! PY3601: a requirement on a distribution that never supported Python 3.

use crate::rules::declare_rule;

declare_rule! {
    /// A requirement on a distribution that never supported Python 3.
    ///
    /// ## What it does
    /// Checks each declared dependency (requirements files, `setup.py`, `setup.cfg`,
    /// `pyproject.toml`, `Pipfile`) against py3port's table of distributions that never
    /// released a version for Python 3 (`MySQL-python`, `PIL`, `BeautifulSoup` 3,
    /// `python-openid`, `pyPdf`, ...; see [the dependency table](../dependencies.md)), and
    /// names the distribution that replaces each one. A requirement whose environment
    /// marker limits it to Python 2 (`; python_version < "3"`) is not reported.
    ///
    /// ## Why is this bad?
    /// The project cannot be installed on Python 3 at all while it depends on it: `pip`
    /// fails to build it, or it installs and fails on import. The replacement has to be
    /// in place before (or while) the code is ported.
    ///
    /// ## Example
    /// ```pip-requirements
    /// MySQL-python==1.2.5
    /// ```
    ///
    /// Use instead:
    /// ```pip-requirements
    /// mysqlclient
    /// ```
    ///
    /// ## Fix safety
    /// Where the replacement is a drop-in (the same import name and API: `MySQL-python`
    /// -> `mysqlclient`, `PIL` -> `Pillow`, `python-openid` -> `python3-openid`), the fix
    /// replaces the requirement, dropping its version (the old pin does not apply to the
    /// new distribution) and keeping its marker; it is safe. Where only the import name
    /// changes, the fix says which imports must change and is unsafe. A requirement
    /// pinned with `--hash` gets no fix (its hashes would have to be regenerated), nor
    /// does a URL or editable requirement (the URL names the old project), nor a
    /// replacement with another API (`BeautifulSoup` -> `beautifulsoup4`).
    fix: Sometimes,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [141],
}
