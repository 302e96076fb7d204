//! PY3406: `filter()` returns an iterator on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::map_returns_iterator::lambda_comprehension;
use crate::rules::behaviour::wrap_in_list;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `filter()` used where Python 2's list (or string, or tuple) result matters: Python 3's `filter` is lazy.
    ///
    /// ## What it does
    /// Checks calls of `filter()` outside the contexts where only iterating matters:
    /// 2to3's contexts (a `for` loop, a comprehension, `list()`, `sorted()`, `set()`,
    /// `"".join()`, ...), and the others where an iterator serves as well as the list
    /// did, which 2to3 wraps needlessly: any argument of a function that iterates once
    /// (`min()`, `zip()`, `dict()`, `itertools.chain()`), `*` unpacking, `a, b =
    /// filter(...)` and `items[:] = filter(...)`, the right side of `in`, and a
    /// variable assigned once in a function and then iterated once, outside any loop,
    /// unless the module binds `filter`. Only Python 2 code is checked: files with
    /// Python 2 syntax, files of a project that is Python 2 by its metadata or by most
    /// of its files, and files that use removed builtins. A neutral file may be Python
    /// 3 already, where this is what it means.
    ///
    /// ## Why is this bad?
    /// Python 3's `filter` returns a one-shot iterator: indexing it raises `TypeError`,
    /// `len()` fails, and a second pass sees nothing. Python 2 also returned a `str` or a
    /// `tuple` when given one.
    ///
    /// ## Example
    /// ```python
    /// evens = filter(lambda n: n % 2 == 0, numbers)
    /// print(len(evens))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// evens = [n for n in numbers if n % 2 == 0]
    /// print(len(evens))
    /// ```
    ///
    /// ## Fix safety
    /// As 2to3 does: `filter(lambda x: c, s)` becomes `[x for x in s if c]`,
    /// `filter(None, s)` becomes `[_f for _f in s if _f]`, and other calls are wrapped in
    /// `list()`. These are safe, except on a string or tuple literal, where Python 2
    /// returned a string or tuple and the fix gives a list (unsafe).
    fix: Always,
    kinds: [Identifier],
    names: ["filter"],
    check: Some(check),
    lib2to3: ["filter"],
    catalogue: [35],
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
    if args.generator || !args.exactly(2) {
        return;
    }
    let (function, iterable) = (args.positional[0], args.positional[1]);
    let literal = matches!(NodeKind::of(iterable), NodeKind::String | NodeKind::ConcatenatedString | NodeKind::Tuple);
    let applicability = if literal { Applicability::Unsafe } else { Applicability::Safe };
    let fix = if NodeKind::of(function) == NodeKind::None {
        Fix::new(
            "Replace with a list comprehension",
            vec![Edit::replace(ast::range(call), format!("[_f for _f in {} if _f]", cx.text(iterable)))],
            applicability,
        )
    } else if let Some(comprehension) = lambda_comprehension(cx, function, iterable, Some(())) {
        Fix::new(
            "Replace with a list comprehension",
            vec![Edit::replace(ast::range(call), comprehension)],
            applicability,
        )
    } else {
        Fix::new("Wrap in `list()`", wrap_in_list(call), applicability)
    };
    let diagnostic = Diagnostic::new(
        Rule::FilterReturnsIterator,
        ast::range(call),
        "`filter()` returns an iterator on Python 3, not a list",
    )
    .with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), cx.text(node));
}
