//! Text output: `concise` (a line per diagnostic) and `full` (with the source lines and
//! the fix), followed by a summary.

use std::io::Write;

use super::Context;
use crate::messages::Message;

pub fn concise(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    for message in messages {
        let marker = if message.fixable(context.unsafe_fixes) { " [*]" } else { "" };
        writeln!(
            out,
            "{}:{}:{}: {}{marker} {}",
            message.filename,
            message.location.row,
            message.location.column,
            message.rule.code(),
            message.diagnostic.message
        )?;
    }
    summary(messages, context, out)
}

pub fn full(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    for message in messages {
        let marker = if message.fixable(context.unsafe_fixes) { " [*]" } else { "" };
        writeln!(
            out,
            "{}:{}:{}: {}{marker} {}",
            message.filename,
            message.location.row,
            message.location.column,
            message.rule.code(),
            message.diagnostic.message
        )?;
        if let Some(file) = context.files.iter().find(|file| file.display == message.filename) {
            excerpt(message, &file.text, out)?;
        }
        if let Some(fix) = &message.fix {
            let note = match fix.applicability {
                "safe" => "",
                "unsafe" => " (unsafe)",
                _ => " (suggestion only)",
            };
            writeln!(out, "  = help: {}{note}", fix.message)?;
        }
        writeln!(out)?;
    }
    summary(messages, context, out)
}

/// The lines a diagnostic covers (at most five), with carets under its range.
fn excerpt(message: &Message, text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let lines: Vec<&str> = text.split_inclusive(['\n']).collect();
    let first = message.location.row as usize;
    let last = (message.end_location.row as usize).min(first + 4);
    let width = last.to_string().len();
    writeln!(out, "{:width$} |", "")?;
    for row in first..=last {
        let Some(line) = lines.get(row - 1) else { break };
        let line = line.trim_end_matches(['\n', '\r']);
        writeln!(out, "{row:>width$} | {line}")?;
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
        writeln!(out, "{:width$} | {pad}{}{label}", "", "^".repeat(end - start))?;
    }
    writeln!(out, "{:width$} |", "")
}

fn summary(messages: &[Message], context: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    if !context.show_fix_summary {
        return Ok(());
    }
    if messages.is_empty() {
        return Ok(());
    }
    let count = messages.len();
    let plural = if count == 1 { "" } else { "s" };
    writeln!(out, "Found {count} diagnostic{plural}.")?;
    let safe = messages.iter().filter(|m| m.fixable(false)).count();
    let unsafe_only = messages.iter().filter(|m| m.fixable(true)).count() - safe;
    if safe > 0 || unsafe_only > 0 {
        if context.unsafe_fixes {
            writeln!(out, "[*] {} fixable with `py3port check --fix --unsafe-fixes`.", safe + unsafe_only)?;
        } else {
            if safe > 0 {
                writeln!(out, "[*] {safe} fixable with `py3port check --fix`.")?;
            }
            if unsafe_only > 0 {
                writeln!(out, "{unsafe_only} more fixable with `--unsafe-fixes`.")?;
            }
        }
    }
    Ok(())
}
