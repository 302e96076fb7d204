//! PY3412: implicit relative imports.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::{from_module, imported_modules};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `import sibling` inside a package, which Python 2 resolved relative to the package.
    ///
    /// ## What it does
    /// Checks `import x` and `from x import y` where `x` is a module or package next to
    /// the file, in a module that does not import `absolute_import` from `__future__`.
    /// It needs the package layout, which the command line reads from disk; where the
    /// layout is unknown (an editor buffer without a workspace, the JavaScript package
    /// without `siblings`), it reports nothing rather than guess.
    ///
    /// ## Why is this bad?
    /// Python 3 imports are absolute: `import utils` finds a top-level `utils`, not the
    /// package's own, and fails with `ImportError` or imports the wrong module.
    ///
    /// ## Example
    /// ```python
    /// # in mypackage/views.py, next to mypackage/models.py
    /// import models
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from . import models
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the explicit relative import, as 2to3 does. `import sibling.sub` and
    /// a statement that also imports absolute modules have none: they need splitting by
    /// hand. It is unsafe when the
    /// sibling shares its name with a standard-library module (`json`, `logging`): there
    /// the code may have meant the standard module (2to3's bpo-17393).
    fix: Sometimes,
    kinds: [ImportStatement, ImportFromStatement],
    check: Some(check),
    lib2to3: ["import"],
    catalogue: [108],
}

const STDLIB_NAMES: &[&str] = &[
    "abc",
    "array",
    "ast",
    "base64",
    "bisect",
    "calendar",
    "cmd",
    "code",
    "codecs",
    "collections",
    "copy",
    "csv",
    "datetime",
    "decimal",
    "difflib",
    "email",
    "errno",
    "fnmatch",
    "functools",
    "gc",
    "getopt",
    "gettext",
    "glob",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "imaplib",
    "inspect",
    "io",
    "itertools",
    "json",
    "keyword",
    "locale",
    "logging",
    "math",
    "mimetypes",
    "numbers",
    "operator",
    "os",
    "pdb",
    "pickle",
    "platform",
    "pprint",
    "profile",
    "queue",
    "random",
    "re",
    "select",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtplib",
    "socket",
    "sqlite3",
    "ssl",
    "stat",
    "string",
    "struct",
    "subprocess",
    "sys",
    "tarfile",
    "tempfile",
    "test",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "token",
    "tokenize",
    "trace",
    "traceback",
    "types",
    "typing",
    "unittest",
    "urllib",
    "uuid",
    "warnings",
    "weakref",
    "xml",
    "zipfile",
    "zlib",
];

/// Recorded where an import of a sibling is absolute only because `absolute_import` is
/// imported, so that removing the import (PY3501) is not offered.
pub(crate) const NEEDS_ABSOLUTE_IMPORT: &str = "needs-absolute-import";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(siblings) = cx.module.siblings.as_deref() else { return };
    let is_sibling = |name: &str| {
        let first = name.split('.').next().unwrap_or(name);
        siblings.iter().any(|s| s == first)
    };
    let unsafe_name = |name: &str| STDLIB_NAMES.contains(&name.split('.').next().unwrap_or(name));
    if NodeKind::of(node) == NodeKind::ImportStatement {
        let modules = imported_modules(cx, node);
        // `import a, b as c` becomes `from . import a, b as c` when every module is a
        // sibling; a dotted `import sibling.sub` has no such spelling, nor a statement
        // that also imports absolute modules (2to3 warns there too).
        let all_local = modules.iter().all(|m| is_sibling(&m.name) && !m.name.contains('.'));
        let fix = all_local.then(|| {
            let names: Vec<String> = modules
                .iter()
                .map(|m| match m.alias {
                    Some(alias) => format!("{} as {}", m.name, cx.text(alias)),
                    None => m.name.clone(),
                })
                .collect();
            let edit = Edit::replace(ast::range(node), format!("from . import {}", names.join(", ")));
            if modules.iter().any(|m| unsafe_name(&m.name)) {
                Fix::unsafe_edits("Use an explicit relative import", vec![edit])
            } else {
                Fix::safe("Use an explicit relative import", vec![edit])
            }
        });
        let mut fix = fix.flatten();
        for module in modules.iter().filter(|m| is_sibling(&m.name)) {
            // One fix for the statement, on its first diagnostic.
            report(cx, module.node, &module.name, fix.take());
        }
    } else {
        let Some((module, module_node)) = from_module(cx, node) else { return };
        if !is_sibling(&module) {
            return;
        }
        let edit = Edit::insert(module_node.start_byte() as u32, ".");
        let fix = if unsafe_name(&module) {
            Fix::unsafe_edits("Use an explicit relative import", vec![edit])
        } else {
            Fix::safe("Use an explicit relative import", vec![edit])
        };
        report(cx, module_node, &module, fix);
    }
}

fn report(cx: &mut Checker<'_>, node: Node<'_>, module: &str, fix: Option<Fix>) {
    if cx.module.future.absolute_import {
        cx.mark(NEEDS_ABSOLUTE_IMPORT);
        return;
    }
    let diagnostic = Diagnostic::new(
        Rule::ImplicitRelativeImport,
        ast::range(node),
        format!("`{module}` is this package's module; Python 3 imports are absolute"),
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
