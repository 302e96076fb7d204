//! PY3216: `dict.iterkeys()`, `.itervalues()` and `.iteritems()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::{CONSUMERS, call_args, in_iterating_context};
use crate::text::TextRange;

declare_rule! {
    /// `d.iterkeys()`, `d.itervalues()` and `d.iteritems()`, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of these methods without arguments, on any object, as 2to3 does.
    /// Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3's dictionaries return views from `keys()`, `values()` and `items()`, and
    /// have no `iter*` methods: the calls raise `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// for name, value in headers.iteritems():
    ///     send(name, value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for name, value in headers.items():
    ///     send(name, value)
    /// ```
    ///
    /// ## Fix safety
    /// Where the result is only iterated (a `for` loop, a comprehension, `list()`,
    /// `sorted()`, ...), the fix calls the view method; elsewhere it writes
    /// `iter(d.items())`, which keeps the iterator type. Both match 2to3 and are safe for
    /// dictionaries; when the project defines a method of that name itself, the receiver
    /// may be its own object, and the fix is unsafe.
    fix: Always,
    kinds: [Call],
    names: ["iterkeys", "itervalues", "iteritems"],
    check: Some(check),
    lib2to3: ["dict"],
    catalogue: [28],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((object, method)) = method_call(node) else { return };
    let old = cx.text(method);
    let Some(new) = old.strip_prefix("iter") else { return };
    if !call_args(node).is_some_and(|args| args.exactly(0)) {
        return;
    }
    let rename = Edit::replace(ast::range(method), new);
    let edits = if in_iterating_context(cx, node, CONSUMERS, true) {
        vec![rename]
    } else {
        vec![Edit::insert(node.start_byte() as u32, "iter("), rename, Edit::insert(node.end_byte() as u32, ")")]
    };
    let fix = Fix::safe(format!("Replace `.{old}()` with `.{new}()`"), edits);
    let diagnostic = Diagnostic::new(
        Rule::DictIterMethod,
        TextRange::from_usize(method.start_byte()..node.end_byte()),
        format!("`.{old}()` does not exist on Python 3; use `.{new}()`"),
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    if cx.settings.target == crate::settings::Target::Py2Py3 {
        candidate.compat = Some(crate::compat::dict_method(cx.source, node, object, old, cx.settings.compat_library));
    }
    candidate.unsafe_if_method = Some(match old {
        "iterkeys" => "iterkeys",
        "itervalues" => "itervalues",
        _ => "iteritems",
    });
    cx.push(candidate);
}
