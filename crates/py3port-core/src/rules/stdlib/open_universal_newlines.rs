//! PY3317: the `U` mode of `open()`, removed in Python 3.11.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `open(path, "rU")`: the universal-newlines mode letter, removed in Python 3.11.
    ///
    /// ## What it does
    /// Checks calls of `open`, `io.open` and `codecs.open` whose mode is a string literal
    /// containing `U`. The diagnostic is an error when `target-version` is 3.11 or later,
    /// and a warning before.
    ///
    /// ## Why is this bad?
    /// Text mode reads universal newlines by default on Python 3; the `U` letter was
    /// deprecated in 3.3 and raises `ValueError` since 3.11.
    ///
    /// ## Example
    /// ```python
    /// with open("data.csv", "rU") as f:
    ///     rows = f.readlines()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// with open("data.csv", "r") as f:
    ///     rows = f.readlines()
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the `U` (leaving `r` when nothing else is left); it is safe.
    fix: Always,
    kinds: [Call],
    names: ["open"],
    check: Some(check),
    lib2to3: [],
    catalogue: [167],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if crate::rules::stdlib::in_removed_package(cx) || cx.in_warning_capture(crate::ast::range(node)) {
        return;
    }
    let Some(function) = field(node, Field::Function) else { return };
    match NodeKind::of(function) {
        NodeKind::Identifier if is_load(cx, function) => {}
        NodeKind::Attribute
            if field(function, Field::Object).is_some_and(|o| matches!(cx.text(o), "io" | "codecs")) => {}
        _ => return,
    }
    let Some(args) = call_args(node) else { return };
    let mode = args.positional.get(1).copied().or_else(|| args.keyword(cx, "mode"));
    let Some(mode) = mode else { return };
    let Some(parts) = cx.string_parts(mode) else { return };
    let text = cx.slice(parts.content);
    if !text.contains('U') || text.len() > 4 || !text.bytes().all(|b| b"rwabtU+x".contains(&b)) {
        return;
    }
    let mut fixed: String = text.chars().filter(|&c| c != 'U').collect();
    if !fixed.contains(['r', 'w', 'a', 'x']) {
        fixed.insert(0, 'r');
    }
    let fix = Fix::safe(format!("Use mode \"{fixed}\""), vec![Edit::replace(parts.content, fixed.clone())]);
    let removed = cx.settings.target_version.0 >= 11;
    let diagnostic = Diagnostic::new(
        Rule::OpenUniversalNewlines,
        ast::range(mode),
        "The `U` mode letter was removed in Python 3.11; text mode reads universal newlines",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.severity = Some(if removed { Severity::Error } else { Severity::Warning });
    cx.push(candidate);
}
