//! PY3210: the `reload` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The `reload` builtin, moved to `importlib` in Python 3.
    ///
    /// ## What it does
    /// Checks for calls of `reload(module)`, unless the module or an enclosing function
    /// defines `reload` or the call is in a branch that only runs on Python 2.
    ///
    /// ## Why is this bad?
    /// `reload` is `importlib.reload` on Python 3; the bare name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// reload(settings)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import importlib
    /// importlib.reload(settings)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `importlib.reload(...)` and adds `import importlib`, as 2to3 does;
    /// it is safe. Calls with another number of arguments are not `reload`'s signature and
    /// are not reported. The `sys.setdefaultencoding()` call of the `reload(sys)` hack is
    /// reported by PY3310: it has no Python 3 equivalent.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["reload"],
    check: Some(check),
    lib2to3: ["reload"],
    catalogue: [76],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let call =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node));
    let fixable = call.and_then(call_args).is_some_and(|args| !args.generator && args.exactly(1));
    if call.is_some() && !fixable {
        return;
    }
    let fix = fixable
        .then(|| {
            Fix::safe("Replace with `importlib.reload`", vec![Edit::replace(ast::range(node), "importlib.reload")])
        })
        .flatten();
    let diagnostic =
        Diagnostic::new(Rule::ReloadBuiltin, ast::range(node), "`reload()` is `importlib.reload()` on Python 3")
            .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.imports.push(ImportRequest { module: "importlib", name: None, after: None });
    if fixable {
        candidate.compat = Some(crate::rules::builtins::py2_py3_rename(
            cx,
            node,
            cx.text(node),
            crate::diagnostic::Applicability::Safe,
        ));
    }
    cx.push_unless_bound(candidate, cx.text(node));
}
