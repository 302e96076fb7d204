//! PY3524: `six.assertCountEqual(self, ...)` and the other test-case helpers.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::needs_parentheses;
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::{Field, field};
use crate::text::TextRange;

declare_rule! {
    /// `six.assertCountEqual(self, ...)`, `six.assertRaisesRegex`, `six.assertRegex` and `six.assertNotRegex`: methods of the test case on Python 3.
    ///
    /// ## What it does
    /// Checks calls of these functions of the imported `six` module.
    ///
    /// ## Why is this bad?
    /// six bridged `assertItemsEqual` and `assertRaisesRegexp`, Python 2's names; on
    /// Python 3 the test case has the methods.
    ///
    /// ## Example
    /// ```python
    /// import six
    /// import unittest
    ///
    /// class ParserTest(unittest.TestCase):
    ///     def test_tokens(self):
    ///         six.assertCountEqual(self, tokens("a b"), ["b", "a"])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import unittest
    ///
    /// class ParserTest(unittest.TestCase):
    ///     def test_tokens(self):
    ///         self.assertCountEqual(tokens("a b"), ["b", "a"])
    /// ```
    ///
    /// ## Fix safety
    /// The fix calls the method on the first argument; it is safe.
    fix: Sometimes,
    kinds: [Call],
    names: ["assertCountEqual", "assertRaisesRegex", "assertRegex", "assertNotRegex"],
    check: Some(check),
    lib2to3: [],
    catalogue: [161],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(name) = module_attribute(cx, function, "six") else { return };
    if !matches!(name, "assertCountEqual" | "assertRaisesRegex" | "assertRegex" | "assertNotRegex") {
        return;
    }
    let Some(arguments) = field(node, Field::Arguments) else { return };
    let items = ast::code_children(arguments);
    // The test case is the first argument, given by position.
    let fix = items
        .first()
        .filter(|first| first.kind() != "keyword_argument" && !cx.text(**first).starts_with('*'))
        .and_then(|&first| {
            let receiver = cx.text(first);
            let receiver = if needs_parentheses(first) { format!("({receiver})") } else { receiver.to_owned() };
            // `six.f(self, a)` to `self.f(a)`: the function and the first argument.
            let rest_start = items.get(1).map_or(arguments.end_byte() - 1, |second| second.start_byte());
            Fix::safe(
                format!("Use `{receiver}.{name}()`"),
                vec![
                    Edit::replace(ast::range(function), format!("{receiver}.{name}")),
                    Edit::delete(TextRange::from_usize(first.start_byte()..rest_start)),
                ],
            )
        });
    report_module_use(
        cx,
        Rule::SixAssertHelper,
        ast::range(node),
        "six",
        format!("`six.{name}(self, ...)` is `self.{name}(...)` on Python 3"),
        fix,
    );
}
