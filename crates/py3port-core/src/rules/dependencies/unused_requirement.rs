//! PY3605: a declared requirement that no file of the project imports.

use crate::rules::declare_rule;

declare_rule! {
    /// A declared requirement that no file of the project imports.
    ///
    /// ## What it does
    /// Compares each requirement with the imports of every Python file of the project
    /// (and the module paths named in strings import machinery reads: `import_module()`
    /// arguments, `INSTALLED_APPS`, `pytest_plugins`, entry points). A distribution
    /// imported under another name is matched through py3port's import-name table
    /// (`PyYAML` -> `yaml`, `beautifulsoup4` -> `bs4`, `Pillow` -> `PIL`). Tools and
    /// plugins used without an import (pytest plugins, linters, formatters, build
    /// backends, servers, type stubs), build requirements, constraints, the project
    /// itself and what pip-compile marks as pulled in by another package (`# via`) are
    /// never reported. The command line checks this only when every path it is given is
    /// a directory (the imports it sees are then the project's); the language server,
    /// which sees one file at a time, does not report it.
    ///
    /// ## Why is this bad?
    /// Every dependency has to be made to work on Python 3, and one that nothing uses is
    /// pure cost: a port is the time to delete it, before spending effort on it.
    ///
    /// ## Example
    /// In a project whose code imports only `yaml`:
    /// ```pip-requirements
    /// simplejson==3.17.6
    /// ```
    ///
    /// Use instead:
    /// ```pip-requirements
    /// PyYAML==5.4.1
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the requirement. It is unsafe: a distribution can be used in ways
    /// no import shows (a plugin loaded by name, a command run by a script).
    fix: Sometimes,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [],
}
