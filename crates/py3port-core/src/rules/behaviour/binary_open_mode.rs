//! PY3435: files for `pickle` and `marshal` opened in text mode.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::infer::dotted;
use crate::registry::Rule;
use crate::rules::behaviour::opened_file;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A file opened in text mode for `pickle` or `marshal`, which read and write `bytes` on Python 3.
    ///
    /// ## What it does
    /// Checks `pickle.load()`, `pickle.dump()` (also `cPickle`) and `marshal.load()`
    /// and `marshal.dump()` whose file is an `open()` call without `b` in its mode,
    /// given directly, bound by an enclosing `with open(...) as f:`, or assigned once
    /// in the function. Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 2 on Unix did not tell text and binary files apart. Python 3 text files
    /// decode and encode: `pickle.dump(obj, open(path, "w"))` raises `TypeError: write()
    /// argument must be str, not bytes`, and loading from a text file fails with
    /// `UnicodeDecodeError` or `TypeError`.
    ///
    /// ## Example
    /// ```python
    /// import pickle
    ///
    /// with open(CACHE, "w") as handle:
    ///     pickle.dump(index, handle)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import pickle
    ///
    /// with open(CACHE, "wb") as handle:
    ///     pickle.dump(index, handle)
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `b` to the mode (or passes `"rb"`/`"wb"` where there was none), which
    /// is correct for pickles on both versions; it is safe.
    fix: Sometimes,
    kinds: [Call],
    names: ["load", "dump"],
    check: Some(check),
    lib2to3: [],
    catalogue: [103],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(name) = dotted(cx, function) else { return };
    let (module, method) = match name.rsplit_once('.') {
        Some((module @ ("pickle" | "cPickle" | "marshal"), method @ ("load" | "dump"))) => (module, method),
        _ => return,
    };
    let Some(args) = call_args(node) else { return };
    let index = if method == "dump" { 1 } else { 0 };
    let file = args
        .positional
        .get(index)
        .copied()
        .or_else(|| args.keywords.iter().find(|(k, _)| cx.text(*k) == "file").map(|(_, v)| *v));
    let Some(file) = file else { return };
    let Some(open) = opened_file(cx, file) else { return };
    if open.mode_unknown || open.mode.as_deref().is_some_and(|m| m.contains('b')) {
        return;
    }
    let fix = match (&open.mode, open.mode_node) {
        (Some(mode), Some(mode_node)) => cx.string_parts(mode_node).and_then(|parts| {
            let new_mode = if mode.contains('t') { mode.replace('t', "b") } else { format!("{mode}b") };
            Fix::safe(format!("Open in binary mode: `{new_mode}`"), vec![Edit::replace(parts.content, new_mode)])
        }),
        _ => {
            let new_mode = if method == "dump" { "wb" } else { "rb" };
            let arguments = field(open.call, Field::Arguments);
            arguments.and_then(|arguments| {
                let first = ast::code_children(arguments).first().copied()?;
                Fix::safe(
                    format!("Open in binary mode: `{new_mode}`"),
                    vec![Edit::insert(first.end_byte() as u32, format!(", \"{new_mode}\""))],
                )
            })
        }
    };
    let fix = fix.filter(|_| {
        // The keyword form `open(path, mode="w")` was handled above; a first argument
        // that is itself a keyword cannot take a positional mode after it.
        field(open.call, Field::Arguments)
            .and_then(|a| ast::code_children(a).first().copied())
            .is_some_and(|first| NodeKind::of(first) != NodeKind::KeywordArgument)
    });
    let diagnostic = Diagnostic::new(
        Rule::BinaryOpenMode,
        ast::range(open.call),
        format!("`{module}.{method}()` needs a binary file on Python 3; this one is opened in text mode"),
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.requires_import = Some((module.to_owned(), module.to_owned()));
    cx.push(candidate);
}
