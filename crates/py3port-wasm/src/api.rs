//! The JavaScript API in plain Rust: `analyze`, `fix` and the editor document, taking
//! [`Options`] and UTF-16 positions and returning the [`crate::model`] types. The
//! wasm-bindgen layer (`bindings.rs`) only converts `JsValue`s, so everything here is
//! tested natively too.

use py3port_core::{Document, FileContext, FixMode, TextRange};
use serde::Deserialize;

use crate::model::{JsDiagnostic, JsFixResult};
use crate::options::Options;
use crate::positions::{Position, Positions, Utf16Map};

/// The diagnostics of `source`.
pub fn analyze(source: &str, options: &Options) -> Result<Vec<JsDiagnostic>, String> {
    let settings = options.settings()?;
    let analysis = py3port_core::check(source, &settings, &FileContext::default());
    Ok(JsDiagnostic::all(&analysis, &Positions::new(source)))
}

/// `source` with its fixes applied, as `py3port check --fix` (with `unsafeFixes`,
/// `--fix --unsafe-fixes`) writes it.
pub fn fix(source: &str, options: &Options) -> Result<JsFixResult, String> {
    let settings = options.settings()?;
    let mode = if options.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
    Ok(JsFixResult::new(py3port_core::fix(source, &settings, &FileContext::default(), mode)))
}

/// One change to a document: replace `from..to` (UTF-16 offsets; `to` defaults to
/// `from`, an insertion) with `insert`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub from: u32,
    #[serde(default)]
    pub to: Option<u32>,
    #[serde(default)]
    pub insert: Option<String>,
}

impl Change {
    fn text(&self) -> &str {
        self.insert.as_deref().unwrap_or_default()
    }
}

/// A document kept between edits, re-analysed incrementally (the core's [`Document`]),
/// with the position maps of its current text.
#[derive(Debug)]
pub struct EditorDocument {
    document: Document,
    positions: Positions,
}

impl EditorDocument {
    pub fn new(text: String, options: &Options) -> Result<Self, String> {
        let settings = options.settings()?;
        let positions = Positions::new(&text);
        Ok(Self { document: Document::new(text, settings, FileContext::default()), positions })
    }

    pub fn text(&self) -> &str {
        self.document.text()
    }

    /// Applies changes in order, each in the coordinates of the text the previous ones
    /// produced (as LSP's `didChange`), then re-analyses once. Offsets are clamped to the
    /// text, so a stale change never fails.
    pub fn update(&mut self, changes: &[Change]) {
        let edits: Vec<(TextRange, &str)> = match changes {
            [] => return,
            [change] => vec![(self.byte_range(&self.positions.utf16, change), change.text())],
            _ => {
                // Each change is in the coordinates of the text after the previous ones:
                // follow the text along to convert them.
                let mut text = self.text().to_owned();
                let mut map = self.positions.utf16.clone();
                let mut edits = Vec::with_capacity(changes.len());
                for change in changes {
                    let range = self.byte_range(&map, change);
                    text.replace_range(range.to_usize(), change.text());
                    map = Utf16Map::new(&text);
                    edits.push((range, change.text()));
                }
                edits
            }
        };
        self.document.edit(&edits);
        self.positions = Positions::new(self.document.text());
    }

    fn byte_range(&self, map: &Utf16Map, change: &Change) -> TextRange {
        map.range_to_bytes(change.from, change.to.unwrap_or(change.from))
    }

    pub fn set_text(&mut self, text: String) {
        self.positions = Positions::new(&text);
        self.document.set_text(text);
    }

    pub fn set_options(&mut self, options: &Options) -> Result<(), String> {
        let settings = options.settings()?;
        self.document.set_settings(settings, FileContext::default());
        Ok(())
    }

    pub fn diagnostics(&self) -> Vec<JsDiagnostic> {
        JsDiagnostic::all(self.document.analysis(), &self.positions)
    }

    /// `"python2"`, `"python3"`, `"compatible"` or `"undetermined"`.
    pub fn dialect(&self) -> &'static str {
        self.document.analysis().dialect.dialect.as_str()
    }

    /// How many top-level statements the last update analysed again.
    pub fn last_walked(&self) -> usize {
        self.document.last_walked()
    }

    /// The LSP position of a UTF-16 offset.
    pub fn position_at(&self, offset: u32) -> Position {
        self.positions.position(self.positions.utf16.to_byte(offset))
    }

    /// The UTF-16 offset of an LSP position.
    pub fn offset_at(&self, position: Position) -> u32 {
        self.positions.offset(position, self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(json: &str) -> Options {
        Options::try_from(serde_json::from_str::<crate::options::Raw>(json).unwrap()).unwrap()
    }

    /// Applies a fix's edits to `source` the way a JavaScript consumer does: on UTF-16
    /// code units, from the last edit to the first.
    fn apply_utf16(source: &str, edits: &[(u32, u32, &str)]) -> String {
        let mut units: Vec<u16> = source.encode_utf16().collect();
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|(from, _, _)| std::cmp::Reverse(*from));
        for (from, to, text) in sorted {
            units.splice(from as usize..to as usize, text.encode_utf16());
        }
        String::from_utf16(&units).unwrap()
    }

    #[test]
    fn ranges_count_utf16_units_after_an_emoji() {
        let source = "s = '😀'; print s\n";
        let diagnostics = analyze(source, &Options::default()).unwrap();
        let print = &diagnostics.iter().find(|d| d.code == "PY3101").unwrap();
        let utf16: Vec<u16> = source.encode_utf16().collect();
        let flagged = String::from_utf16(&utf16[print.from as usize..print.to as usize]).unwrap();
        assert_eq!(flagged, "print s");
        assert_eq!(print.range.start.line, 0);
        assert_eq!(print.range.start.character, print.from);
        let fix = print.fix.as_ref().unwrap();
        let edits: Vec<_> = fix.edits.iter().map(|e| (e.from, e.to, e.new_text.as_str())).collect();
        assert_eq!(apply_utf16(source, &edits), "s = '😀'; print(s)\n");
    }

    #[test]
    fn fix_reports_counts_and_invalid_options_fail() {
        let result = fix("print 'a'\nprint `b`\n", &Options::default()).unwrap();
        assert_eq!(result.output, "print('a')\nprint(repr(b))\n");
        assert_eq!(result.applied, result.applied_by_rule.values().sum::<usize>());
        assert_eq!(result.applied_by_rule.keys().copied().collect::<Vec<_>>(), ["PY3101", "PY3103"]);
        assert!(result.remaining.is_empty());
        assert!(analyze("x", &options(r#"{"source": "py4"}"#)).is_err());
    }

    #[test]
    fn a_document_follows_sequential_changes() {
        let text = "é = 1\nprint 'x'\n";
        let mut document = EditorDocument::new(text.to_owned(), &Options::default()).unwrap();
        assert_eq!(document.diagnostics().len(), 1);
        // Two changes, the second in the coordinates the first produced.
        document.update(&[
            Change { from: 0, to: Some(1), insert: Some("😀😀".into()) },
            Change { from: 15, to: Some(18), insert: Some("`y`".into()) },
        ]);
        assert_eq!(document.text(), "😀😀 = 1\nprint `y`\n");
        let fresh = analyze(document.text(), &Options::default()).unwrap();
        assert_eq!(document.diagnostics(), fresh);
        assert_eq!(document.offset_at(document.position_at(5)), 5);
        assert_eq!(document.position_at(4), Position { line: 0, character: 4 });
    }
}
