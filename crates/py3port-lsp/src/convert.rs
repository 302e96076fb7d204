//! Conversions between the core's byte offsets and LSP positions, and from core
//! diagnostics to LSP diagnostics. Only this module knows how LSP counts columns.

use std::str::FromStr;
use std::sync::OnceLock;

use py3port_core::{Applicability, Family, LineColumn, LineIndex, PositionEncoding, RULES, Rule, Severity, TextRange};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
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

/// A `textDocument/publishDiagnostics` notification, framed for the wire (header and
/// body), serialized straight from the core's diagnostics: the same JSON as
/// [`diagnostic`] gives through `lsp_types`, without building an `lsp_types::Diagnostic`
/// or a `serde_json::Value` for each. On a keystroke in a large file this is most of the
/// server's own work, so it skips the transport's `Value` round trip (see `output.rs`).
/// `diagnostics` is [`wire_diagnostics`], or an empty list to clear them.
pub fn publish_frame(uri: &Uri, version: Option<i32>, diagnostics: impl Serialize) -> Vec<u8> {
    notification_frame("textDocument/publishDiagnostics", PublishParams { uri, diagnostics, version })
}

/// A notification, framed for the wire.
pub fn notification_frame(method: &'static str, params: impl Serialize) -> Vec<u8> {
    let body = serde_json::to_vec(&Notification { jsonrpc: "2.0", method, params })
        .expect("notification parameters serialize to JSON");
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

#[derive(Serialize)]
struct Notification<P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: P,
}

/// The diagnostics of [`publish_frame`]: `diagnostics` as [`diagnostic`] converts them,
/// with `data_version` in their `data`.
pub fn wire_diagnostics<'a>(
    positions: &'a Positions<'a>,
    diagnostics: &'a [py3port_core::Diagnostic],
    data_version: i32,
) -> impl Serialize + 'a {
    WireDiagnostics { positions, diagnostics, version: data_version }
}

#[derive(Serialize)]
struct PublishParams<'a, D> {
    uri: &'a Uri,
    diagnostics: D,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

struct WireDiagnostics<'a> {
    positions: &'a Positions<'a>,
    diagnostics: &'a [py3port_core::Diagnostic],
    version: i32,
}

impl Serialize for WireDiagnostics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.diagnostics.len()))?;
        for diagnostic in self.diagnostics {
            let meta = diagnostic.rule.meta();
            let removed_api = matches!(meta.family, Family::Builtins | Family::Stdlib);
            seq.serialize_element(&WireDiagnostic {
                range: self.positions.range(diagnostic.range),
                severity: severity(diagnostic.severity),
                code: meta.code,
                code_description: href(diagnostic.rule).map(|href| WireHref { href }),
                source: SOURCE,
                message: &diagnostic.message,
                tags: removed_api.then_some([DiagnosticTag::DEPRECATED]),
                data: WireData {
                    version: self.version,
                    fix: diagnostic.fix.as_ref().map(|fix| fix.title.as_str()),
                    applicability: diagnostic.fix.as_ref().map(|fix| fix.applicability.as_str()),
                },
            })?;
        }
        seq.end()
    }
}

/// The fields of `lsp_types::Diagnostic` that [`diagnostic`] sets, in its spelling.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireDiagnostic<'a> {
    range: Range,
    severity: DiagnosticSeverity,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<WireHref>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<[DiagnosticTag; 1]>,
    data: WireData<'a>,
}

#[derive(Serialize)]
struct WireHref {
    href: &'static str,
}

#[derive(Serialize)]
struct WireData<'a> {
    version: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    applicability: Option<&'static str>,
}

/// A rule's documentation URL as `codeDescription.href` spells it, when it is a valid URI
/// (computed once per rule).
fn href(rule: Rule) -> Option<&'static str> {
    static HREFS: OnceLock<Vec<Option<String>>> = OnceLock::new();
    let hrefs = HREFS.get_or_init(|| {
        RULES.iter().map(|meta| Uri::from_str(&meta.url()).ok().map(|uri| uri.as_str().to_owned())).collect()
    });
    hrefs.get(rule as usize).and_then(Option::as_deref)
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

    /// The diagnostics the server serializes itself are exactly what `lsp_types` makes of
    /// [`diagnostic`]'s, in both encodings: with and without fixes, deprecated tags,
    /// non-ASCII text before them, and the empty list that clears them.
    #[test]
    fn published_frames_match_lsp_types() {
        let text = "# -*- coding: utf-8 -*-\r\nprint 'é😀', `x`\r\nif d.has_key(k) <> 1: raise E, 'v'\nimport urllib2\nx = 0777L\ndef f():\n    from os import *\nimport md5\n";
        let analysis = py3port_core::check(text, &py3port_core::Settings::default(), &Default::default());
        assert!(analysis.diagnostics.len() >= 5, "{:?}", analysis.diagnostics);
        assert!(analysis.diagnostics.iter().any(|d| d.fix.is_none()));
        let index = LineIndex::new(text);
        let uri = Uri::from_str("file:///home/me/legacy%20app/%C3%A9.py").unwrap();
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let positions = Positions { text, index: &index, encoding };
            let frame = publish_frame(&uri, Some(7), wire_diagnostics(&positions, &analysis.diagnostics, 7));
            let converted = analysis.diagnostics.iter().map(|d| diagnostic(&positions, d, 7)).collect();
            let params = lsp::PublishDiagnosticsParams { uri: uri.clone(), diagnostics: converted, version: Some(7) };
            assert_eq!(
                body(&frame),
                json!({ "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params })
            );
        }
        let params = lsp::PublishDiagnosticsParams { uri: uri.clone(), diagnostics: Vec::new(), version: None };
        let frame = publish_frame(&uri, None, [(); 0]);
        assert_eq!(
            body(&frame),
            json!({ "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params })
        );
    }

    /// The body of a frame, after checking its header.
    fn body(frame: &[u8]) -> serde_json::Value {
        let text = std::str::from_utf8(frame).unwrap();
        let (header, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        serde_json::from_str(body).unwrap()
    }

    #[test]
    fn utf8_only_when_offered() {
        assert_eq!(negotiate(None), PositionEncoding::Utf16);
        assert_eq!(negotiate(Some(&[PositionEncodingKind::UTF16])), PositionEncoding::Utf16);
        assert_eq!(negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])), PositionEncoding::Utf8);
    }
}
