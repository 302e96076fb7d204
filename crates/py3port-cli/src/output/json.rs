//! JSON output: an array like ruff's (`code`, `message`, `filename`, `location`,
//! `end_location`, `fix`, `url`, `noqa_row`), plus py3port's `name`, `family`,
//! `severity`, `confidence` and `dialect`.
//!
//! Written as `serde_json::to_writer_pretty` writes it (a test compares the two), but a
//! line at a time: serde's pretty printer makes about ten small writes a line, which cost
//! more than the rest of the output. Strings are still escaped by `serde_json`.

use std::io::Write;

use super::Context;
use crate::messages::{Location, Message};

pub fn emit(messages: &[Message], _context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut json = Pretty { buffer: Vec::with_capacity(2048), depth: 0, first: true };
    json.open(b'[');
    for message in messages {
        json.value();
        write_message(&mut json, message)?;
        buffered.write_all(&json.buffer)?;
        json.buffer.clear();
    }
    json.close(b']');
    json.buffer.push(b'\n');
    buffered.write_all(&json.buffer)?;
    buffered.flush()
}

fn write_message(json: &mut Pretty, message: &Message) -> std::io::Result<()> {
    let meta = message.rule.meta();
    json.open(b'{');
    json.key("cell");
    json.raw("null");
    json.key("code");
    json.string(meta.code)?;
    json.key("name");
    json.string(meta.name)?;
    json.key("family");
    json.string(meta.family.as_str())?;
    json.key("message");
    json.string(&message.diagnostic.message)?;
    json.key("filename");
    json.string(&message.filename)?;
    json.location("location", message.location)?;
    json.location("end_location", message.end_location)?;
    json.key("fix");
    match &message.fix {
        None => json.raw("null"),
        Some(fix) => {
            json.open(b'{');
            json.key("applicability");
            json.string(fix.applicability)?;
            json.key("message");
            json.string(&fix.message)?;
            json.key("edits");
            json.open(b'[');
            for edit in &fix.edits {
                json.value();
                json.open(b'{');
                json.key("content");
                json.string(&edit.content)?;
                json.location("location", edit.location)?;
                json.location("end_location", edit.end_location)?;
                json.close(b'}');
            }
            json.close(b']');
            json.close(b'}');
        }
    }
    json.key("noqa_row");
    json.number(message.location.row)?;
    json.key("url");
    json.string(&meta.url())?;
    json.key("severity");
    json.string(message.diagnostic.severity.as_str())?;
    json.key("confidence");
    json.string(message.diagnostic.confidence.as_str())?;
    json.key("dialect");
    match message.dialect {
        Some(dialect) => json.string(dialect)?,
        None => json.raw("null"),
    }
    json.close(b'}');
    Ok(())
}

/// A pretty printer of two-space indented JSON, as `serde_json`'s `PrettyFormatter`
/// lays it out, into a buffer.
struct Pretty {
    buffer: Vec<u8>,
    /// How many arrays and objects are open.
    depth: usize,
    /// Whether the innermost open array or object has no member yet.
    first: bool,
}

impl Pretty {
    /// Ends the previous member and starts a new line at the current depth.
    fn line(&mut self) {
        const SPACES: &[u8; 64] = &[b' '; 64];
        self.buffer.extend_from_slice(if self.first { b"\n" } else { b",\n" });
        let mut indent = 2 * self.depth;
        while indent > 0 {
            let step = indent.min(SPACES.len());
            self.buffer.extend_from_slice(&SPACES[..step]);
            indent -= step;
        }
        self.first = false;
    }

    fn open(&mut self, bracket: u8) {
        self.buffer.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.first {
            self.first = true;
            // No member follows: the closing bracket on its own line, without a comma.
            self.line();
        }
        self.buffer.push(bracket);
        self.first = false;
    }

    /// An array's next item.
    fn value(&mut self) {
        self.line();
    }

    /// An object's next key (one of ours: plain ASCII, nothing to escape).
    fn key(&mut self, key: &str) {
        self.line();
        self.buffer.push(b'"');
        self.buffer.extend_from_slice(key.as_bytes());
        self.buffer.extend_from_slice(b"\": ");
    }

    fn raw(&mut self, text: &str) {
        self.buffer.extend_from_slice(text.as_bytes());
    }

    fn number(&mut self, number: u32) -> std::io::Result<()> {
        write!(self.buffer, "{number}")
    }

    fn string(&mut self, text: &str) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.buffer, text).map_err(std::io::Error::other)
    }

    /// `key` and a location object.
    fn location(&mut self, key: &str, location: Location) -> std::io::Result<()> {
        self.key(key);
        self.open(b'{');
        self.key("row");
        self.number(location.row)?;
        self.key("column");
        self.number(location.column)?;
        self.close(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use py3port_core::{FileContext, LineIndex, SettingValue, Settings, check};
    use serde::Serialize;

    use super::*;
    use crate::messages::MessageFix;

    /// The shape of one element, for `serde_json` to print as the reference.
    #[derive(Serialize)]
    struct JsonMessage<'a> {
        cell: Option<u32>,
        code: &'static str,
        name: &'static str,
        family: &'static str,
        message: &'a str,
        filename: &'a str,
        location: Location,
        end_location: Location,
        fix: Option<&'a MessageFix>,
        noqa_row: u32,
        url: String,
        severity: &'static str,
        confidence: &'static str,
        dialect: Option<&'static str>,
    }

    fn reference(messages: &[Message]) -> String {
        let rows: Vec<JsonMessage<'_>> = messages
            .iter()
            .map(|message| {
                let meta = message.rule.meta();
                JsonMessage {
                    cell: None,
                    code: meta.code,
                    name: meta.name,
                    family: meta.family.as_str(),
                    message: &message.diagnostic.message,
                    filename: &message.filename,
                    location: message.location,
                    end_location: message.end_location,
                    fix: message.fix.as_ref(),
                    noqa_row: message.location.row,
                    url: meta.url(),
                    severity: message.diagnostic.severity.as_str(),
                    confidence: message.diagnostic.confidence.as_str(),
                    dialect: message.dialect,
                }
            })
            .collect();
        serde_json::to_string_pretty(&rows).unwrap() + "\n"
    }

    fn written(messages: &[Message]) -> String {
        let context = Context { files: &[], unsafe_fixes: false, show_fix_summary: false, color: false };
        let mut out = Vec::new();
        emit(messages, &context, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Byte for byte what `serde_json::to_writer_pretty` writes: with and without fixes,
    /// edits and a dialect, with strings that need escaping, and for no message at all.
    #[test]
    fn the_output_is_serde_jsons_pretty_output() {
        let mut settings = Settings::default();
        settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
        let source = "# -*- coding: utf-8 -*-\nimport cPickle, urllib2\nprint \"tab\\there\", `x`\n\
                      if a <> b: d = {}.has_key(u'\u{e9}\\x00')\nexec \"code\" in ns\nx = 0777L\n\
                      def f((a, b)):\n    raise E, \"\\\"q\\\"\\n\"\nprint >>f, a, b\nline = name.encode(\"utf-8\") + \"\\n\"\n";
        let index = LineIndex::new(source);
        let mut messages: Vec<Message> = check(source, &settings, &FileContext::default())
            .diagnostics
            .into_iter()
            .map(|d| Message::new(Path::new("dir/tab\there \"é\".py"), source, &index, d, Some("python2")))
            .collect();
        assert!(messages.len() > 8 && messages.iter().any(|m| m.fix.is_none()), "{}", messages.len());
        assert!(messages.iter().any(|m| m.fix.as_ref().is_some_and(|f| f.edits.len() > 1)));
        messages[0].dialect = None;
        if let Some(fix) = messages.iter_mut().find_map(|m| m.fix.as_mut()) {
            fix.edits.clear();
            fix.message = "control \u{1} and \u{7f} and \\ and \u{2028}".into();
        }
        assert_eq!(written(&messages), reference(&messages));
        assert_eq!(written(&messages[..1]), reference(&messages[..1]));
        assert_eq!(written(&[]), reference(&[]));
    }
}
