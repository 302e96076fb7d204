//! PY3501: `from __future__ import` in Python 3 code.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::implicit_relative_import::NEEDS_ABSOLUTE_IMPORT;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::syntax::print_statement::NEEDS_PRINT_FUNCTION;
use crate::rules::syntax::unicode_escape_in_str::NEEDS_UNICODE_LITERALS;

declare_rule! {
    /// `from __future__ import ...` statements that Python 3 no longer needs.
    ///
    /// ## What it does
    /// Checks `from __future__` imports of features that are always on in Python 3
    /// (`print_function`, `division`, `absolute_import`, `unicode_literals`,
    /// `with_statement`, `generators`, `nested_scopes`, `generator_stop`). Off by
    /// default: enable it (or the `PY35` family) once Python 2 support is dropped.
    ///
    /// ## Why is this bad?
    /// They do nothing on Python 3 and tell readers the code still runs on Python 2.
    ///
    /// ## Example
    /// ```python
    /// from __future__ import print_function
    /// print("ready")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// print("ready")
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the statement, as 2to3's `future` fixer does; it is safe on
    /// Python 3 (and breaks Python 2). `annotations` is not reported: it still changes
    /// behaviour. There is no fix while the file still reads differently without the
    /// import: a bare `print` or a `print(a, b)` under `print_function`, a `'\u00e9'`
    /// under `unicode_literals`, an import of a sibling module under `absolute_import`;
    /// a later run (or Python 2) would take those for Python 2 code and rewrite them. In a
    /// project whose metadata says it is Python 3 only (`requires-python = ">=3.8"`), or
    /// with `source = "py3"`, no run does: the import is removed.
    fix: Sometimes,
    kinds: [FutureImportStatement],
    check: Some(check),
    lib2to3: ["future"],
    catalogue: [144],
}

const ALWAYS_ON: &[&str] = &[
    "print_function",
    "division",
    "absolute_import",
    "unicode_literals",
    "with_statement",
    "generators",
    "nested_scopes",
    "generator_stop",
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let names: Vec<&str> = crate::syntax_kind::field_children(node, crate::syntax_kind::Field::Name)
        .into_iter()
        .map(|name| cx.text(name).split_whitespace().next().unwrap_or_default())
        .collect();
    if names.contains(&"annotations") {
        return;
    }
    // 2to3 removes every `__future__` import; an unknown feature stays unfixed.
    let all_known = names.iter().all(|name| ALWAYS_ON.contains(name) || *name == "braces");
    let fix = all_known.then(|| Fix::safe("Remove the import", vec![remove_statement(cx, node)])).flatten();
    let diagnostic =
        Diagnostic::new(Rule::FutureImport, ast::range(node), "`from __future__` import does nothing on Python 3")
            .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    // Without the import, py3port (and Python 2) would read the file differently, and a
    // later `fix` would rewrite what the import made Python 3 code already.
    candidate.fix_unless_markers = names
        .iter()
        .filter_map(|name| match *name {
            "print_function" => Some(NEEDS_PRINT_FUNCTION),
            "unicode_literals" => Some(NEEDS_UNICODE_LITERALS),
            "absolute_import" => Some(NEEDS_ABSOLUTE_IMPORT),
            _ => None,
        })
        .collect();
    cx.push(candidate);
}
