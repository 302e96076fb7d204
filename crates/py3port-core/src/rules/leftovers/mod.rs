//! Python 2 leftovers in Python 3 code (`PY35xx`, off by default): the compatibility
//! layer and idioms to drop once Python 2 is gone.

pub(crate) mod coding_cookie;
pub(crate) mod compat_builtin_import;
pub(crate) mod compat_shim;
pub(crate) mod dict_comprehension;
pub(crate) mod dual_protocol_alias;
pub(crate) mod f_string;
pub(crate) mod format_indexes;
pub(crate) mod fragile_version_check;
pub(crate) mod future_import;
pub(crate) mod io_open;
pub(crate) mod mock_import;
pub(crate) mod native_literal;
pub(crate) mod object_base;
pub(crate) mod os_error_alias;
pub(crate) mod print_extra_parentheses;
pub(crate) mod python_future_import;
pub(crate) mod redundant_encode;
pub(crate) mod redundant_isinstance_type;
pub(crate) mod set_literal;
pub(crate) mod six_assert_helper;
pub(crate) mod six_dict_iter;
pub(crate) mod six_function_helper;
pub(crate) mod six_iterator_base;
pub(crate) mod six_literal_call;
pub(crate) mod six_metaclass;
pub(crate) mod six_moves_import;
pub(crate) mod six_print_exec;
pub(crate) mod six_reraise;
pub(crate) mod six_type_alias;
pub(crate) mod sorted_idiom;
pub(crate) mod super_with_arguments;
pub(crate) mod type_comparison;
pub(crate) mod type_of_primitive;
pub(crate) mod typing_text;
pub(crate) mod unicode_compatible_decorator;
pub(crate) mod unicode_prefix;
pub(crate) mod unused_compat_import;
pub(crate) mod useless_metaclass_type;
pub(crate) mod version_branch;
pub(crate) mod while_one;
pub(crate) mod whitespace_before_comma;
pub(crate) mod yield_in_for_loop;

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::syntax_kind::NodeKind;
use crate::text::TextRange;

/// Reports a leftover (any dialect: the family is for code that is Python 3 now).
pub(crate) fn report(cx: &mut Checker<'_>, rule: Rule, range: TextRange, message: impl Into<String>, fix: Option<Fix>) {
    cx.push(Candidate::new(Diagnostic::new(rule, range, message).with_fix(fix), DialectGate::Any));
}

/// `module.name` where `module` is the imported module (`six.text_type`): the attribute
/// name, with the candidate kept only if `module` is an import of that module.
pub(crate) fn module_attribute<'s>(cx: &Checker<'s>, node: Node<'_>, module: &str) -> Option<&'s str> {
    use crate::syntax_kind::{Field, NodeKind, field};
    if NodeKind::of(node) != NodeKind::Attribute {
        return None;
    }
    let object = field(node, Field::Object)?;
    (NodeKind::of(object) == NodeKind::Identifier && cx.text(object) == module)
        .then(|| field(node, Field::Attribute).map(|a| cx.text(a)))
        .flatten()
}

/// Reports a leftover that is a `module.attribute` use: dropped unless `module` is that
/// module, imported.
pub(crate) fn report_module_use(
    cx: &mut Checker<'_>,
    rule: Rule,
    range: TextRange,
    module: &str,
    message: impl Into<String>,
    fix: Option<Fix>,
) {
    let mut candidate = Candidate::new(Diagnostic::new(rule, range, message).with_fix(fix), DialectGate::Any);
    candidate.requires_import = Some((module.to_owned(), module.to_owned()));
    cx.push(candidate);
}

/// The edits that remove `items[i]` for each `i` of `remove` (sorted) from a
/// comma-separated list (base classes, imported names): each run of removed items goes
/// through the comma to the next kept item, or from the previous kept item when the run
/// ends the list. The caller handles removing every item.
pub(crate) fn remove_items(items: &[Node<'_>], remove: &[usize]) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut index = 0;
    while index < remove.len() {
        let first = remove[index];
        let mut last = first;
        while index + 1 < remove.len() && remove[index + 1] == last + 1 {
            index += 1;
            last += 1;
        }
        index += 1;
        let range = match (items.get(last + 1), first.checked_sub(1).map(|i| items[i])) {
            (Some(next), _) => items[first].start_byte()..next.start_byte(),
            (None, Some(previous)) => previous.end_byte()..items[last].end_byte(),
            (None, None) => items[first].start_byte()..items[last].end_byte(),
        };
        edits.push(Edit::delete(TextRange::from_usize(range)));
    }
    edits
}

/// The statements of `block`, re-indented to replace the compound statement that holds
/// it (which starts at the indentation `indent`): the text from the line after the
/// clause's colon to the block's end, with the block's own indentation replaced by
/// `indent` and the first line's indentation left out (the replaced statement starts
/// after it). Lines inside a multi-line string are kept as they are: re-indenting them
/// would change the string. `None` when a line does not start with the block's
/// indentation (tabs on one line, spaces on another).
pub(crate) fn dedented_block(cx: &Checker<'_>, block: Node<'_>, indent: &str) -> Option<String> {
    let block_line = crate::checker::line_of(cx.source, ast::range(block));
    let before = cx.slice(TextRange::new(block_line.start(), block.start_byte() as u32));
    // `if PY3: x = 1`: the body shares the header's line.
    if !before.trim().is_empty() {
        return Some(cx.text(block).to_owned());
    }
    // From the line after the colon, so that comments above the first statement stay.
    let mut colon = block.prev_sibling()?;
    while NodeKind::of(colon) == NodeKind::Comment {
        colon = colon.prev_sibling()?;
    }
    if colon.kind() != ":" {
        return None;
    }
    let header_end = crate::checker::line_of(cx.source, ast::range(colon)).end() as usize;
    let rest = &cx.source[header_end..];
    let start = header_end + if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with(['\n', '\r'])) };
    let end = block.end_byte();
    if start > block.start_byte() {
        return None;
    }
    let block_indent = before;
    let mut strings = Vec::new();
    ast::walk_named(block, |node| {
        if matches!(NodeKind::of(node), NodeKind::String | NodeKind::ConcatenatedString) {
            if cx.text(node).contains(['\n', '\r']) {
                strings.push(node.byte_range());
            }
            return false;
        }
        true
    });
    let mut out = String::with_capacity(end - start);
    let mut offset = start;
    for (number, line) in cx.source[start..end].split_inclusive('\n').enumerate() {
        let in_string = strings.iter().any(|range| range.start < offset && offset < range.end);
        let line_start = offset;
        offset += line.len();
        if in_string {
            out.push_str(line);
            continue;
        }
        let content = line.trim_start_matches([' ', '\t', '\x0c']);
        let lead = if number == 0 { "" } else { indent };
        if content.trim().is_empty() {
            // A blank line keeps no indentation.
            out.push_str(content.trim_start_matches(|c: char| c != '\r' && c != '\n'));
            continue;
        }
        if let Some(stripped) = line.strip_prefix(block_indent) {
            out.push_str(lead);
            out.push_str(stripped);
        } else if content.starts_with('#') || line_start < block.start_byte() && content.starts_with('#') {
            // A comment less indented than the block: at the new indentation.
            out.push_str(lead);
            out.push_str(content);
        } else {
            return None;
        }
    }
    Some(out)
}

/// A fix of `edits` under `title`: safe, or unsafe when an edit would delete a comment
/// inside `around` (the comment in `class A(  # note` would go with the base).
pub(crate) fn fix_keeping_comments(around: Node<'_>, title: &str, edits: Vec<Edit>) -> Option<Fix> {
    let mut comment = false;
    ast::walk_named(around, |node| {
        comment |=
            NodeKind::of(node) == NodeKind::Comment && edits.iter().any(|e| e.range.intersects(ast::range(node)));
        !comment
    });
    if comment { Fix::unsafe_edits(title, edits) } else { Fix::safe(title, edits) }
}
