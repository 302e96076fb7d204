//! PY3403: `range()` results used as lists.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::{list_only_use, wrap_in_list};
use crate::rules::declare_rule;
use crate::rules::helpers::is_load;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A `range()` result used in a way only lists support: concatenated, mutated, repeated, or compared with a list.
    ///
    /// ## What it does
    /// Checks calls of `range()` whose result is concatenated with `+`, repeated with `*`,
    /// given a list method (`append`, `sort`, `reverse`, ...), compared with a list
    /// literal, or passed to `random.shuffle` or `json.dumps`, unless the module binds
    /// `range`. Uses that a `range` object supports (iteration, `len()`, indexing, slicing,
    /// `in`) are not reported. Only Python 2 code is checked: files with Python 2 syntax,
    /// files of a project that is Python 2 by its metadata or by most of its files, and
    /// files that use removed builtins. A neutral file may be Python 3 already, where this
    /// is what it means.
    ///
    /// ## Why is this bad?
    /// Python 3's `range` returns a lazy sequence, not a list: `range(3) + [3]` raises
    /// `TypeError`, `.append` raises `AttributeError`, and `range(3) == [0, 1, 2]` is
    /// silently `False`.
    ///
    /// ## Example
    /// ```python
    /// ports = range(8000, 8010) + [9000]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// ports = list(range(8000, 8010)) + [9000]
    /// ```
    ///
    /// ## Fix safety
    /// The fix wraps the call in `list()`, which is Python 2's result; it is safe. For
    /// 2to3's broader rewrite of every `range()` outside a loop, enable PY3404.
    fix: Always,
    kinds: [Identifier],
    names: ["range"],
    check: Some(check),
    lib2to3: ["xrange"],
    catalogue: [37],
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
    let Some(usage) = list_only_use(cx, call, true) else { return };
    let fix = Fix::safe("Wrap in `list()`", wrap_in_list(call));
    let diagnostic = Diagnostic::new(
        Rule::RangeAsList,
        ast::range(call),
        format!("`range()` is not a list on Python 3, but is {usage} here"),
    )
    .with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Python2), cx.text(node));
}
