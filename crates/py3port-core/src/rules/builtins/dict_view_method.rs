//! PY3217: `dict.viewkeys()`, `.viewvalues()` and `.viewitems()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::text::TextRange;

declare_rule! {
    /// `d.viewkeys()`, `d.viewvalues()` and `d.viewitems()`, renamed in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of these methods without arguments, on any object, as 2to3 does.
    /// Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// On Python 3, `keys()`, `values()` and `items()` return the views; the `view*`
    /// methods raise `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// common = left.viewkeys() & wanted
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// common = left.keys() & wanted
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the method, as 2to3 does; it is safe for dictionaries, and unsafe
    /// when the project defines a method of that name itself.
    fix: Always,
    kinds: [Call],
    names: ["viewkeys", "viewvalues", "viewitems"],
    check: Some(check),
    lib2to3: ["dict"],
    catalogue: [29],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((object, method)) = method_call(node) else { return };
    let old = cx.text(method);
    let Some(new) = old.strip_prefix("view") else { return };
    if !call_args(node).is_some_and(|args| args.exactly(0)) {
        return;
    }
    let fix = Fix::safe(format!("Replace `.{old}()` with `.{new}()`"), vec![Edit::replace(ast::range(method), new)]);
    let diagnostic = Diagnostic::new(
        Rule::DictViewMethod,
        TextRange::from_usize(method.start_byte()..node.end_byte()),
        format!("`.{old}()` is `.{new}()` on Python 3"),
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    if cx.settings.target == crate::settings::Target::Py2Py3 {
        candidate.compat = Some(crate::compat::dict_method(cx.source, node, object, old, cx.settings.compat_library));
    }
    candidate.unsafe_if_method = Some(match old {
        "viewkeys" => "viewkeys",
        "viewvalues" => "viewvalues",
        _ => "viewitems",
    });
    cx.push(candidate);
}
