//! PY3531: the `mock` backport, which is `unittest.mock` on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::rules::stdlib::{from_module, imported_modules};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `import mock` or `from mock import ...`: the backport of `unittest.mock`.
    ///
    /// ## What it does
    /// Checks imports of the `mock` package.
    ///
    /// ## Why is this bad?
    /// `mock` was Python 2's backport of `unittest.mock` (Python 3.3+); keeping it adds a
    /// dependency for what the standard library has.
    ///
    /// ## Example
    /// ```python
    /// import mock
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from unittest import mock
    /// ```
    ///
    /// ## Fix safety
    /// `import mock` becomes `from unittest import mock` and `from mock import x` becomes
    /// `from unittest.mock import x`; it is safe for the standard API (features added to
    /// the backport later than the Python version in use are not there).
    fix: Sometimes,
    kinds: [ImportStatement, ImportFromStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [170],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    const MESSAGE: &str = "`mock` is `unittest.mock` in the standard library";
    if NodeKind::of(node) == NodeKind::ImportFromStatement {
        let Some((module, module_node)) = from_module(cx, node) else { return };
        if module != "mock" {
            return;
        }
        let fix =
            Fix::safe("Import from `unittest.mock`", vec![Edit::replace(ast::range(module_node), "unittest.mock")]);
        report(cx, Rule::MockImport, ast::range(module_node), MESSAGE, fix);
        return;
    }
    let modules = imported_modules(cx, node);
    for module in &modules {
        if module.name != "mock" {
            continue;
        }
        // `import mock` alone becomes `from unittest import mock` (keeping an alias).
        let fix = (modules.len() == 1)
            .then(|| {
                let alias = module.alias.map(|a| format!(" as {}", cx.text(a))).unwrap_or_default();
                Fix::safe(
                    "Import `mock` from `unittest`",
                    vec![Edit::replace(ast::range(node), format!("from unittest import mock{alias}"))],
                )
            })
            .flatten();
        report(cx, Rule::MockImport, ast::range(module.node), MESSAGE, fix);
    }
}
