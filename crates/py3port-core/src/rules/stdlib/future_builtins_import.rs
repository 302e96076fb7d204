//! PY3319: imports from `future_builtins`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::stdlib::{from_module, from_names, imported_modules};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// Imports from `future_builtins`, Python 2.6's preview of Python 3's builtins.
    ///
    /// ## What it does
    /// Checks `from future_builtins import ...` and `import future_builtins`.
    ///
    /// ## Why is this bad?
    /// The module does not exist on Python 3, whose builtins are the ones it previewed:
    /// the import raises `ImportError`.
    ///
    /// ## Example
    /// ```python
    /// from future_builtins import map, zip
    /// pairs = zip(keys, map(str, values))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// pairs = zip(keys, map(str, values))
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes a `from future_builtins import` of the builtins `ascii`, `filter`,
    /// `hex`, `map`, `oct` and `zip` (without `as`), which is safe: the Python 3 builtins
    /// behave the same. Other forms have no fix.
    fix: Sometimes,
    kinds: [ImportStatement, ImportFromStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [140],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let fix = if NodeKind::of(node) == NodeKind::ImportFromStatement {
        if from_module(cx, node).is_none_or(|(module, _)| module != "future_builtins") {
            return;
        }
        let names = from_names(node);
        let plain = !names.is_empty()
            && names.iter().all(|(name, alias)| {
                alias.is_none() && matches!(cx.text(*name), "ascii" | "filter" | "hex" | "map" | "oct" | "zip")
            });
        plain.then(|| Fix::safe("Remove the import", vec![remove_statement(cx, node)])).flatten()
    } else {
        if !imported_modules(cx, node).iter().any(|m| m.name == "future_builtins") {
            return;
        }
        None
    };
    let diagnostic = Diagnostic::new(
        Rule::FutureBuiltinsImport,
        ast::range(node),
        "`future_builtins` does not exist on Python 3, whose builtins already behave this way",
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Any));
}
