//! PY3504: `set([...])` instead of a set literal.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `set([1, 2])` and `set((1, 2))` where a set literal or comprehension says it directly.
    ///
    /// ## What it does
    /// Checks calls of `set()` with one list or tuple literal, or list comprehension, as
    /// its argument. Off by default, like 2to3's explicit `set_literal` fixer.
    ///
    /// ## Why is this bad?
    /// Set literals exist since Python 2.7; the call builds a list only to throw it
    /// away.
    ///
    /// ## Example
    /// ```python
    /// allowed = set(["GET", "HEAD"])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// allowed = {"GET", "HEAD"}
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the literal (or set comprehension), as 2to3 does; it is safe, and
    /// unsafe only when comments inside the call would be dropped.
    fix: Always,
    kinds: [Identifier],
    names: ["set"],
    check: Some(check),
    lib2to3: ["set_literal"],
    catalogue: [176],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let Some(call) =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node))
    else {
        return;
    };
    let Some(args) = call_args(call) else { return };
    if args.generator || !args.exactly(1) {
        return;
    }
    let argument = args.positional[0];
    let elements = match NodeKind::of(argument) {
        NodeKind::List | NodeKind::Tuple if argument.named_child_count() > 0 => argument,
        NodeKind::ListComprehension => argument,
        _ => return,
    };
    let text = cx.text(elements);
    let inner = &text[1..text.len() - 1];
    // `set((1,))` is `{1}`: drop the tuple's trailing comma.
    let inner = if NodeKind::of(elements) == NodeKind::Tuple { inner.trim_end().trim_end_matches(',') } else { inner };
    let has_comment = ast::named_children(args.list).iter().any(|c| NodeKind::of(*c) == NodeKind::Comment);
    let applicability = if has_comment { Applicability::Unsafe } else { Applicability::Safe };
    let fix =
        Fix::new("Use a set literal", vec![Edit::replace(ast::range(call), format!("{{{inner}}}"))], applicability);
    let diagnostic =
        Diagnostic::new(Rule::SetLiteral, ast::range(call), "Use a set literal instead of `set()` of a list")
            .with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Any), cx.text(node));
}
