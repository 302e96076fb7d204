//! PY3402: 2to3's rewrite of every `keys()`, `values()` and `items()` outside a consuming
//! call (off by default).

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::wrap_in_list;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::{CONSUMERS, call_args, in_iterating_context};

declare_rule! {
    /// Every `keys()`, `values()` and `items()` call that 2to3's `dict` fixer wraps in `list()` (off by default).
    ///
    /// ## What it does
    /// Checks calls of `keys()`, `values()` and `items()` without arguments that are not
    /// the only argument of a consuming call (`list()`, `sorted()`, `set()`, `sum()`,
    /// `min()`, `max()`, ...), as 2to3 decides; like 2to3 it wraps them even in `for`
    /// loops, which protects loops that change the dictionary. The default rule PY3401
    /// reports only the uses that break.
    ///
    /// ## Why is this bad?
    /// Views behave like lists for most uses, so this rewrite is mostly noise; teams that
    /// want 2to3's output can enable it.
    ///
    /// ## Example
    /// ```python
    /// names = table.keys()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// names = list(table.keys())
    /// ```
    ///
    /// ## Fix safety
    /// The fix wraps the call in `list()`, as 2to3 does; it is safe. Unlike 2to3 it runs
    /// only on Python 2 code (Python 2 syntax or metadata, `source = "py2"`, or removed
    /// builtins in the file), so fixing a file twice does not wrap again what the first
    /// run left, or wrote itself (`xrange(n)` becomes `range(n)`). The exception is a file
    /// that stays Python 2 after its fixes (Python 2 code inside a parse error, which
    /// nothing fixes): like 2to3, a second run then wraps the `keys()` the first wrote
    /// for `iterkeys()`.
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
    let consumers: Vec<&str> = CONSUMERS.iter().copied().filter(|c| *c != "iter").collect();
    if in_iterating_context(cx, node, &consumers, false) {
        return;
    }
    let name = cx.text(method);
    let fix = Fix::safe("Wrap in `list()`", wrap_in_list(node));
    let diagnostic = Diagnostic::new(
        Rule::DictKeysListWrap,
        ast::range(node),
        format!("`.{name}()` returns a view on Python 3, not a list"),
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::Python2));
}
