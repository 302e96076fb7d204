//! JSON output: an array like ruff's (`code`, `message`, `filename`, `location`,
//! `end_location`, `fix`, `url`, `noqa_row`), plus py3port's `name`, `family`,
//! `severity`, `confidence` and `dialect`.

use std::io::Write;

use serde::Serialize;

use super::Context;
use crate::messages::{Location, Message, MessageFix};

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

pub fn emit(messages: &[Message], _context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
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
    super::write_json(out, &rows)
}
