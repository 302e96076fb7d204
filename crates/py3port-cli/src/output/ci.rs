//! The formats CI systems read: GitHub Actions annotations, GitLab Code Quality, reviewdog's
//! rdjson and JUnit XML.

use std::io::Write;

use py3port_core::Severity;
use serde_json::json;

use super::Context;
use crate::messages::{Location, Message, fingerprints};

/// GitHub Actions workflow commands (`::error file=...,line=...::message`), which the
/// runner turns into annotations on the pull request.
pub fn github(messages: &[Message], out: &mut dyn Write) -> std::io::Result<()> {
    for message in messages {
        let level = match message.diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let meta = message.rule.meta();
        writeln!(
            out,
            "::{level} title={},file={},line={},col={},endLine={},endColumn={}::{}",
            escape_property(&format!("py3port ({}: {})", meta.code, meta.name)),
            escape_property(&message.portable_path()),
            message.location.row,
            message.location.column,
            message.end_location.row,
            message.end_location.column,
            escape_data(&format!(
                "{}:{}:{}: {} {}",
                message.portable_path(),
                message.location.row,
                message.location.column,
                meta.code,
                message.diagnostic.message
            )),
        )?;
    }
    Ok(())
}

/// The runner's escaping of a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// The runner's escaping of a command's property values.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitLab Code Quality: a Code Climate issue per diagnostic, with a fingerprint that
/// stays the same while the line's text does.
pub fn gitlab(messages: &[Message], out: &mut dyn Write) -> std::io::Result<()> {
    let fingerprints = fingerprints(messages);
    let issues: Vec<_> = messages
        .iter()
        .zip(&fingerprints)
        .map(|(message, fingerprint)| {
            let meta = message.rule.meta();
            let severity = match message.diagnostic.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info | Severity::Hint => "info",
            };
            json!({
                "type": "issue",
                "check_name": meta.code,
                "description": format!("{}: {}", meta.code, message.diagnostic.message),
                "content": { "body": format!("{} ({}). {}", meta.name, meta.url(), meta.summary()) },
                "categories": ["Compatibility"],
                "severity": severity,
                "fingerprint": fingerprint,
                "location": {
                    "path": message.portable_path(),
                    "lines": { "begin": message.location.row, "end": message.end_location.row },
                },
            })
        })
        .collect();
    super::write_json(out, &issues)
}

/// reviewdog's Diagnostic Format: positions are 1-based, columns in UTF-8 bytes; fixes
/// become suggestions.
pub fn rdjson(messages: &[Message], out: &mut dyn Write) -> std::io::Result<()> {
    let position = |location: Location| json!({ "line": location.row, "column": location.column });
    let diagnostics: Vec<_> = messages
        .iter()
        .map(|message| {
            let meta = message.rule.meta();
            let severity = match message.diagnostic.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info | Severity::Hint => "INFO",
            };
            let mut diagnostic = json!({
                "message": message.diagnostic.message,
                "location": {
                    "path": message.portable_path(),
                    "range": { "start": position(message.byte_location), "end": position(message.byte_end_location) },
                },
                "severity": severity,
                "code": { "value": meta.code, "url": meta.url() },
            });
            if let Some(fix) = &message.fix {
                diagnostic["suggestions"] = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "range": { "start": position(edit.byte_location), "end": position(edit.byte_end_location) },
                            "text": edit.content,
                        })
                    })
                    .collect();
            }
            diagnostic
        })
        .collect();
    let document = json!({
        "source": { "name": "py3port", "url": "https://github.com/py3port/py3port" },
        "diagnostics": diagnostics,
    });
    super::write_json(out, &document)
}

/// JUnit XML: a test suite per checked file; a failing test case per diagnostic, or one
/// passing case for a file without any.
pub fn junit(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut files: Vec<&str> = context.files.iter().map(|file| file.display.as_str()).collect();
    for message in messages {
        if !files.contains(&message.filename.as_str()) {
            files.push(&message.filename);
        }
    }
    let tests: usize = files.iter().map(|file| messages.iter().filter(|m| m.filename == *file).count().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="py3port" tests="{tests}" failures="{}" errors="0">"#, messages.len())?;
    for file in files {
        let found: Vec<&Message> = messages.iter().filter(|m| m.filename == file).collect();
        let name = xml(&file.replace('\\', "/"));
        let classname = xml(&file.replace('\\', "/").trim_end_matches(".py").replace('/', "."));
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" disabled="0" errors="0" failures="{}" package="org.py3port">"#,
            found.len().max(1),
            found.len()
        )?;
        if found.is_empty() {
            writeln!(out, r#"    <testcase name="org.py3port" classname="{classname}" />"#)?;
        }
        for message in found {
            let meta = message.rule.meta();
            writeln!(
                out,
                r#"    <testcase name="org.py3port.{}" classname="{classname}" file="{name}" line="{}">"#,
                meta.code, message.location.row
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">line {}, col {}, {} ({}) {}</failure>"#,
                xml(&message.diagnostic.message),
                meta.code,
                message.location.row,
                message.location.column,
                meta.code,
                meta.name,
                xml(&message.diagnostic.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Escapes text for an XML attribute or element, dropping the characters XML 1.0 cannot
/// hold.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn xml_escaping_drops_what_xml_cannot_hold() {
        assert_eq!(xml("<a href=\"x\">&'\u{1}\t"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\t");
    }
}
