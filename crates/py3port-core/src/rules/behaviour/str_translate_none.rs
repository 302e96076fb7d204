//! PY3429: `str.translate(None, deletechars)`, which Python 3's `str` does not accept.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::infer::{Ty, infer};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `s.translate(None, chars)`, Python 2's way to delete characters: Python 3's `str.translate` takes one mapping.
    ///
    /// ## What it does
    /// Checks calls of `.translate()` with `None` as the first of two arguments, unless
    /// the receiver is known to be `bytes` (where the call still works). Files that are
    /// already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// On Python 3 text, `translate(None, chars)` raises `TypeError: translate() takes
    /// exactly one argument`.
    ///
    /// ## Example
    /// ```python
    /// digits = phone.translate(None, "-() ")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// digits = phone.translate(str.maketrans("", "", "-() "))
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `translate(str.maketrans("", "", chars))`; it is unsafe: if the
    /// receiver is `bytes` on Python 3 (read from a binary file or a socket), the
    /// original call was right and the rewrite fails.
    fix: Always,
    kinds: [Call],
    names: ["translate"],
    check: Some(check),
    lib2to3: [],
    catalogue: [94],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((object, _)) = method_call(node) else { return };
    let Some(args) = call_args(node) else { return };
    if args.positional.len() != 2 || !args.keywords.is_empty() || NodeKind::of(args.positional[0]) != NodeKind::None {
        return;
    }
    if infer(cx, object) == Ty::Bytes {
        return;
    }
    let deleted = cx.text(args.positional[1]);
    let fix = Fix::unsafe_edits(
        "Use `str.maketrans(\"\", \"\", chars)`",
        vec![Edit::replace(ast::range(args.list), format!("(str.maketrans(\"\", \"\", {deleted}))"))],
    );
    let diagnostic = Diagnostic::new(
        Rule::StrTranslateNone,
        ast::range(node),
        "`str.translate()` takes one mapping on Python 3; `translate(None, chars)` raises `TypeError`",
    )
    .with_fix(cx.fix_if_clean(node, fix));
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
