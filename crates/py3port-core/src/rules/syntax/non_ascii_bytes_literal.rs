//! PY3117: non-ASCII characters in `b''` literals.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::encoding;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// Non-ASCII characters written directly in a bytes literal (`b'café'`).
    ///
    /// ## What it does
    /// Checks `b''` literals for characters outside ASCII.
    ///
    /// ## Why is this bad?
    /// Python 2 stored the source file's bytes for such characters. Python 3 allows only
    /// ASCII characters in bytes literals; anything else is a syntax error.
    ///
    /// ## Example
    /// ```python
    /// # -*- coding: utf-8 -*-
    /// SEPARATOR = b'·'
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// # -*- coding: utf-8 -*-
    /// SEPARATOR = b'\xc2\xb7'
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes each character as `\xNN` escapes of the bytes Python 2 stored: its
    /// encoding in the file's declared encoding (UTF-8 when none is declared). It is
    /// safe. There is no fix in raw literals (`br''`, where escapes are not processed)
    /// or when the declared encoding is not one py3port can encode to (UTF-8, ASCII,
    /// Latin-1, cp1252).
    fix: Sometimes,
    kinds: [String],
    check: Some(check),
    lib2to3: [],
    catalogue: [13],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(parts) = cx.string_parts(node) else { return };
    if !parts.is_bytes() {
        return;
    }
    let content = cx.slice(parts.content);
    if content.is_ascii() {
        return;
    }
    let encoding_name = cx.module.encoding.as_deref().unwrap_or("utf-8");
    let fix = if parts.is_raw() {
        None
    } else {
        let mut edits = Vec::new();
        let mut ok = true;
        for (at, ch) in content.char_indices().filter(|(_, ch)| !ch.is_ascii()) {
            let start = parts.content.start() + at as u32;
            match encoding::encode(ch.encode_utf8(&mut [0; 4]), encoding_name) {
                Some(bytes) => {
                    let escaped: String = bytes.iter().map(|b| format!("\\x{b:02x}")).collect();
                    edits.push(Edit::replace(TextRange::new(start, start + ch.len_utf8() as u32), escaped));
                }
                None => ok = false,
            }
        }
        if ok { Fix::safe("Write the bytes as `\\x` escapes", edits) } else { None }
    };
    let diagnostic = Diagnostic::new(
        Rule::NonAsciiBytesLiteral,
        ast::range(node),
        "Bytes literal with non-ASCII characters is a syntax error on Python 3",
    )
    .with_fix(cx.fix_if_clean(node, fix));
    cx.report(diagnostic);
}
