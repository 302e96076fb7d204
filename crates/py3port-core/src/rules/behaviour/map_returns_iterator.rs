//! PY3405: `map()` returns an iterator on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::wrap_in_list;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `map()` used where Python 2's list result matters: Python 3's `map` is lazy.
    ///
    /// ## What it does
    /// Checks calls of `map()` outside the contexts where only iterating matters:
    /// 2to3's contexts (a `for` loop, a comprehension, `list()`, `sorted()`, `set()`,
    /// `"".join()`, ...), and the others where an iterator serves as well as the list
    /// did, which 2to3 wraps needlessly: any argument of a function that iterates once
    /// (`min()`, `zip()`, `dict()`, `itertools.chain()`), `*` unpacking, `a, b =
    /// map(...)` and `items[:] = map(...)`, the right side of `in`, and a variable
    /// assigned once in a function and then iterated once, outside any loop, unless the
    /// module binds `map` (`from future_builtins import map`, `from six.moves import
    /// map`). Only Python 2 code is checked: files with Python 2 syntax, files of a
    /// project that is Python 2 by its metadata or by most of its files, and files that
    /// use removed builtins. A neutral file may be Python 3 already, where this is what
    /// it means.
    ///
    /// ## Why is this bad?
    /// Python 3's `map` returns a one-shot iterator: indexing it raises `TypeError`,
    /// `len()` fails, and a second loop over it silently sees nothing. With several
    /// iterables of unequal length, Python 2 padded the shorter with `None`; Python 3
    /// stops at the shortest.
    ///
    /// ## Example
    /// ```python
    /// names = map(str.strip, lines)
    /// first = names[0]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// names = [name.strip() for name in lines]
    /// first = names[0]
    /// ```
    ///
    /// ## Fix safety
    /// As 2to3 does: `map(lambda x: e, s)` becomes `[e for x in s]`, `map(None, s)`
    /// becomes `list(s)`, and other calls are wrapped in `list()`. These keep Python 2's
    /// result and are safe with one iterable. With several iterables the fix is unsafe
    /// (Python 2's `None` padding is not reproduced), and `map(None, a, b)` has none.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["map"],
    check: Some(check),
    lib2to3: ["map"],
    catalogue: [32, 33, 34],
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
    if super::iterated_once(cx, call) {
        return;
    }
    let Some(args) = call_args(call) else { return };
    if args.generator || args.splat || !args.keywords.is_empty() || args.positional.len() < 2 {
        return;
    }
    let function = args.positional[0];
    let iterables = &args.positional[1..];
    let (fix, message) = if NodeKind::of(function) == NodeKind::None {
        if iterables.len() == 1 {
            (
                Fix::safe(
                    "Replace with `list()`",
                    vec![Edit::replace(ast::range(call), format!("list({})", cx.text(iterables[0])))],
                ),
                "`map(None, x)` is `list(x)`; Python 3's `map` does not accept `None`",
            )
        } else {
            (None, "`map(None, a, b)` zips with `None` padding on Python 2; Python 3's `map` does not accept `None`")
        }
    } else if let Some(comprehension) =
        (iterables.len() == 1).then(|| lambda_comprehension(cx, function, iterables[0], None)).flatten()
    {
        (Fix::safe("Replace with a list comprehension", vec![Edit::replace(ast::range(call), comprehension)]), MESSAGE)
    } else {
        let applicability = if iterables.len() > 1 { Applicability::Unsafe } else { Applicability::Safe };
        (Fix::new("Wrap in `list()`", wrap_in_list(call), applicability), MESSAGE)
    };
    let diagnostic = Diagnostic::new(Rule::MapReturnsIterator, ast::range(call), message).with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), cx.text(node));
}

const MESSAGE: &str = "`map()` returns an iterator on Python 3, not a list";

/// `[body for x in iterable]` (with ` if condition` for filter) for a one-parameter
/// lambda, as 2to3 writes it.
pub(crate) fn lambda_comprehension(
    cx: &Checker<'_>,
    function: Node<'_>,
    iterable: Node<'_>,
    filter: Option<()>,
) -> Option<String> {
    if NodeKind::of(function) != NodeKind::Lambda {
        return None;
    }
    let parameters = field(function, Field::Parameters)?;
    let params = ast::code_children(parameters);
    let [param] = params.as_slice() else { return None };
    let mut param = *param;
    // `lambda (x): ...` is `lambda x: ...`.
    while NodeKind::of(param) == NodeKind::TuplePattern
        && param.named_child_count() == 1
        && !cx.text(param).contains(',')
    {
        param = param.named_child(0)?;
    }
    if NodeKind::of(param) != NodeKind::Identifier {
        return None;
    }
    let body = field(function, Field::Body)?;
    let name = cx.text(param);
    let iterable_text = cx.text(iterable);
    Some(match filter {
        None => format!("[{} for {name} in {iterable_text}]", cx.text(body)),
        Some(()) => {
            let condition = if matches!(NodeKind::of(body), NodeKind::ConditionalExpression | NodeKind::Lambda) {
                format!("({})", cx.text(body))
            } else {
                cx.text(body).to_owned()
            };
            format!("[{name} for {name} in {iterable_text} if {condition}]")
        }
    })
}
