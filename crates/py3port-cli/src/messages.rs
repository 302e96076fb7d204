//! Diagnostics turned into what output formats print: paths, 1-based rows and columns
//! (Unicode code points, as ruff counts them), and fixes in the same coordinates.

use std::path::Path;

use py3port_core::{Diagnostic, LineIndex, PositionEncoding, Rule};
use serde::Serialize;

/// A 1-based row and column.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub row: u32,
    pub column: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct MessageEdit {
    pub content: String,
    pub location: Location,
    pub end_location: Location,
    /// The same positions with columns in UTF-8 bytes (reviewdog counts so).
    #[serde(skip)]
    pub byte_location: Location,
    #[serde(skip)]
    pub byte_end_location: Location,
}

#[derive(Clone, Debug, Serialize)]
pub struct MessageFix {
    pub applicability: &'static str,
    pub message: String,
    pub edits: Vec<MessageEdit>,
}

/// One diagnostic, ready to print.
#[derive(Clone, Debug)]
pub struct Message {
    pub rule: Rule,
    pub diagnostic: Diagnostic,
    pub filename: String,
    pub location: Location,
    pub end_location: Location,
    pub fix: Option<MessageFix>,
    /// The dialect of the file, when it was analysed.
    pub dialect: Option<&'static str>,
    /// The start and end with columns in UTF-8 bytes.
    pub byte_location: Location,
    pub byte_end_location: Location,
    /// A hash of the rule and the trimmed text of the diagnostic's first line: the same
    /// finding keeps it when lines are added or removed elsewhere (baselines, SARIF and
    /// GitLab fingerprints).
    pub line_hash: u64,
}

impl Message {
    pub fn new(
        filename: &Path,
        text: &str,
        index: &LineIndex,
        diagnostic: Diagnostic,
        dialect: Option<&'static str>,
    ) -> Self {
        Self::with_line_hashes(filename, text, index, diagnostic, dialect, &mut LineHashes::default())
    }

    /// [`Message::new`] for one of many messages of `text`: `hashes` keeps each rule's
    /// line hash by row, so that thousands of findings on one long line (a 5 MB line of
    /// backquotes) hash it once, not once each.
    pub fn with_line_hashes(
        filename: &Path,
        text: &str,
        index: &LineIndex,
        diagnostic: Diagnostic,
        dialect: Option<&'static str>,
        hashes: &mut LineHashes,
    ) -> Self {
        let location = |offset: u32| {
            let position = index.line_column(offset, text, PositionEncoding::Utf32);
            Location { row: position.line + 1, column: position.column + 1 }
        };
        let byte_location = |offset: u32| {
            let position = index.line_column(offset, text, PositionEncoding::Utf8);
            Location { row: position.line + 1, column: position.column + 1 }
        };
        let fix = diagnostic.fix.as_ref().map(|fix| MessageFix {
            applicability: fix.applicability.as_str(),
            message: fix.title.clone(),
            edits: fix
                .edits()
                .iter()
                .map(|edit| MessageEdit {
                    content: edit.content.clone(),
                    location: location(edit.range.start()),
                    end_location: location(edit.range.end()),
                    byte_location: byte_location(edit.range.start()),
                    byte_end_location: byte_location(edit.range.end()),
                })
                .collect(),
        });
        let start = location(diagnostic.range.start());
        Message {
            rule: diagnostic.rule,
            byte_location: byte_location(diagnostic.range.start()),
            byte_end_location: byte_location(diagnostic.range.end()),
            line_hash: *hashes
                .entry((diagnostic.rule, start.row))
                .or_insert_with(|| line_hash(diagnostic.rule, indexed_line(text, index, start.row))),
            location: start,
            end_location: location(diagnostic.range.end()),
            filename: filename.display().to_string(),
            fix,
            diagnostic,
            dialect,
        }
    }

    /// The path with `/` separators, as baselines and CI formats write it.
    pub fn portable_path(&self) -> String {
        self.filename.replace('\\', "/")
    }

    /// Whether `--fix` (or `--unsafe-fixes`) would apply this message's fix.
    pub fn fixable(&self, unsafe_fixes: bool) -> bool {
        self.fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == "safe" || (unsafe_fixes && fix.applicability == "unsafe"))
    }
}

/// Line hashes already computed for one text, by rule and row.
pub type LineHashes = std::collections::HashMap<(Rule, u32), u64>;

/// Line `row` (1-based) of `text`, without its line ending, through the line index.
fn indexed_line<'t>(text: &'t str, index: &LineIndex, row: u32) -> &'t str {
    let range = index.line_range(row.saturating_sub(1));
    text.get(range.start() as usize..range.end() as usize).unwrap_or("").trim_end_matches(['\n', '\r'])
}

/// Line `row` (1-based) of `text`, without its line ending; empty past the end.
pub fn line_text(text: &str, row: u32) -> &str {
    text.split_inclusive('\n').nth(row.saturating_sub(1) as usize).unwrap_or("").trim_end_matches(['\n', '\r'])
}

/// The fingerprint of a finding's line: the rule and the line's text without leading and
/// trailing whitespace (re-indenting a block keeps it), hashed with XXH3, which is
/// specified and so stable across versions and platforms.
pub fn line_hash(rule: Rule, line: &str) -> u64 {
    let mut bytes = Vec::with_capacity(line.len() + 8);
    bytes.extend_from_slice(rule.code().as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(line.trim().as_bytes());
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// Stable fingerprints for `messages`, which must be grouped by file in order: the
/// file, the line hash, and how many earlier messages of the file have the same line
/// hash (two identical lines with the same finding stay distinct).
pub fn fingerprints(messages: &[Message]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, u64), u32> = std::collections::HashMap::new();
    messages
        .iter()
        .map(|message| {
            let occurrence = seen.entry((message.filename.as_str(), message.line_hash)).or_insert(0);
            let key = format!("{}\0{:016x}\0{occurrence}", message.portable_path(), message.line_hash);
            *occurrence += 1;
            format!("{:032x}", xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
        })
        .collect()
}
