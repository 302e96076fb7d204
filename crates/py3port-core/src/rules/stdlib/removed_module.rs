//! PY3303: standard-library modules removed in Python 3 without a direct successor.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::tables::REMOVED;
use crate::rules::stdlib::{from_module, imported_modules};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// Imports of standard-library modules that Python 3 removed without a direct successor (`md5`, `sets`, `popen2`, `mimetools`, `rfc822`, `compiler`, ...).
    ///
    /// ## What it does
    /// Checks `import` and `from ... import` statements for the Python 2 modules that have
    /// no one-to-one replacement (`commands` and `future_builtins` have rules of their
    /// own), and says what to use instead. Relative imports,
    /// files that are already Python 3, and imports in a `try`/`except ImportError` shim
    /// are not checked.
    ///
    /// ## Why is this bad?
    /// The import raises `ImportError` on Python 3.
    ///
    /// ## Example
    /// ```python
    /// import md5
    /// digest = md5.new(data).hexdigest()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import hashlib
    /// digest = hashlib.md5(data).hexdigest()
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: each replacement has a different API (`hashlib` takes bytes,
    /// `email` replaces `rfc822` and `mimetools` with other classes, ...).
    fix: Never,
    kinds: [ImportStatement, ImportFromStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [130, 131, 132, 133, 134, 135, 136, 137, 138],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let modules: Vec<(String, Node<'_>)> = if NodeKind::of(node) == NodeKind::ImportStatement {
        imported_modules(cx, node).into_iter().map(|m| (m.name, m.node)).collect()
    } else {
        from_module(cx, node).into_iter().collect()
    };
    for (module, module_node) in modules {
        // `commands` and `future_builtins` have their own rules.
        if matches!(module.as_str(), "commands" | "future_builtins") {
            continue;
        }
        let Some((_, hint)) = REMOVED.iter().find(|(name, _)| *name == module) else { continue };
        let diagnostic = Diagnostic::new(
            Rule::RemovedModule,
            ast::range(module_node),
            format!("`{module}` was removed in Python 3: {hint}"),
        );
        cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
    }
}
