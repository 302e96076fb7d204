//! PY3305: `os.getcwdu()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `os.getcwdu()`, removed in Python 3.
    ///
    /// ## What it does
    /// Checks for `os.getcwdu`, where `os` is the `os` module (or not bound at all, as
    /// 2to3 assumes), and `from os import getcwdu`.
    ///
    /// ## Why is this bad?
    /// Python 3's `os.getcwd()` returns text, as `getcwdu()` did; `getcwdu` raises
    /// `AttributeError`.
    ///
    /// ## Example
    /// ```python
    /// here = os.getcwdu()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// here = os.getcwd()
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the function, as 2to3 does (an import becomes
    /// `from os import getcwd as getcwdu`, so that its uses keep working); it is safe.
    fix: Always,
    kinds: [Attribute, ImportFromStatement],
    names: ["getcwdu"],
    check: Some(check),
    lib2to3: ["getcwdu"],
    catalogue: [81],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::ImportFromStatement {
        if crate::rules::stdlib::from_module(cx, node).is_none_or(|(module, _)| module != "os") {
            return;
        }
        for (name, alias) in crate::rules::stdlib::from_names(node) {
            if cx.text(name) != "getcwdu" {
                continue;
            }
            let local = alias.map_or("getcwdu", |a| cx.text(a));
            let end = alias.unwrap_or(name);
            let fix = Fix::safe(
                "Import `getcwd`",
                vec![Edit::replace(
                    crate::text::TextRange::new(name.start_byte() as u32, end.end_byte() as u32),
                    format!("getcwd as {local}"),
                )],
            );
            let diagnostic =
                Diagnostic::new(Rule::OsGetcwdu, ast::range(name), "`os.getcwdu()` is `os.getcwd()` on Python 3")
                    .with_fix(fix);
            cx.push(Candidate::new(diagnostic, DialectGate::Any));
        }
        return;
    }
    let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "os" {
        return;
    }
    let fix = Fix::safe("Replace with `os.getcwd`", vec![Edit::replace(ast::range(name), "getcwd")]);
    let diagnostic =
        Diagnostic::new(Rule::OsGetcwdu, ast::range(node), "`os.getcwdu()` is `os.getcwd()` on Python 3").with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    // 2-and-3 code: six's `six.moves.getcwd` is text on both (six has no `getcwdu`: its
    // `getcwdb` is the bytes one); without six, `os.getcwd()` would be bytes on Python 2.
    candidate.compat = Some(if cx.settings.compat_library == crate::settings::CompatLibrary::Six {
        crate::compat::Compat::Fix(
            Fix::safe("Use six's `six.moves.getcwd`", vec![Edit::replace(ast::range(node), "six.moves.getcwd")]),
            vec![crate::checker::ImportRequest { module: "six", name: None, after: None }],
        )
    } else {
        crate::compat::Compat::Fix(None, Vec::new())
    });
    cx.push_module_attribute(candidate, cx.text(object), "os");
}
