//! Text output: `concise` (a line per diagnostic), `full` (with the source lines and the
//! fix) and `grouped` (by file, each diagnostic with its line), followed by a summary.
//! Colour is ANSI escapes, only where [`Context::color`] says so.

use std::fmt::Display;
use std::io::Write;

use super::Context;
use crate::messages::Message;

/// ANSI styles, named by their use.
mod style {
    pub const PATH: &str = "1";
    pub const PUNCT: &str = "36";
    pub const CODE: &str = "1;31";
    pub const FIXABLE: &str = "36";
    pub const GUTTER: &str = "1;34";
    pub const CARET: &str = "1;31";
    pub const HELP: &str = "1;36";
    pub const HEADER: &str = "1;4";
    pub const SUMMARY: &str = "1";
}

/// `text` in `style` when colour is on.
fn paint(color: bool, style: &str, text: impl Display) -> String {
    if color { format!("\x1b[{style}m{text}\x1b[0m") } else { text.to_string() }
}

fn header_line(message: &Message, context: &Context<'_>) -> String {
    let c = context.color;
    let marker = if message.fixable(context.unsafe_fixes) {
        format!(" {}", paint(c, style::FIXABLE, "[*]"))
    } else {
        String::new()
    };
    let colon = paint(c, style::PUNCT, ":");
    format!(
        "{}{colon}{}{colon}{}{colon} {}{marker} {}",
        paint(c, style::PATH, &message.filename),
        message.location.row,
        message.location.column,
        paint(c, style::CODE, message.rule.code()),
        message.diagnostic.message
    )
}

pub fn concise(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    for message in messages {
        writeln!(out, "{}", header_line(message, context))?;
    }
    summary(messages, context, out)
}

pub fn full(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut files = FileLookup::new(context);
    for message in messages {
        writeln!(out, "{}", header_line(message, context))?;
        if let Some(text) = files.text(&message.filename) {
            excerpt(message, text, 4, context.color, out)?;
        }
        if let Some(fix) = &message.fix {
            let note = match fix.applicability {
                "safe" => "",
                "unsafe" => " (unsafe)",
                _ => " (suggestion only)",
            };
            writeln!(out, "  {} {}{note}", paint(context.color, style::HELP, "= help:"), fix.message)?;
        }
        writeln!(out)?;
    }
    summary(messages, context, out)
}

pub fn grouped(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let c = context.color;
    let mut files = FileLookup::new(context);
    let mut start = 0;
    while start < messages.len() {
        let filename = &messages[start].filename;
        let end = start + messages[start..].iter().take_while(|m| &m.filename == filename).count();
        let group = &messages[start..end];
        writeln!(out, "{}{}", paint(c, style::HEADER, filename), paint(c, style::PUNCT, ":"))?;
        let width = group.iter().map(|m| format!("{}:{}", m.location.row, m.location.column).len()).max().unwrap_or(0);
        let text = files.text(filename);
        for message in group {
            let position = format!("{}:{}", message.location.row, message.location.column);
            let marker = if message.fixable(context.unsafe_fixes) {
                format!(" {}", paint(c, style::FIXABLE, "[*]"))
            } else {
                String::new()
            };
            writeln!(
                out,
                "  {position:<width$} {}{marker} {}",
                paint(c, style::CODE, message.rule.code()),
                message.diagnostic.message
            )?;
            if let Some(text) = text {
                let line = crate::messages::line_text(text, message.location.row);
                writeln!(out, "  {:width$} {} {}", "", paint(c, style::GUTTER, "|"), line.trim_end())?;
            }
        }
        writeln!(out)?;
        start = end;
    }
    summary(messages, context, out)
}

/// Finds a file's text by its displayed name; messages come grouped by file, so the last
/// answer is kept.
struct FileLookup<'a> {
    context: &'a Context<'a>,
    last: Option<(&'a str, &'a str)>,
}

impl<'a> FileLookup<'a> {
    fn new(context: &'a Context<'a>) -> Self {
        Self { context, last: None }
    }

    fn text(&mut self, filename: &str) -> Option<&'a str> {
        if let Some((name, text)) = self.last
            && name == filename
        {
            return Some(text);
        }
        let file = self.context.files.iter().find(|file| file.display == filename)?;
        if file.text.is_empty() {
            return None;
        }
        self.last = Some((file.display.as_str(), file.text.as_str()));
        Some(file.text.as_str())
    }
}

/// The lines a diagnostic covers (at most `max_extra + 1`), with carets under its range.
fn excerpt(message: &Message, text: &str, max_extra: usize, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let lines: Vec<&str> = text.split_inclusive(['\n']).collect();
    let first = message.location.row as usize;
    let last = (message.end_location.row as usize).min(first + max_extra);
    let width = last.to_string().len();
    let bar = paint(color, style::GUTTER, "|");
    writeln!(out, "{:width$} {bar}", "")?;
    for row in first..=last {
        let Some(line) = lines.get(row - 1) else { break };
        let line = line.trim_end_matches(['\n', '\r']);
        writeln!(out, "{} {bar} {line}", paint(color, style::GUTTER, format!("{row:>width$}")))?;
        let chars: Vec<char> = line.chars().collect();
        let start = if row == first { message.location.column as usize - 1 } else { 0 };
        let end = if row == message.end_location.row as usize {
            message.end_location.column as usize - 1
        } else {
            chars.len()
        };
        let end = end.max(start + 1).min(chars.len().max(start + 1));
        let pad: String = chars.iter().take(start).map(|&c| if c == '\t' { '\t' } else { ' ' }).collect();
        let label = if row == last { format!(" {}", message.rule.code()) } else { String::new() };
        writeln!(
            out,
            "{:width$} {bar} {pad}{}",
            "",
            paint(color, style::CARET, format!("{}{label}", "^".repeat(end - start)))
        )?;
    }
    writeln!(out, "{:width$} {bar}", "")
}

fn summary(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    if !context.show_fix_summary || messages.is_empty() {
        return Ok(());
    }
    let c = context.color;
    let count = messages.len();
    let plural = if count == 1 { "" } else { "s" };
    writeln!(out, "{}", paint(c, style::SUMMARY, format!("Found {count} diagnostic{plural}.")))?;
    let safe = messages.iter().filter(|m| m.fixable(false)).count();
    let unsafe_only = messages.iter().filter(|m| m.fixable(true)).count() - safe;
    if safe > 0 || unsafe_only > 0 {
        if context.unsafe_fixes {
            writeln!(
                out,
                "{} {} fixable with `py3port check --fix --unsafe-fixes`.",
                paint(c, style::FIXABLE, "[*]"),
                safe + unsafe_only
            )?;
        } else {
            if safe > 0 {
                writeln!(out, "{} {safe} fixable with `py3port check --fix`.", paint(c, style::FIXABLE, "[*]"))?;
            }
            if unsafe_only > 0 {
                writeln!(out, "{unsafe_only} more fixable with `--unsafe-fixes`.")?;
            }
        }
    }
    Ok(())
}
