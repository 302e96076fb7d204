//! PY3207: the `execfile` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// The `execfile` builtin, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for `execfile(path[, globals[, locals]])`, unless the module or an
    /// enclosing function defines `execfile` or the call is in a branch that only runs
    /// on Python 2.
    ///
    /// ## Why is this bad?
    /// `execfile` does not exist on Python 3: the name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// execfile("settings_local.py", namespace)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// exec(compile(open("settings_local.py", "rb").read(), "settings_local.py", 'exec'), namespace)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes 2to3's `exec(compile(open(path, "rb").read(), path, 'exec'), ...)`,
    /// which evaluates `path` twice and leaves the file open until it is collected; it
    /// is unsafe when `path` is not a plain name or literal (it could have side effects).
    fix: Sometimes,
    kinds: [Identifier],
    names: ["execfile"],
    check: Some(check),
    lib2to3: ["execfile"],
    catalogue: [73],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let call =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node));
    let fix = call.and_then(|call| {
        let args = call_args(call)?;
        let path = *args.positional.first()?;
        if args.generator || args.splat {
            return None;
        }
        let path_text = cx.text(path);
        // `execfile( "fn" )` keeps the spacing inside `open(...)`, as 2to3 does.
        let open_inner = &cx.source[args.list.start_byte() + 1..path.end_byte()];
        let after_path = &cx.source[path.end_byte()..args.list.end_byte() - 1];
        let trailing_space: String = after_path.chars().take_while(|c| c.is_whitespace()).collect();
        let compile = format!("compile(open({open_inner}, \"rb\"{trailing_space}).read(), {path_text}, 'exec')");
        let rest = &cx.source[path.end_byte()..args.list.end_byte()];
        let rest = if args.positional.len() == 1 && args.keywords.is_empty() {
            ")".to_owned()
        } else {
            rest.trim_start().to_owned()
        };
        let text = format!("exec({compile}{rest}");
        let simple = matches!(NodeKind::of(path), NodeKind::Identifier | NodeKind::String);
        let applicability =
            if simple { crate::diagnostic::Applicability::Safe } else { crate::diagnostic::Applicability::Unsafe };
        Fix::new(
            "Replace with `exec(compile(open(...).read(), ...))`",
            vec![Edit::replace(TextRange::new(call.start_byte() as u32, call.end_byte() as u32), text)],
            applicability,
        )
    });
    let range = call.map_or(ast::range(node), ast::range);
    let diagnostic =
        Diagnostic::new(Rule::ExecfileBuiltin, range, "`execfile()` does not exist on Python 3").with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Any), cx.text(node));
}
