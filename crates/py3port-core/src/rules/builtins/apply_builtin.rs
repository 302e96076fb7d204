//! PY3201: the `apply` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load, maybe_parenthesized, needs_parentheses};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The `apply` builtin, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for `apply(f, args[, kwargs])`, unless the module or an enclosing function
    /// defines `apply` or the call is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `apply` does not exist on Python 3: the name raises `NameError`. Extended call
    /// syntax has replaced it since Python 2.3.
    ///
    /// ## Example
    /// ```python
    /// result = apply(handler, args, kwargs)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// result = handler(*args, **kwargs)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `f(*args, **kwargs)`, as 2to3 does, and is safe; it is unsafe only
    /// when comments inside the call would be dropped. Calls with keyword arguments or
    /// starred arguments are reported without a fix.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["apply"],
    check: Some(check),
    lib2to3: ["apply"],
    catalogue: [66],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let call =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node));
    let fix = call.and_then(|call| {
        let args = call_args(call)?;
        if args.generator || !args.between(2, 3) {
            return None;
        }
        let function = args.positional[0];
        let mut text = format!(
            "{}(*{}",
            maybe_parenthesized(cx.text(function), needs_parentheses(function)),
            cx.text(args.positional[1])
        );
        if let Some(kwargs) = args.positional.get(2) {
            text.push_str(&format!(", **{}", cx.text(*kwargs)));
        }
        text.push(')');
        let has_comment = ast::named_children(args.list).iter().any(|c| NodeKind::of(*c) == NodeKind::Comment);
        let applicability = if has_comment { Applicability::Unsafe } else { Applicability::Safe };
        Fix::new(
            "Replace with a call using `*args` and `**kwargs`",
            vec![Edit::replace(ast::range(call), text)],
            applicability,
        )
    });
    let range = call.map_or(ast::range(node), ast::range);
    let diagnostic =
        Diagnostic::new(Rule::ApplyBuiltin, range, "`apply()` does not exist on Python 3; call the function directly")
            .with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Any), cx.text(node));
}
