//! Python 2 syntax that Python 3 refuses to compile (`PY31xx`).

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::Edit;

pub(crate) mod assignment_to_keyword_constant;
pub(crate) mod backquote_repr;
pub(crate) mod comprehension_bare_tuple;
pub(crate) mod diamond_not_equal;
pub(crate) mod except_comma;
pub(crate) mod exec_statement;
pub(crate) mod file_too_large;
pub(crate) mod import_star_in_function;
pub(crate) mod inconsistent_tabs;
pub(crate) mod keyword_as_identifier;
pub(crate) mod long_suffix;
pub(crate) mod non_ascii_bytes_literal;
pub(crate) mod old_octal_literal;
pub(crate) mod parse_error;
pub(crate) mod print_statement;
pub(crate) mod raise_comma;
pub(crate) mod raw_unicode_literal;
pub(crate) mod tuple_parameter;
pub(crate) mod undecodable_source;
pub(crate) mod unicode_escape_in_str;

/// An edit inserting `lines` as statements at the start of `block`, after its docstring
/// when `after_docstring` is set, with the block's indentation and the file's newlines.
pub(crate) fn insert_statements(
    cx: &Checker<'_>,
    block: Node<'_>,
    after_docstring: bool,
    lines: &[String],
) -> Option<Edit> {
    let statements = ast::block_statements(block);
    let first = *statements.first()?;
    let skip_docstring = after_docstring && ast::is_string_statement(first);
    if !ast::starts_line(cx.source, first) {
        // A one-line suite: `def f((a, b)): return a`.
        let anchor = if skip_docstring { statements.get(1).copied() } else { Some(first) };
        return Some(match anchor {
            Some(anchor) => Edit::insert(anchor.start_byte() as u32, lines.join("; ") + "; "),
            None => Edit::insert(first.end_byte() as u32, format!("; {}", lines.join("; "))),
        });
    }
    let newline = cx.newline();
    let indent = cx.indentation_at(first.start_byte() as u32).to_owned();
    match (skip_docstring, statements.get(1)) {
        (true, None) => {
            let text: String = lines.iter().map(|line| format!("{newline}{indent}{line}")).collect();
            Some(Edit::insert(first.end_byte() as u32, text))
        }
        (true, Some(anchor)) if ast::starts_line(cx.source, *anchor) => {
            let text: String = lines.iter().map(|line| format!("{line}{newline}{indent}")).collect();
            Some(Edit::insert(anchor.start_byte() as u32, text))
        }
        (true, Some(_)) => None,
        (false, _) => {
            let text: String = lines.iter().map(|line| format!("{line}{newline}{indent}")).collect();
            Some(Edit::insert(first.start_byte() as u32, text))
        }
    }
}

/// A name like 2to3's placeholder that the source does not already use.
pub(crate) fn fresh_name(cx: &Checker<'_>, base: &str, taken: &[String]) -> String {
    (0..)
        .map(|n| if n == 0 { base.to_owned() } else { format!("{base}{n}") })
        .find(|name| !taken.contains(name) && !crate::ast::contains_word(cx.unit_text(), name))
        .unwrap_or_else(|| base.to_owned())
}
