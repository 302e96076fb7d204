//! PY3503: a type named twice in an `isinstance()` tuple.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// The same type twice in an `isinstance()` tuple, as ports of `(int, long)` and `(str, unicode)` leave behind.
    ///
    /// ## What it does
    /// Checks `isinstance(x, (...))` for a plain name that appears more than once. Off
    /// by default, like the other leftovers.
    ///
    /// ## Why is this bad?
    /// Nothing breaks; `isinstance(x, (int, int))` is just noise after a port.
    ///
    /// ## Example
    /// ```python
    /// if isinstance(n, (int, int)):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(n, int):
    ///     pass
    /// ```
    ///
    /// ## Fix safety
    /// The fix drops the repetitions (and the tuple when one type is left), as 2to3's
    /// `isinstance` fixer does; it is safe.
    fix: Always,
    kinds: [Call],
    names: ["isinstance"],
    check: Some(check),
    lib2to3: ["isinstance"],
    catalogue: [71],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if ast::call_name(cx.source, node) != Some("isinstance") {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let Some(&tuple) = args.positional.get(1) else { return };
    if NodeKind::of(tuple) != NodeKind::Tuple {
        return;
    }
    let elements = ast::code_children(tuple);
    let mut kept: Vec<Node<'_>> = Vec::new();
    for element in &elements {
        let repeated_name = NodeKind::of(*element) == NodeKind::Identifier
            && kept.iter().any(|k| NodeKind::of(*k) == NodeKind::Identifier && cx.text(*k) == cx.text(*element));
        if !repeated_name {
            kept.push(*element);
        }
    }
    if kept.len() == elements.len() {
        return;
    }
    let replacement = if kept.len() == 1 {
        cx.text(kept[0]).to_owned()
    } else {
        // Keep the tuple's own spacing: delete each repeated element with the comma
        // before it.
        let mut edits = Vec::new();
        for (index, element) in elements.iter().enumerate() {
            if kept.contains(element) || index == 0 {
                continue;
            }
            let previous = elements[index - 1];
            edits
                .push(Edit::delete(crate::text::TextRange::new(previous.end_byte() as u32, element.end_byte() as u32)));
        }
        let fix = Fix::safe("Remove the repeated types", edits);
        let diagnostic = Diagnostic::new(
            Rule::RedundantIsinstanceType,
            ast::range(tuple),
            "The same type appears more than once in `isinstance()`",
        )
        .with_fix(fix);
        cx.push(Candidate::new(diagnostic, DialectGate::Any));
        return;
    };
    let fix = Fix::safe("Remove the repeated types", vec![Edit::replace(ast::range(tuple), replacement)]);
    let diagnostic = Diagnostic::new(
        Rule::RedundantIsinstanceType,
        ast::range(tuple),
        "The same type appears more than once in `isinstance()`",
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Any));
}
