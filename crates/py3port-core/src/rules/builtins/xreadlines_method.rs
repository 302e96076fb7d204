//! PY3220: `file.xreadlines()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `f.xreadlines()`, removed from files in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of an `xreadlines` method without arguments and for reads of the
    /// attribute, on any object, as 2to3 does. Files that are already Python 3 are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// Files are their own line iterators on Python 3; `xreadlines` raises
    /// `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// for line in log.xreadlines():
    ///     parse(line)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for line in log:
    ///     parse(line)
    /// ```
    ///
    /// ## Fix safety
    /// A call becomes the file itself and an attribute read becomes `__iter__`, as 2to3
    /// does; safe for files, unsafe when the project defines an `xreadlines` method.
    fix: Always,
    kinds: [Call, Attribute],
    names: ["xreadlines"],
    check: Some(check),
    lib2to3: ["xreadlines"],
    catalogue: [41],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (edit, range) = if NodeKind::of(node) == NodeKind::Call {
        let Some((receiver, method)) = method_call(node) else { return };
        if cx.text(method) != "xreadlines" || !call_args(node).is_some_and(|args| args.exactly(0)) {
            return;
        }
        (Edit::replace(ast::range(node), cx.text(receiver)), ast::range(node))
    } else {
        let Some(name) = field(node, Field::Attribute) else { return };
        let called = cx
            .parent(node)
            .is_some_and(|p| NodeKind::of(p) == NodeKind::Call && field(p, Field::Function) == Some(node));
        if called || cx.text(name) != "xreadlines" {
            return;
        }
        (Edit::replace(ast::range(name), "__iter__"), ast::range(name))
    };
    let fix = Fix::safe("Iterate over the file itself", vec![edit]);
    let diagnostic = Diagnostic::new(
        Rule::XreadlinesMethod,
        range,
        "`.xreadlines()` does not exist on Python 3; iterate over the file",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.unsafe_if_method = Some("xreadlines");
    cx.push(candidate);
}
