//! PY3301: standard-library modules renamed in Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::compat::{self, Compat};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::tables::{RENAMED, Renamed};
use crate::rules::stdlib::{from_module, imported_modules};
use crate::settings::Target;
use crate::syntax_kind::{Field, NodeKind, field, field_children};

declare_rule! {
    /// Standard-library modules renamed in Python 3 (`ConfigParser`, `Queue`, `cPickle`, `httplib`, `urlparse`, the Tkinter family, ...).
    ///
    /// ## What it does
    /// Checks imports of the 50 modules that lib2to3's `imports` and `imports2` fixers
    /// rename, and `test.test_support`, and the uses of each such module in the file
    /// (`httplib.HTTPConnection`). Relative imports, and files that are already Python 3,
    /// are not checked; nor are imports in a `try`/`except ImportError` shim.
    ///
    /// ## Why is this bad?
    /// The old names do not exist on Python 3: the import raises `ImportError`.
    ///
    /// ## Example
    /// ```python
    /// from httplib import HTTPConnection
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from http.client import HTTPConnection
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the import and, in the same edit, every use of the module in the
    /// file, as 2to3 does. It is safe where the new module has the same API, and unsafe
    /// for `StringIO`/`cStringIO` (`io.StringIO` refuses bytes; byte buffers need
    /// `io.BytesIO`), `ConfigParser` (`SafeConfigParser` and `readfp` are gone in 3.12)
    /// and `commands` (only `getoutput` and `getstatusoutput` moved to `subprocess`).
    ///
    /// It deliberately differs from 2to3 for four modules: `dbhash` has no fix (2to3's
    /// `dbm.bsd` never existed); `dummy_thread` and `Tix` have none when
    /// `target-version` is past their removal (3.9 and 3.13); and `dbm` is not reported,
    /// since Python 3's `dbm` package (what `anydbm` becomes) keeps `import dbm`
    /// working, where 2to3 renames it to `dbm.ndbm`.
    fix: Sometimes,
    kinds: [ImportStatement, ImportFromStatement, Identifier],
    names_from: OLD_NAMES,
    check: Some(check),
    lib2to3: ["imports", "imports2"],
    catalogue: [105, 106, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 126, 127, 128, 129],
}

/// The old names, for dispatch on identifiers.
const OLD_NAMES: &[&str] = &[
    "StringIO",
    "cStringIO",
    "cPickle",
    "__builtin__",
    "copy_reg",
    "Queue",
    "SocketServer",
    "ConfigParser",
    "repr",
    "FileDialog",
    "tkFileDialog",
    "SimpleDialog",
    "tkSimpleDialog",
    "tkColorChooser",
    "tkCommonDialog",
    "Dialog",
    "Tkdnd",
    "tkFont",
    "tkMessageBox",
    "ScrolledText",
    "Tkconstants",
    "Tix",
    "ttk",
    "Tkinter",
    "markupbase",
    "_winreg",
    "thread",
    "dummy_thread",
    "dbhash",
    "dumbdbm",
    "gdbm",
    "xmlrpclib",
    "DocXMLRPCServer",
    "SimpleXMLRPCServer",
    "httplib",
    "htmlentitydefs",
    "HTMLParser",
    "Cookie",
    "cookielib",
    "BaseHTTPServer",
    "SimpleHTTPServer",
    "CGIHTTPServer",
    "commands",
    "UserString",
    "UserList",
    "urlparse",
    "robotparser",
    "whichdb",
    "anydbm",
];

fn lookup(name: &str) -> Option<&'static Renamed> {
    RENAMED.iter().find(|entry| entry.old == name)
}

/// The replacement, if it still exists at the target version.
fn replacement(cx: &Checker<'_>, entry: &Renamed) -> Option<(&'static str, Applicability)> {
    let gone = entry.gone_in.is_some_and(|minor| cx.settings.target_version.0 >= minor);
    (!gone).then_some((entry.new, if entry.safe { Applicability::Safe } else { Applicability::Unsafe }))
}

fn message(entry: &Renamed) -> String {
    format!("`{}` is called `{}` on Python 3", entry.old, entry.new)
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::ImportStatement => {
            for module in imported_modules(cx, node) {
                let Some(entry) = lookup(&module.name) else { continue };
                let fix = replacement(cx, entry).and_then(|(new, applicability)| {
                    // `import SocketServer as socketserver` becomes `import socketserver`.
                    let range = match module.alias {
                        Some(alias) if cx.text(alias) == new => ast::range(module.node).cover(ast::range(alias)),
                        _ => ast::range(module.node),
                    };
                    Fix::new(format!("Import `{new}`"), vec![Edit::replace(range, new)], applicability)
                });
                let diagnostic =
                    Diagnostic::new(Rule::RenamedModule, ast::range(module.node), message(entry)).with_fix(fix);
                let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
                if cx.settings.target == Target::Py2Py3 {
                    // `try: import queue as Queue / except ImportError: import Queue`
                    // keeps the module's local name, so its uses stay as they are.
                    // `import sys, urlparse`: `import sys`, then the shim of `urlparse`.
                    let items = field_children(node, Field::Name);
                    let item = items.iter().copied().find(|i| i.byte_range().contains(&module.node.start_byte()));
                    let rest: Vec<&str> = items.iter().filter(|i| Some(**i) != item).map(|i| cx.text(*i)).collect();
                    let rest = (!rest.is_empty()).then(|| format!("import {}", rest.join(", ")));
                    let local = module.alias.map_or(module.name.as_str(), |alias| cx.text(alias));
                    let shim = replacement(cx, entry).filter(|_| !local.contains('.')).and_then(|(new, _)| {
                        let old = format!("import {}", item.map_or(module.name.as_str(), |i| cx.text(i)));
                        compat::import_shim_with(cx, node, &old, &format!("import {new} as {local}"), rest.as_deref())
                    });
                    candidate.compat = Some(Compat::Fix(shim, Vec::new()));
                } else if module.alias.is_none() {
                    // Uses of the module (`httplib.X`) are renamed with the import.
                    candidate.link = Some((format!("renamed:{}", entry.old), true));
                }
                cx.push(candidate);
            }
        }
        NodeKind::ImportFromStatement => {
            let Some((module, module_node)) = from_module(cx, node) else { return };
            let Some(entry) = lookup(&module) else { return };
            let fix = replacement(cx, entry).and_then(|(new, applicability)| {
                Fix::new(
                    format!("Import from `{new}`"),
                    vec![Edit::replace(ast::range(module_node), new)],
                    applicability,
                )
            });
            let diagnostic =
                Diagnostic::new(Rule::RenamedModule, ast::range(module_node), message(entry)).with_fix(fix);
            let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
            if cx.settings.target == Target::Py2Py3 {
                let shim = replacement(cx, entry).and_then(|(new, _)| {
                    let text = cx.text(node);
                    let offset = module_node.start_byte() - node.start_byte();
                    let length = module_node.end_byte() - module_node.start_byte();
                    let statement = format!("{}{new}{}", &text[..offset], &text[offset + length..]);
                    compat::import_shim(cx, node, &statement)
                });
                candidate.compat = Some(Compat::Fix(shim, Vec::new()));
            }
            cx.push(candidate);
        }
        _ => usage(cx, node),
    }
}

/// `httplib.HTTPConnection` where `httplib` is the imported module.
fn usage(cx: &mut Checker<'_>, node: Node<'_>) {
    let name = cx.text(node);
    let Some(entry) = lookup(name) else { return };
    let Some(attribute) = cx.parent(node) else { return };
    if NodeKind::of(attribute) != NodeKind::Attribute || field(attribute, Field::Object) != Some(node) {
        return;
    }
    let fix = replacement(cx, entry).and_then(|(new, applicability)| {
        Fix::new(format!("Use `{new}`"), vec![Edit::replace(ast::range(node), new)], applicability)
    });
    let diagnostic = Diagnostic::new(Rule::RenamedModule, ast::range(attribute), message(entry)).with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.requires_import = Some((name.to_owned(), name.to_owned()));
    if cx.settings.target == Target::Py2Py3 {
        // The import's shim keeps the old name: the uses stay.
        candidate.compat = Some(Compat::Fix(None, Vec::new()));
    } else {
        candidate.link = Some((format!("renamed:{}", entry.old), false));
    }
    cx.push(candidate);
}
