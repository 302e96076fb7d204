//! PY3315: deprecated `unittest` method aliases, removed in Python 3.12.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, field};

declare_rule! {
    /// Deprecated `unittest.TestCase` method aliases (`assertEquals`, `failUnless`, `assert_`, `assertItemsEqual`, ...), removed in Python 3.12.
    ///
    /// ## What it does
    /// Checks for the 14 aliases lib2to3's `asserts` fixer renames, on any object, and
    /// for Python 2's `assertItemsEqual`. The diagnostic is an error when
    /// `target-version` is 3.12 or later, and a warning before.
    ///
    /// ## Why is this bad?
    /// The aliases were deprecated since Python 3.2 and removed in 3.12, where each
    /// raises `AttributeError`; `assertItemsEqual` never existed in Python 3.
    ///
    /// ## Example
    /// ```python
    /// self.assertEquals(total, 3)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// self.assertEqual(total, 3)
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the method, as 2to3 does; it is safe. `assertDictContainsSubset`
    /// has no replacement method and no fix.
    fix: Sometimes,
    kinds: [Attribute],
    names_from: NAMES,
    check: Some(check),
    lib2to3: ["asserts"],
    catalogue: [171],
}

const NAMES: &[&str] = &[
    "assert_",
    "assertEquals",
    "assertNotEquals",
    "assertAlmostEquals",
    "assertNotAlmostEquals",
    "assertRegexpMatches",
    "assertRaisesRegexp",
    "failUnlessEqual",
    "failIfEqual",
    "failUnlessAlmostEqual",
    "failIfAlmostEqual",
    "failUnless",
    "failUnlessRaises",
    "failIf",
    "assertItemsEqual",
    "assertNotRegexpMatches",
    "assertDictContainsSubset",
];

fn new_name(old: &str) -> Option<&'static str> {
    Some(match old {
        "assert_" | "failUnless" => "assertTrue",
        "assertEquals" | "failUnlessEqual" => "assertEqual",
        "assertNotEquals" | "failIfEqual" => "assertNotEqual",
        "assertAlmostEquals" | "failUnlessAlmostEqual" => "assertAlmostEqual",
        "assertNotAlmostEquals" | "failIfAlmostEqual" => "assertNotAlmostEqual",
        "assertRegexpMatches" => "assertRegex",
        "assertNotRegexpMatches" => "assertNotRegex",
        "assertRaisesRegexp" => "assertRaisesRegex",
        "failUnlessRaises" => "assertRaises",
        "failIf" => "assertFalse",
        "assertItemsEqual" => "assertCountEqual",
        _ => return None,
    })
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if crate::rules::stdlib::in_removed_package(cx) || cx.in_warning_capture(crate::ast::range(node)) {
        return;
    }
    let Some(name) = field(node, Field::Attribute) else { return };
    let old = cx.text(name);
    let removed = cx.settings.target_version.0 >= 12;
    let (message, fix) = match new_name(old) {
        Some(new) => (
            format!("`{old}` is a deprecated alias of `{new}`, removed in Python 3.12"),
            Fix::safe(format!("Use `{new}`"), vec![Edit::replace(ast::range(name), new)]),
        ),
        // `assertDictContainsSubset` has no replacement method.
        None => (format!("`{old}` was removed in Python 3.12"), None),
    };
    let message = if old == "assertItemsEqual" {
        "`assertItemsEqual` is `assertCountEqual` on Python 3".to_owned()
    } else {
        message
    };
    let diagnostic = Diagnostic::new(Rule::DeprecatedUnittestAlias, ast::range(name), message).with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.severity = Some(if removed || old == "assertItemsEqual" { Severity::Error } else { Severity::Warning });
    // Python 2.7 has every new name but these four.
    let python3_only = matches!(
        new_name(old),
        Some("assertCountEqual" | "assertRegex" | "assertRaisesRegex" | "assertNotRegex" | "assertWarnsRegex")
    );
    candidate.compat =
        Some(if python3_only { crate::compat::Compat::Fix(None, Vec::new()) } else { crate::compat::Compat::Same });
    cx.push(candidate);
}
