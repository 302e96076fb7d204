//! Output formats: `concise` and `full` text, and `json` shaped like ruff's.

use std::io::Write;

use clap::ValueEnum;

use crate::messages::Message;
use crate::run::FileReport;

pub mod json;
pub mod text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One line per diagnostic: `path:row:col: CODE message`.
    Concise,
    /// Each diagnostic with the source lines it points at and its fix.
    Full,
    /// A JSON array shaped like ruff's JSON output, with py3port's own fields added.
    Json,
}

/// What the formats need besides the messages.
pub struct Context<'a> {
    pub files: &'a [FileReport],
    pub unsafe_fixes: bool,
    pub show_fix_summary: bool,
}

pub fn emit(
    format: OutputFormat,
    messages: &[Message],
    context: &Context<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Concise => text::concise(messages, context, out),
        OutputFormat::Full => text::full(messages, context, out),
        OutputFormat::Json => json::emit(messages, context, out),
    }
}
