//! PY3111: an unparenthesised tuple after `in` in a comprehension.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, field_children};
use crate::text::TextRange;

declare_rule! {
    /// An unparenthesised tuple after `in` in a comprehension (`[x for x in 1, 2]`).
    ///
    /// ## What it does
    /// Checks list comprehensions and generator expressions that iterate over a tuple
    /// written without parentheses.
    ///
    /// ## Why is this bad?
    /// Python 3 requires the parentheses; without them it is a syntax error.
    ///
    /// ## Example
    /// ```python
    /// squares = [n * n for n in 1, 2, 3]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// squares = [n * n for n in (1, 2, 3)]
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe and matches 2to3.
    fix: Always,
    kinds: [ForInClause],
    check: Some(check),
    lib2to3: ["paren"],
    catalogue: [14],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let right = field_children(node, Field::Right);
    if right.len() < 2 {
        return;
    }
    let first = right[0];
    // A trailing comma (`in 1, 2, ]`) belongs inside the parentheses.
    let mut last = right[right.len() - 1];
    if let Some(comma) = last.next_sibling().filter(|next| next.kind() == ",") {
        last = comma;
    }
    let range = TextRange::new(first.start_byte() as u32, last.end_byte() as u32);
    let fix =
        Fix::safe("Parenthesise the tuple", vec![Edit::insert(range.start(), "("), Edit::insert(range.end(), ")")]);
    let diagnostic = Diagnostic::new(
        Rule::ComprehensionBareTuple,
        range,
        "Unparenthesised tuple in a comprehension is a syntax error on Python 3",
    )
    .with_fix(cx.fix_if_clean(node, fix));
    cx.report(diagnostic);
}
