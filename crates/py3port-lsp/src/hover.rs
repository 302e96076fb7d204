//! Hover on a rule code or name inside a suppression comment (`# noqa: PY3101`,
//! `# py3port: ignore[print-statement]`): the rule's documentation.

use py3port_core::{RULES, Rule, TextRange};
use tower_lsp_server::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::comments;
use crate::convert::Positions;

/// The hover at `offset`, if it is on a code in a suppression comment.
pub fn hover(positions: &Positions<'_>, offset: u32) -> Option<Hover> {
    let text = positions.text;
    let lexed = comments::lex(text);
    let comment = lexed.comments.iter().find(|c| c.start() <= offset && offset <= c.end())?;
    let list = comments::code_list(&text[comment.to_usize()])?;
    let relative = offset - comment.start();
    let (range, code) = list.codes.iter().find(|(range, _)| range.start() <= relative && relative <= range.end())?;
    let markdown = documentation(code)?;
    let range = TextRange::new(comment.start() + range.start(), comment.start() + range.end());
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(positions.range(range)),
    })
}

/// A rule's page, or for a code prefix (`PY31`) the list of rules it covers. Codes of
/// other tools (`E501`) have none.
fn documentation(code: &str) -> Option<String> {
    if let Some(rule) = Rule::from_code_or_name(code) {
        let meta = rule.meta();
        // The documentation starts with the one-sentence summary.
        return Some(format!(
            "**{}** `{}`\n\n{}\n\n[Documentation]({})",
            meta.code,
            meta.name,
            meta.docs().trim(),
            meta.url()
        ));
    }
    let prefix = code.to_ascii_uppercase();
    if !prefix.starts_with("PY3") {
        return None;
    }
    let rules: Vec<String> = RULES
        .iter()
        .filter(|meta| meta.code.starts_with(&prefix))
        .map(|meta| format!("- **{}** `{}`: {}", meta.code, meta.name, meta.summary()))
        .collect();
    (!rules.is_empty()).then(|| format!("**{prefix}** covers {} rules:\n\n{}", rules.len(), rules.join("\n")))
}
