//! PY3302: `urllib` and `urllib2`, split into `urllib.request`, `.parse` and `.error`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::compat::Compat;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::tables::{urllib_modules, urllib_target};
use crate::rules::stdlib::{from_module, from_names, imported_modules, is_star_import};
use crate::settings::{CompatLibrary, Target};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Python 2's `urllib` and `urllib2`, split into `urllib.request`, `urllib.parse` and `urllib.error` in Python 3.
    ///
    /// ## What it does
    /// Checks `import urllib`, `import urllib2`, `from urllib import ...` and the uses of
    /// the imported modules (`urllib2.urlopen`), with lib2to3's table of where each of
    /// their 66 names went. Files that are already Python 3 (or use `urllib.parse` and
    /// friends) are not checked, nor are imports in a `try`/`except ImportError` shim.
    ///
    /// ## Why is this bad?
    /// `urllib2` does not exist on Python 3, and Python 3's `urllib` is a package whose
    /// functions live in submodules: `urllib.urlencode` raises `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// from urllib2 import urlopen, HTTPError
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from urllib.request import urlopen
    /// from urllib.error import HTTPError
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the imports and every use in one edit, as 2to3 does, and is safe
    /// as far as names go (responses are bytes on Python 3, which is PY34xx's concern).
    /// Imports with `as`, star imports and names without a known new home are reported
    /// without a fix.
    fix: Sometimes,
    kinds: [ImportStatement, ImportFromStatement, Identifier],
    names: ["urllib", "urllib2"],
    check: Some(check),
    lib2to3: ["urllib"],
    catalogue: [124, 125],
}

const PY3_SUBMODULES: &[&str] = &["request", "parse", "error", "response", "robotparser"];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::ImportStatement => import(cx, node),
        NodeKind::ImportFromStatement => import_from(cx, node),
        _ => usage(cx, node),
    }
}

fn message(module: &str) -> String {
    if module == "urllib2" {
        "`urllib2` does not exist on Python 3; its contents are in `urllib.request` and `urllib.error`".to_owned()
    } else {
        "`urllib` is split into `urllib.request`, `urllib.parse` and `urllib.error` on Python 3".to_owned()
    }
}

fn import(cx: &mut Checker<'_>, node: Node<'_>) {
    for module in imported_modules(cx, node) {
        if !matches!(module.name.as_str(), "urllib" | "urllib2") {
            continue;
        }
        let fix = if module.alias.is_some() {
            None
        } else {
            Fix::safe(
                "Import the Python 3 modules",
                vec![Edit::replace(ast::range(module.node), urllib_modules(&module.name).join(", "))],
            )
        };
        let diagnostic =
            Diagnostic::new(Rule::UrllibModule, ast::range(module.node), message(&module.name)).with_fix(fix);
        let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
        if module.alias.is_none() {
            candidate.link = Some((format!("urllib:{}", module.name), true));
        }
        if module.name == "urllib" {
            candidate.unless_marker = Some("urllib-python3");
        }
        // 2-and-3 code: `from six.moves import urllib` gives the same `urllib.request`.
        if cx.settings.target == Target::Py2Py3 {
            let alone = imported_modules(cx, node).len() == 1 && module.alias.is_none();
            candidate.compat = Some(if cx.settings.compat_library == CompatLibrary::Six && alone {
                Compat::Fix(
                    Fix::safe(
                        "Import `urllib` from `six.moves`",
                        vec![Edit::replace(ast::range(node), "from six.moves import urllib")],
                    ),
                    Vec::new(),
                )
            } else {
                Compat::Fix(None, Vec::new())
            });
        }
        cx.push(candidate);
    }
}

fn import_from(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((module, module_node)) = from_module(cx, node) else { return };
    if !matches!(module.as_str(), "urllib" | "urllib2") {
        return;
    }
    let names = from_names(node);
    // Group the names by their new module, in the order they come.
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    let mut unknown = false;
    for (name, alias) in &names {
        let text = cx.text(*name);
        let Some(target) = urllib_target(&module, text) else {
            unknown = true;
            continue;
        };
        let entry = match alias {
            Some(alias) => format!("{text} as {}", cx.text(*alias)),
            None => text.to_owned(),
        };
        match groups.iter_mut().find(|(t, _)| *t == target) {
            Some((_, entries)) => entries.push(entry),
            None => groups.push((target, vec![entry])),
        }
    }
    // 2-and-3 code with six: the same modules under `six.moves`.
    let six = cx.settings.target == Target::Py2Py3 && cx.settings.compat_library == CompatLibrary::Six;
    let prefix = if six { "six.moves." } else { "" };
    let groups: Vec<(String, Vec<String>)> =
        groups.into_iter().map(|(target, entries)| (format!("{prefix}{target}"), entries)).collect();
    let fix = if unknown || is_star_import(node) || groups.is_empty() {
        None
    } else if groups.len() == 1 {
        Fix::safe(
            format!("Import from `{}`", groups[0].0),
            vec![Edit::replace(ast::range(module_node), groups[0].0.clone())],
        )
    } else {
        let indent = cx.indentation_at(node.start_byte() as u32).to_owned();
        let newline = cx.newline();
        let text = groups
            .iter()
            .map(|(target, entries)| format!("from {target} import {}", entries.join(", ")))
            .collect::<Vec<_>>()
            .join(&format!("{newline}{indent}"));
        Fix::safe("Import from the Python 3 modules", vec![Edit::replace(ast::range(node), text)])
    };
    let range = ast::range(module_node);
    let diagnostic = Diagnostic::new(Rule::UrllibModule, range, message(&module)).with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    if cx.settings.target == Target::Py2Py3 && !six {
        candidate.compat = Some(Compat::Fix(None, Vec::new()));
    } else if six {
        candidate.compat = Some(Compat::Same);
    }
    if module == "urllib" && !names.is_empty() && names.iter().all(|(name, _)| PY3_SUBMODULES.contains(&cx.text(*name)))
    {
        return; // `from urllib import parse`: Python 3.
    }
    candidate.gate = DialectGate::NotPython3;
    cx.push(candidate);
}

/// `urllib2.urlopen(...)` where `urllib2` is the imported module.
fn usage(cx: &mut Checker<'_>, node: Node<'_>) {
    let module = cx.text(node);
    let Some(attribute) = cx.parent(node) else { return };
    if NodeKind::of(attribute) != NodeKind::Attribute || field(attribute, Field::Object) != Some(node) {
        return;
    }
    let Some(name) = field(attribute, Field::Attribute) else { return };
    let name_text = cx.text(name);
    if module == "urllib" && PY3_SUBMODULES.contains(&name_text) {
        cx.mark("urllib-python3");
        return;
    }
    let fix = urllib_target(module, name_text).and_then(|target| {
        Fix::safe(format!("Use `{target}.{name_text}`"), vec![Edit::replace(ast::range(node), target)])
    });
    let diagnostic = Diagnostic::new(
        Rule::UrllibModule,
        ast::range(attribute),
        format!("`{module}.{name_text}` does not exist on Python 3"),
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.requires_import = Some((module.to_owned(), module.to_owned()));
    candidate.link = Some((format!("urllib:{module}"), false));
    if cx.settings.target == Target::Py2Py3 {
        // `urllib.request.urlopen` is right after `from six.moves import urllib`.
        let six = cx.settings.compat_library == CompatLibrary::Six;
        candidate.compat = Some(if six { Compat::Same } else { Compat::Fix(None, Vec::new()) });
    }
    cx.push(candidate);
}
