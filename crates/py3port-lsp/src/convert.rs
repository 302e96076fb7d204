//! Conversions between the core's byte offsets and LSP positions, and from core
//! diagnostics to LSP diagnostics. Only this module knows how LSP counts columns.

use std::str::FromStr;

use py3port_core::{Applicability, Family, LineColumn, LineIndex, PositionEncoding, Severity, TextRange};
use serde_json::json;
use tower_lsp_server::lsp_types::{
    self as lsp, CodeDescription, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position, PositionEncodingKind,
    Range, TextEdit, Uri,
};

/// `source` of every diagnostic.
pub const SOURCE: &str = "py3port";

/// The encoding to use: UTF-8 when the client offers it (no conversion at all), else
/// UTF-16, which every client supports.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// A text with its line index and the session's encoding: everything a conversion needs.
#[derive(Clone, Copy)]
pub struct Positions<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl Positions<'_> {
    pub fn position(&self, offset: u32) -> Position {
        let LineColumn { line, column } = self.index.line_column(offset, self.text, self.encoding);
        Position { line, character: column }
    }

    pub fn range(&self, range: TextRange) -> Range {
        Range { start: self.position(range.start()), end: self.position(range.end()) }
    }

    pub fn offset(&self, position: Position) -> u32 {
        self.index.offset(LineColumn { line: position.line, column: position.character }, self.text, self.encoding)
    }

    pub fn text_range(&self, range: Range) -> TextRange {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        TextRange::new(start, end)
    }

    pub fn edit(&self, range: TextRange, content: &str) -> TextEdit {
        TextEdit { range: self.range(range), new_text: content.to_owned() }
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The LSP form of a core diagnostic. `data` says which analysis it comes from (the
/// document version) and which fix it has (title and applicability): what a code action
/// request needs to find it again in the current analysis. The fix's edits are not in it:
/// a fix that renames an import with all its uses has an edit per use, and a file with
/// many such diagnostics would send every use once per diagnostic on each keystroke (the
/// code actions carry the edits).
pub fn diagnostic(positions: &Positions<'_>, diagnostic: &py3port_core::Diagnostic, version: i32) -> lsp::Diagnostic {
    let meta = diagnostic.rule.meta();
    // Removed builtins, methods and modules are deprecated APIs; editors strike them out.
    let removed_api = matches!(meta.family, Family::Builtins | Family::Stdlib);
    let data = match &diagnostic.fix {
        Some(fix) => json!({ "version": version, "fix": fix.title, "applicability": fix.applicability.as_str() }),
        None => json!({ "version": version }),
    };
    lsp::Diagnostic {
        range: positions.range(diagnostic.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(meta.code.to_owned())),
        code_description: Uri::from_str(&meta.url()).ok().map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: diagnostic.message.clone(),
        related_information: None,
        tags: removed_api.then(|| vec![DiagnosticTag::DEPRECATED]),
        data: Some(data),
    }
}

/// How a fix is labelled in the editor.
pub fn fix_title(title: &str, applicability: Applicability) -> String {
    match applicability {
        Applicability::Safe => title.to_owned(),
        Applicability::Unsafe => format!("{title} (unsafe: may change behaviour)"),
        Applicability::DisplayOnly => format!("{title} (suggestion: review before keeping)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character boundary of each text converts to a position and back, in both
    /// encodings the server negotiates.
    #[test]
    fn positions_round_trip_crlf_accents_and_astral_characters() {
        for text in ["print 'é'\r\nprint '😀'\r\n\r\nx = 1", "a😀b\rc\ncé\n", "é😀\r\n😀é", ""] {
            let index = LineIndex::new(text);
            for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                let positions = Positions { text, index: &index, encoding };
                for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    let offset = u32::try_from(offset).unwrap();
                    let lf_of_crlf = offset > 0
                        && text[..offset as usize].ends_with('\r')
                        && text[offset as usize..].starts_with('\n');
                    if lf_of_crlf {
                        continue;
                    }
                    let position = positions.position(offset);
                    assert_eq!(positions.offset(position), offset, "{encoding:?} {position:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn columns_differ_by_encoding() {
        let text = "s = u'é😀'; print s\r\n";
        let index = LineIndex::new(text);
        let print = u32::try_from(text.find("print").unwrap()).unwrap();
        let utf8 = Positions { text, index: &index, encoding: PositionEncoding::Utf8 }.position(print);
        let utf16 = Positions { text, index: &index, encoding: PositionEncoding::Utf16 }.position(print);
        assert_eq!((utf8.line, utf8.character), (0, 15));
        assert_eq!((utf16.line, utf16.character), (0, 12));
    }

    #[test]
    fn utf8_only_when_offered() {
        assert_eq!(negotiate(None), PositionEncoding::Utf16);
        assert_eq!(negotiate(Some(&[PositionEncodingKind::UTF16])), PositionEncoding::Utf16);
        assert_eq!(negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])), PositionEncoding::Utf8);
    }
}
