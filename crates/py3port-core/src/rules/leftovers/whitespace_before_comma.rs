//! PY3508: whitespace before a comma.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// Whitespace before a comma (`f(a ,b)`), which 2to3's explicit `ws_comma` fixer removes.
    ///
    /// ## What it does
    /// Checks argument lists, tuples, lists, sets and bare expression lists for spaces or
    /// tabs before a comma on the same line. Off by default, like the `ws_comma` fixer.
    ///
    /// ## Why is this bad?
    /// Nothing breaks; it is a style left over in old code.
    ///
    /// ## Example
    /// ```python
    /// total = add(first ,second)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// total = add(first, second)
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the whitespace before the comma and puts one space after it; it is
    /// safe.
    fix: Always,
    kinds: [ArgumentList, Tuple, List, Set, ExpressionList],
    check: Some(check),
    lib2to3: ["ws_comma"],
    catalogue: [181],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    for comma in ast::children(node) {
        if comma.kind() != "," {
            continue;
        }
        let start = comma.start_byte();
        let before = &cx.source[..start];
        let spaces = before.len() - before.trim_end_matches([' ', '\t']).len();
        if spaces == 0 || before[..start - spaces].ends_with(['\n', '\r', ',', '(', '[', '{']) {
            continue;
        }
        let after = cx.source[comma.end_byte()..].chars().next();
        let needs_space = after.is_some_and(|c| !c.is_whitespace() && !matches!(c, ')' | ']' | '}'));
        let mut edits = vec![Edit::delete(TextRange::from_usize(start - spaces..start))];
        if needs_space {
            edits.push(Edit::insert(comma.end_byte() as u32, " "));
        }
        let fix = Fix::safe("Remove the whitespace before the comma", edits);
        let diagnostic = Diagnostic::new(
            Rule::WhitespaceBeforeComma,
            TextRange::from_usize(start - spaces..comma.end_byte()),
            "Whitespace before a comma",
        )
        .with_fix(fix);
        cx.push(Candidate::new(diagnostic, DialectGate::Any));
    }
}
