//! PY3509: a `coding: utf-8` declaration, the default on Python 3.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::text::TextRange;

declare_rule! {
    /// A `# -*- coding: utf-8 -*-` declaration: UTF-8 is Python 3's default source encoding.
    ///
    /// ## What it does
    /// Checks the first two lines for a PEP 263 declaration of UTF-8 (`utf-8`, `utf8`,
    /// any case, `-*-` decorations or not). Other encodings are not reported: they still
    /// matter.
    ///
    /// ## Why is this bad?
    /// Python 2 needed it for non-ASCII source; on Python 3 (PEP 3120) it says what is
    /// already true.
    ///
    /// ## Example
    /// ```python
    /// # -*- coding: utf-8 -*-
    /// NAME = "Zoë"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// NAME = "Zoë"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the line; it is safe (a line that also holds other text, such as
    /// an editor's `vim:` settings, is left alone).
    fix: Sometimes,
    kinds: [Comment],
    check: Some(check),
    lib2to3: [],
    catalogue: [145],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let start = node.start_byte();
    // The first two lines only.
    if cx.source[..start].matches('\n').count() > 1 {
        return;
    }
    let text = cx.text(node);
    let Some(encoding) = crate::encoding::declared_encoding(text) else { return };
    if !matches!(encoding.to_ascii_lowercase().as_str(), "utf-8" | "utf8") {
        return;
    }
    // Only a line that is nothing but the declaration is removed.
    let lowered = text.trim_start_matches('#').trim().to_ascii_lowercase();
    let bare = lowered.trim_start_matches("-*-").trim_end_matches("-*-").replace(' ', "");
    let only_declaration = matches!(bare.as_str(), "coding:utf-8" | "coding=utf-8" | "coding:utf8" | "coding=utf8");
    let fix = (only_declaration && crate::ast::starts_line(cx.source, node)).then(|| {
        let line = crate::checker::line_of(cx.source, TextRange::from_usize(node.byte_range()));
        let rest = &cx.source[line.end() as usize..];
        let newline = if rest.starts_with("\r\n") { 2 } else { u32::from(rest.starts_with(['\n', '\r'])) };
        Fix::safe("Remove the declaration", vec![Edit::delete(TextRange::new(line.start(), line.end() + newline))])
    });
    report(
        cx,
        Rule::CodingCookie,
        TextRange::from_usize(node.byte_range()),
        "UTF-8 is the default source encoding on Python 3",
        fix.flatten(),
    );
}
