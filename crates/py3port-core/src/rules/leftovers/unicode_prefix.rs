//! PY3502: the `u` prefix on string literals.

use tree_sitter::Node;

use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;

declare_rule! {
    /// The `u` prefix on string literals (`u"text"`), which Python 3 accepts but ignores.
    ///
    /// ## What it does
    /// Checks string literals with a `u` or `U` prefix. Off by default: enable it (or the
    /// `PY35` family) once Python 2 support is dropped.
    ///
    /// ## Why is this bad?
    /// Every string literal is text on Python 3; the prefix only says the code once ran
    /// on Python 2.
    ///
    /// ## Example
    /// ```python
    /// title = u"Résumé"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// title = "Résumé"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the prefix, as 2to3's `unicode` fixer and ruff's UP025 do; it is
    /// safe on Python 3.
    fix: Always,
    kinds: [String],
    check: Some(check),
    lib2to3: ["unicode"],
    catalogue: [143],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(parts) = cx.string_parts(node) else { return };
    if !parts.prefix.eq_ignore_ascii_case("u") {
        return; // `ur''` is PY3107's.
    }
    let fix = Fix::safe("Remove the `u` prefix", vec![Edit::delete(parts.prefix_range)]);
    let diagnostic =
        Diagnostic::new(Rule::UnicodePrefix, parts.prefix_range, "`u` prefix is redundant on Python 3").with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Any));
}
