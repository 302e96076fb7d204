//! PY3401: dictionary views used as lists.

use tree_sitter::Node;

use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::{list_only_use, wrap_in_list};
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::text::TextRange;

declare_rule! {
    /// A dictionary's `keys()`, `values()` or `items()` used in a way only lists support.
    ///
    /// ## What it does
    /// Checks calls of `keys()`, `values()` and `items()` (without arguments, on any
    /// object) whose result is indexed, sliced, sorted in place, given another list method,
    /// concatenated or repeated, compared with a list literal, or passed to
    /// `random.choice`, `random.shuffle` or `json.dumps`. Iterating, `len()`, `in` and set
    /// operations work on views and are not reported. Only Python 2 code is checked: files
    /// with Python 2 syntax, files of a project that is Python 2 by its metadata or by most
    /// of its files, and files that use removed builtins. A neutral file may be Python 3
    /// already, where this is what it means.
    ///
    /// ## Why is this bad?
    /// Python 3 returns views, not lists: `d.keys()[0]` raises `TypeError`,
    /// `d.keys().sort()` raises `AttributeError`, and `d.values() == [1, 2]` is silently
    /// `False`.
    ///
    /// ## Example
    /// ```python
    /// first = options.keys()[0]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// first = list(options.keys())[0]
    /// ```
    ///
    /// ## Fix safety
    /// The fix wraps the call in `list()`, which is Python 2's result; it is safe for
    /// dictionaries. For 2to3's rewrite of every such call outside a loop, enable PY3402.
    fix: Always,
    kinds: [Call],
    names: ["keys", "values", "items"],
    check: Some(check),
    lib2to3: ["dict"],
    catalogue: [27],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((_, method)) = method_call(node) else { return };
    if !call_args(node).is_some_and(|args| args.exactly(0)) {
        return;
    }
    let Some(usage) = list_only_use(cx, node, false) else { return };
    let name = cx.text(method);
    let fix = Fix::safe("Wrap in `list()`", wrap_in_list(node));
    let diagnostic = Diagnostic::new(
        Rule::DictViewAsList,
        TextRange::from_usize(method.start_byte()..node.end_byte()),
        format!("`.{name}()` returns a view on Python 3, not a list, but is {usage} here"),
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Python2));
}
