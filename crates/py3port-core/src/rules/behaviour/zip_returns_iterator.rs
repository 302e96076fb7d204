//! PY3407: `zip()` returns an iterator on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::wrap_in_list;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `zip()` used where Python 2's list result matters: Python 3's `zip` is lazy.
    ///
    /// ## What it does
    /// Checks calls of `zip()` outside the contexts where only iterating matters:
    /// 2to3's contexts (a `for` loop, a comprehension, `list()`, `sorted()`, `set()`,
    /// `"".join()`, ...), and the others where an iterator serves as well as the list
    /// did, which 2to3 wraps needlessly: any argument of a function that iterates once
    /// (`min()`, `zip()`, `dict()`, `itertools.chain()`), `*` unpacking, `a, b =
    /// zip(...)` and `items[:] = zip(...)`, the right side of `in`, and a variable
    /// assigned once in a function and then iterated once, outside any loop, unless the
    /// module binds `zip`. Only Python 2 code is checked: files with Python 2 syntax,
    /// files of a project that is Python 2 by its metadata or by most of its files, and
    /// files that use removed builtins. A neutral file may be Python 3 already, where
    /// this is what it means.
    ///
    /// ## Why is this bad?
    /// Python 3's `zip` returns a one-shot iterator: indexing it raises `TypeError`, and
    /// a second loop over it sees nothing.
    ///
    /// ## Example
    /// ```python
    /// pairs = zip(keys, values)
    /// pairs.sort()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// pairs = list(zip(keys, values))
    /// pairs.sort()
    /// ```
    ///
    /// ## Fix safety
    /// The fix wraps the call in `list()`, as 2to3 does; that is Python 2's result, and
    /// safe.
    fix: Always,
    kinds: [Identifier],
    names: ["zip"],
    check: Some(check),
    lib2to3: ["zip"],
    catalogue: [36],
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
    if !call_args(call).is_some_and(|args| !args.generator && args.keywords.is_empty()) {
        return;
    }
    let fix = Fix::safe("Wrap in `list()`", wrap_in_list(call));
    let diagnostic = Diagnostic::new(
        Rule::ZipReturnsIterator,
        ast::range(call),
        "`zip()` returns an iterator on Python 3, not a list",
    )
    .with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), cx.text(node));
}
