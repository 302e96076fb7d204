//! Code actions (for code and for dependency manifests alike): a quick fix per fixable
//! diagnostic, "Disable PY3xxx for this line", and
//! `source.fixAll.py3port`; the workspace edits behind them and behind
//! `py3port.applyAutofix`.
//!
//! Quick fixes come straight from the analysis (their edits are computed with the
//! diagnostics). The whole-file fix runs the core's fix loop (several rounds and a
//! re-parse each), so when the client can resolve an action's edit later, it is computed
//! in `codeAction/resolve`, against the version the action was offered for.

use std::borrow::Cow;
use std::collections::HashMap;

use py3port_core::deps::{DepsContext, ManifestKind, fix_dependencies};
use py3port_core::{Applicability, Diagnostic, Document, FixMode, TextRange, fix};
use serde::{Deserialize, Serialize};
use similar::{DiffTag, TextDiff};
use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::comments;
use crate::convert::{self, Positions};

/// The kind of the whole-file fix, for `editor.codeActionsOnSave` and friends.
pub const FIX_ALL: &str = "source.fixAll.py3port";
/// Kinds of the quick fixes: `quickfix.py3port.PY3101`.
pub const QUICKFIX_PREFIX: &str = "quickfix.py3port";
/// Kinds of the suppressions: `quickfix.py3port.noqa.PY3101`.
pub const NOQA_PREFIX: &str = "quickfix.py3port.noqa";

/// What an action needs to know about the document and the client.
pub struct Target<'a> {
    pub uri: &'a Uri,
    pub version: i32,
    pub document: &'a Document,
    /// The document's diagnostics (see `Open::diagnostics`).
    pub diagnostics: Cow<'a, [Diagnostic]>,
    /// The dependency manifest the document is, if any.
    pub manifest: Option<ManifestKind>,
    pub positions: Positions<'a>,
    /// Whether the client takes versioned `documentChanges` (else plain `changes`).
    pub document_changes: bool,
}

/// What `codeAction/resolve` gets back in `data`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ResolveData {
    pub uri: Uri,
    pub version: i32,
}

/// The actions for `range`, filtered by `only` as LSP asks (a kind matches its
/// sub-kinds). `lazy_fix_all` leaves the whole-file edit to `codeAction/resolve`.
pub fn code_actions(
    target: &Target<'_>,
    range: Range,
    only: Option<&[CodeActionKind]>,
    lazy_fix_all: bool,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|k| {
                let k = k.as_str();
                kind == k || (kind.starts_with(k) && kind.as_bytes().get(k.len()) == Some(&b'.'))
            })
        })
    };
    let requested = target.positions.text_range(range);
    let mut actions = Vec::new();
    let text = target.document.text();
    let mut lexed = None;
    for diagnostic in target.diagnostics.iter() {
        if !touches(diagnostic.range, requested) {
            continue;
        }
        let code = diagnostic.rule.code();
        let lsp_diagnostic = convert::diagnostic(&target.positions, diagnostic, target.version);
        if let Some(fix) = &diagnostic.fix {
            let kind = format!("{QUICKFIX_PREFIX}.{code}");
            if wanted(&kind) {
                let edits = fix.edits().iter().map(|edit| target.positions.edit(edit.range, &edit.content)).collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{code}: {}", convert::fix_title(&fix.title, fix.applicability)),
                    kind: Some(CodeActionKind::from(kind)),
                    diagnostics: Some(vec![lsp_diagnostic.clone()]),
                    edit: Some(workspace_edit(target, edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
            }
        }
        let kind = format!("{NOQA_PREFIX}.{code}");
        if wanted(&kind) {
            let lexed = lexed.get_or_insert_with(|| comments::lex(text));
            let index = target.document.line_index();
            if let Some((range, insert)) = comments::noqa_edit(text, index, lexed, diagnostic.range.start(), code) {
                let edit = target.positions.edit(range, &insert);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {code} for this line"),
                    kind: Some(CodeActionKind::from(kind)),
                    diagnostics: Some(vec![lsp_diagnostic]),
                    edit: Some(workspace_edit(target, vec![edit])),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                }));
            }
        }
    }
    // Asked for explicitly (on save) or offered with the quick fixes.
    let has_safe_fix =
        target.diagnostics.iter().any(|d| d.fix.as_ref().is_some_and(|fix| fix.applicability == Applicability::Safe));
    if has_safe_fix && wanted(FIX_ALL) {
        let data = ResolveData { uri: target.uri.clone(), version: target.version };
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "py3port: fix all safely fixable problems".to_owned(),
            kind: Some(CodeActionKind::from(FIX_ALL)),
            edit: (!lazy_fix_all).then(|| fix_all_edit(target)),
            data: lazy_fix_all.then(|| serde_json::to_value(data).unwrap_or_default()),
            ..CodeAction::default()
        }));
    }
    actions
}

/// For clients without code action literals: the whole-file fix as a command.
pub fn fix_all_command(uri: &Uri, version: i32) -> Command {
    Command {
        title: "py3port: fix all safely fixable problems".to_owned(),
        command: crate::state::APPLY_AUTOFIX.to_owned(),
        arguments: Some(vec![serde_json::json!({ "uri": uri, "version": version })]),
    }
}

/// Whether a diagnostic is within (or touches) the requested range; a cursor at either end
/// of a diagnostic counts.
fn touches(diagnostic: TextRange, requested: TextRange) -> bool {
    diagnostic.start() <= requested.end() && requested.start() <= diagnostic.end()
}

/// The safe fixes of the whole file, as one workspace edit.
pub fn fix_all_edit(target: &Target<'_>) -> WorkspaceEdit {
    let document = target.document;
    let (settings, context) = (document.settings(), &DepsContext::default());
    let output = match target.manifest {
        // A `setup.py`: its code fixes, then its dependency fixes on their result.
        Some(ManifestKind::SetupPy) => {
            let code = fix(document.text(), settings, document.context(), FixMode::Safe).output;
            fix_dependencies(ManifestKind::SetupPy, &code, settings, context, FixMode::Safe).output
        }
        Some(kind) => fix_dependencies(kind, document.text(), settings, context, FixMode::Safe).output,
        None => fix(document.text(), settings, document.context(), FixMode::Safe).output,
    };
    let edits = diff(&target.positions, &output);
    workspace_edit(target, edits)
}

/// Line-level edits that turn the positions' text into `new`. Edits touch only the lines
/// that differ, so the editor keeps cursors and marks elsewhere.
fn diff(positions: &Positions<'_>, new: &str) -> Vec<TextEdit> {
    let old = positions.text;
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let starts = |lines: &[&str]| {
        let mut offsets = Vec::with_capacity(lines.len() + 1);
        let mut at = 0usize;
        offsets.push(0);
        for line in lines {
            at += line.len();
            offsets.push(at);
        }
        offsets
    };
    let old_starts = starts(&old_lines);
    let new_starts = starts(&new_lines);
    let diff = TextDiff::configure().diff_slices(&old_lines, &new_lines);
    diff.ops()
        .iter()
        .map(|op| op.as_tag_tuple())
        .filter(|(tag, _, _)| *tag != DiffTag::Equal)
        .map(|(_, old_range, new_range)| {
            let range = TextRange::from_usize(old_starts[old_range.start]..old_starts[old_range.end]);
            positions.edit(range, &new[new_starts[new_range.start]..new_starts[new_range.end]])
        })
        .collect()
}

/// Edits of the target document, versioned when the client supports it (the client then
/// refuses them if the document has changed since).
pub fn workspace_edit(target: &Target<'_>, edits: Vec<TextEdit>) -> WorkspaceEdit {
    if target.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: target.uri.clone(),
                    version: Some(target.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit { changes: Some(HashMap::from([(target.uri.clone(), edits)])), ..WorkspaceEdit::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use py3port_core::{LineIndex, PositionEncoding};

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let index = LineIndex::new(text);
        let positions = Positions { text, index: &index, encoding: PositionEncoding::Utf16 };
        let mut out = text.to_owned();
        for edit in edits.iter().rev() {
            out.replace_range(positions.text_range(edit.range).to_usize(), &edit.new_text);
        }
        out
    }

    #[test]
    fn diff_edits_reproduce_the_new_text() {
        let old = "import os\r\nprint 'é'\r\nx = 1\r\nprint '😀'\r\n";
        let new = "import os\r\nprint('é')\r\nx = 1\r\nprint('😀')\r\ny = 2";
        let index = LineIndex::new(old);
        let positions = Positions { text: old, index: &index, encoding: PositionEncoding::Utf16 };
        let edits = diff(&positions, new);
        assert_eq!(edits.len(), 2);
        assert_eq!(apply(old, &edits), new);
    }
}
