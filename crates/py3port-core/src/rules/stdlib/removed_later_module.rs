//! PY3304: modules removed in a later Python 3 release.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::tables::REMOVED_LATER;
use crate::rules::stdlib::{from_module, imported_modules, in_package};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// Imports of modules Python 3 removed in a later release (`imp`, `distutils`, `asyncore` in 3.12; `cgi`, `pipes`, `telnetlib` in 3.13; ...).
    ///
    /// ## What it does
    /// Checks imports of the 34 modules removed between Python 3.8 and 3.13. The
    /// diagnostic is an error when `target-version` is at or past the removal, and a
    /// warning (the module is deprecated) before it. A module's own package importing
    /// itself is not reported.
    ///
    /// ## Why is this bad?
    /// Code ported long ago still imports them, and fails with `ImportError` on the
    /// Python that removed them.
    ///
    /// ## Example
    /// ```python
    /// import imp
    /// module = imp.load_source("plugin", path)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import importlib.util
    /// spec = importlib.util.spec_from_file_location("plugin", path)
    /// ```
    ///
    /// ## Fix safety
    /// `xml.etree.cElementTree` becomes `xml.etree.ElementTree`, which is safe (it has
    /// used the C accelerator itself since Python 3.3). The others have different APIs
    /// and no fix.
    fix: Sometimes,
    kinds: [ImportStatement, ImportFromStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [169, 185, 189],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let modules: Vec<(String, Node<'_>)> = if NodeKind::of(node) == NodeKind::ImportStatement {
        imported_modules(cx, node).into_iter().map(|m| (m.name, m.node)).collect()
    } else {
        from_module(cx, node).into_iter().collect()
    };
    if cx.in_warning_capture(ast::range(node)) {
        return;
    }
    let target = cx.settings.target_version.0;
    // `from xml.etree import cElementTree` imports the removed module as a member.
    if NodeKind::of(node) == NodeKind::ImportFromStatement
        && let Some((module, _)) = from_module(cx, node)
    {
        for (name, alias) in crate::rules::stdlib::from_names(node) {
            let full = format!("{module}.{}", cx.text(name));
            let Some(&(removed, removed_in, hint)) = REMOVED_LATER.iter().find(|(n, _, _)| *n == full) else {
                continue;
            };
            let fix = (removed == "xml.etree.cElementTree")
                .then(|| {
                    let local = alias.map_or("cElementTree", |a| cx.text(a));
                    let end = alias.unwrap_or(name);
                    Fix::safe(
                        "Import `ElementTree`",
                        vec![Edit::replace(
                            crate::text::TextRange::new(name.start_byte() as u32, end.end_byte() as u32),
                            format!("ElementTree as {local}"),
                        )],
                    )
                })
                .flatten();
            let removed_now = target >= removed_in;
            let message = if removed_now {
                format!("`{removed}` was removed in Python 3.{removed_in}: {hint}")
            } else {
                format!("`{removed}` is deprecated and removed in Python 3.{removed_in}: {hint}")
            };
            let diagnostic = Diagnostic::new(Rule::RemovedLaterModule, ast::range(name), message).with_fix(fix);
            let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
            candidate.severity = Some(if removed_now { Severity::Error } else { Severity::Warning });
            cx.push(candidate);
        }
    }
    for (module, module_node) in modules {
        let Some(&(name, removed_in, hint)) = REMOVED_LATER.iter().find(|(name, _, _)| in_package(&module, name))
        else {
            continue;
        };
        // `distutils` importing `distutils.core` is the package itself, not a user of it;
        // and a module removed in the same wave (`aifc` importing `audioop`) is reported
        // where it is imported, not for its own imports.
        let own = crate::rules::stdlib::in_removed_package(cx)
            || cx.module.package.as_deref().is_some_and(|package| {
                in_package(package, name.split('.').next().unwrap_or(name))
                    || REMOVED_LATER.iter().any(|(removed, _, _)| in_package(package, removed))
            });
        if own {
            continue;
        }
        let removed = target >= removed_in;
        let message = if removed {
            format!("`{name}` was removed in Python 3.{removed_in}: {hint}")
        } else {
            format!("`{name}` is deprecated and removed in Python 3.{removed_in}: {hint}")
        };
        let fix = (name == "xml.etree.cElementTree" && module == name)
            .then(|| {
                Fix::safe(
                    "Import `xml.etree.ElementTree`",
                    vec![Edit::replace(ast::range(module_node), "xml.etree.ElementTree")],
                )
            })
            .flatten();
        let diagnostic = Diagnostic::new(Rule::RemovedLaterModule, ast::range(module_node), message).with_fix(fix);
        let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
        candidate.severity = Some(if removed { Severity::Error } else { Severity::Warning });
        cx.push(candidate);
    }
}
