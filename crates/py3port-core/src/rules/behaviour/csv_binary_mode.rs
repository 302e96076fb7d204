//! PY3436: files for the `csv` module opened in binary mode, as Python 2 required.

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
    /// A file opened in binary mode (`"rb"`, `"wb"`) for `csv.reader` or `csv.writer`: Python 3's `csv` needs text files opened with `newline=""`.
    ///
    /// ## What it does
    /// Checks `csv.reader()`, `csv.writer()`, `csv.DictReader()` and `csv.DictWriter()`
    /// whose file is an `open()` call with `b` in its mode, given directly, bound by an
    /// enclosing `with open(...) as f:`, or assigned once in the function. Files that
    /// are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 2's `csv` documentation asked for binary files. Python 3's `csv` works on
    /// text: reading raises `_csv.Error: iterator should return strings, not bytes`,
    /// and writing raises `TypeError: a bytes-like object is required`.
    ///
    /// ## Example
    /// ```python
    /// import csv
    ///
    /// with open(path, "rb") as handle:
    ///     rows = list(csv.reader(handle))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import csv
    ///
    /// with open(path, "r", newline="") as handle:
    ///     rows = list(csv.reader(handle))
    /// ```
    ///
    /// ## Fix safety
    /// The fix drops the `b` and adds `newline=""` (and `encoding` is left to the
    /// locale, as it would be for any text file); it is unsafe: Python 2's `open()`
    /// does not accept `newline`, and the file's encoding may need stating.
    fix: Sometimes,
    kinds: [Call],
    names: ["reader", "writer", "DictReader", "DictWriter"],
    check: Some(check),
    lib2to3: [],
    catalogue: [104],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(name) = dotted(cx, function) else { return };
    if !matches!(name.as_str(), "csv.reader" | "csv.writer" | "csv.DictReader" | "csv.DictWriter") {
        return;
    }
    let Some(args) = call_args(node) else { return };
    let Some(file) = args.positional.first().copied() else { return };
    let Some(open) = opened_file(cx, file) else { return };
    let (Some(mode), Some(mode_node)) = (&open.mode, open.mode_node) else { return };
    if !mode.contains('b') {
        return;
    }
    let fix = cx.string_parts(mode_node).and_then(|parts| {
        let text_mode = mode.replace('b', "");
        let has_newline = field(open.call, Field::Arguments).is_some_and(|a| {
            ast::code_children(a).iter().any(|arg| {
                NodeKind::of(*arg) == NodeKind::KeywordArgument
                    && field(*arg, Field::Name).is_some_and(|n| cx.text(n) == "newline")
            })
        });
        let mut edits = vec![Edit::replace(parts.content, text_mode.clone())];
        if !has_newline {
            edits.push(Edit::insert(mode_node.end_byte() as u32, ", newline=\"\""));
        }
        Fix::unsafe_edits(format!("Open as text: `{text_mode}` with `newline=\"\"`"), edits)
    });
    let diagnostic = Diagnostic::new(
        Rule::CsvBinaryMode,
        ast::range(open.call),
        format!("`{name}()` needs a text file on Python 3 (opened with `newline=\"\"`), not binary mode `{mode}`"),
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.requires_import = Some(("csv".to_owned(), "csv".to_owned()));
    cx.push(candidate);
}
