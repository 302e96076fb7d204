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
}

impl Message {
    pub fn new(
        filename: &Path,
        text: &str,
        index: &LineIndex,
        diagnostic: Diagnostic,
        dialect: Option<&'static str>,
    ) -> Self {
        let location = |offset: u32| {
            let position = index.line_column(offset, text, PositionEncoding::Utf32);
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
                })
                .collect(),
        });
        Message {
            rule: diagnostic.rule,
            location: location(diagnostic.range.start()),
            end_location: location(diagnostic.range.end()),
            filename: filename.display().to_string(),
            fix,
            diagnostic,
            dialect,
        }
    }

    /// Whether `--fix` (or `--unsafe-fixes`) would apply this message's fix.
    pub fn fixable(&self, unsafe_fixes: bool) -> bool {
        self.fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == "safe" || (unsafe_fixes && fix.applicability == "unsafe"))
    }
}
