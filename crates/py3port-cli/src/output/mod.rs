//! Output formats: `concise`, `full` and `grouped` text (with colour), `json` shaped like
//! ruff's, and the CI formats: `github` annotations, `sarif` 2.1.0, `gitlab` Code Quality,
//! `rdjson` for reviewdog and `junit` XML.

use std::io::Write;

use clap::ValueEnum;

use crate::messages::Message;
use crate::run::FileReport;

pub mod ci;
pub mod json;
pub mod sarif;
pub mod text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One line per diagnostic: `path:row:col: CODE message`.
    Concise,
    /// Each diagnostic with the source lines it points at and its fix.
    Full,
    /// The diagnostics under the name of their file, each with its source line.
    Grouped,
    /// A JSON array shaped like ruff's JSON output, with py3port's own fields added.
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request's lines.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitLab Code Quality JSON (a Code Climate issue array).
    Gitlab,
    /// reviewdog's Diagnostic Format (rdjson).
    Rdjson,
    /// JUnit XML: a test suite per file, a failing test case per diagnostic.
    Junit,
}

impl OutputFormat {
    /// Whether the format prints source lines, so the reports must keep the file's text.
    pub fn needs_source(self) -> bool {
        matches!(self, OutputFormat::Full | OutputFormat::Grouped)
    }

    /// Whether the format is text for a person, followed by the fix summary.
    pub fn is_text(self) -> bool {
        matches!(self, OutputFormat::Concise | OutputFormat::Full | OutputFormat::Grouped)
    }
}

/// When to colour text output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether the output is a terminal and the value of
    /// `NO_COLOR` (any non-empty value turns colour off, per no-color.org).
    pub fn enabled(self, is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && no_color.is_none_or(|value| value.is_empty()),
        }
    }
}

/// What the formats need besides the messages.
pub struct Context<'a> {
    pub files: &'a [FileReport],
    pub unsafe_fixes: bool,
    pub show_fix_summary: bool,
    /// Colour text output with ANSI escapes.
    pub color: bool,
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
        OutputFormat::Grouped => text::grouped(messages, context, out),
        OutputFormat::Json => json::emit(messages, context, out),
        OutputFormat::Github => ci::github(messages, out),
        OutputFormat::Sarif => sarif::emit(messages, out),
        OutputFormat::Gitlab => ci::gitlab(messages, out),
        OutputFormat::Rdjson => ci::rdjson(messages, out),
        OutputFormat::Junit => ci::junit(messages, context, out),
    }
}

/// Writes `value` as pretty JSON and a newline. The serializer writes a few bytes at a
/// time: a buffer of its own type in front of `out` makes those plain copies, and `out`
/// sees large writes.
fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, value)?;
    writeln!(buffered)?;
    buffered.flush()
}
