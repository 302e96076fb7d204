//! Small helpers over tree-sitter nodes that many rules share.

use tree_sitter::Node;

use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

/// The named children of `node`.
pub(crate) fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// All children of `node`, named or not.
pub(crate) fn children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

/// The named children that are not comments or line continuations.
pub(crate) fn code_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| !matches!(NodeKind::of(*child), NodeKind::Comment | NodeKind::LineContinuation))
        .collect()
}

/// Calls `f` with where `node` holds a MISSING token that the tree does not show, and
/// what was expected when that is known. tree-sitter leaves hidden tokens out of cursors
/// and child lists, error recovery's too: `from m import a as b(c)` and `exec 'a' + b`
/// parse as two statements with a MISSING `_newline` between them that no walk meets.
/// Each place where one statement follows another on the same logical line (nothing but
/// line continuations between them) is a missing newline: `f` gets the gap between them.
/// Otherwise an error cost that no visible child accounts for is the only trace, and the
/// whole node is the place.
pub(crate) fn hidden_missing(node: Node<'_>, mut f: impl FnMut(TextRange, Option<&'static str>)) {
    if !node.has_error() || node.is_error() || node.is_missing() {
        return;
    }
    let children = children(node);
    let mut found = false;
    // Two statements on one line are a missing newline whatever else is wrong, and so is
    // a compound statement after `;`. Beside an ERROR, the ERROR is the error.
    if matches!(NodeKind::of(node), NodeKind::Module | NodeKind::Block) {
        // The statement before, and where the `;` after it ends, if there is one.
        let mut previous: Option<(Node<'_>, Option<usize>)> = None;
        let mut continuations = 0;
        for &child in &children {
            match NodeKind::of(child) {
                NodeKind::LineContinuation => continuations += 1,
                NodeKind::Comment => previous = None,
                _ if child.is_named() => {
                    if let Some((before, semicolon)) = previous
                        && child.start_position().row == before.end_position().row + continuations
                        && !before.is_error()
                        && !child.is_error()
                        && (semicolon.is_none() || is_compound_statement(child))
                    {
                        let gap_start = semicolon.unwrap_or(before.end_byte());
                        f(TextRange::new(gap_start as u32, child.start_byte() as u32), Some("newline"));
                        found = true;
                    }
                    previous = Some((child, None));
                    continuations = 0;
                }
                _ if child.kind() == ";" => {
                    previous = previous.map(|(before, _)| (before, Some(child.end_byte())));
                }
                _ => previous = None,
            }
        }
    }
    if !found && !children.iter().any(|child| child.has_error()) {
        f(range(node), None);
    }
}

/// The parse errors [`hidden_missing`] finds in `node` that Python would see too: a
/// statement after a lone CR is on a line of its own for Python, on the same line for the
/// grammar. Error counts (`parse::error_count`) and `PY3100` both use this.
pub(crate) fn hidden_parse_errors(source: &str, node: Node<'_>, mut f: impl FnMut(TextRange, Option<&'static str>)) {
    hidden_missing(node, |range, expected| match expected {
        Some(_) if source.get(range.to_usize()).is_some_and(has_lone_cr) => {}
        Some(_) => f(TextRange::empty(range.start()), expected),
        None => f(range, expected),
    });
}

/// Whether `text` holds a CR that is not part of a CRLF: a line break for Python, not for
/// the grammar.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
}

/// Whether `node` is a compound statement (one that may not follow a `;`).
fn is_compound_statement(node: Node<'_>) -> bool {
    matches!(
        NodeKind::of(node),
        NodeKind::FunctionDefinition
            | NodeKind::ClassDefinition
            | NodeKind::DecoratedDefinition
            | NodeKind::IfStatement
            | NodeKind::ForStatement
            | NodeKind::WhileStatement
            | NodeKind::TryStatement
            | NodeKind::WithStatement
            | NodeKind::MatchStatement
    )
}

/// Whether a parse error sits beside `node` on one of its lines: an `ERROR` or missing
/// node next to it or next to one of its ancestors up to its statement. Error recovery
/// can end a statement early and leave the rest of its line in an `ERROR` sibling; an
/// edit computed from the clean-looking part would then land in the wrong place, and
/// may be offered again on its own output.
pub(crate) fn error_beside(node: Node<'_>) -> bool {
    let rows = node.start_position().row..=node.end_position().row;
    let touches = |other: Node<'_>| {
        (other.is_error() || other.is_missing())
            && other.start_position().row <= *rows.end()
            && other.end_position().row >= *rows.start()
    };
    let mut current = node;
    loop {
        if current.prev_sibling().is_some_and(touches) || current.next_sibling().is_some_and(touches) {
            return true;
        }
        match current.parent() {
            Some(parent) if !matches!(NodeKind::of(parent), NodeKind::Module | NodeKind::Block) => current = parent,
            _ => return false,
        }
    }
}

pub(crate) fn range(node: Node<'_>) -> TextRange {
    TextRange::from_usize(node.byte_range())
}

/// The first leaf of `node` (its first token).
pub(crate) fn first_leaf(node: Node<'_>) -> Node<'_> {
    let mut node = node;
    while let Some(child) = node.child(0) {
        node = child;
    }
    node
}

/// Whether `statement` is a docstring-like expression statement (a lone string).
pub(crate) fn is_string_statement(statement: Node<'_>) -> bool {
    NodeKind::of(statement) == NodeKind::ExpressionStatement
        && statement.named_child_count() == 1
        && statement
            .named_child(0)
            .is_some_and(|child| matches!(NodeKind::of(child), NodeKind::String | NodeKind::ConcatenatedString))
}

/// The closest ancestor of one of `kinds`.
pub(crate) fn ancestor<'t>(node: Node<'t>, kinds: &[NodeKind]) -> Option<Node<'t>> {
    let mut current = node.parent();
    while let Some(parent) = current {
        if kinds.contains(&NodeKind::of(parent)) {
            return Some(parent);
        }
        current = parent.parent();
    }
    None
}

/// Strips redundant parentheses: `((x))` -> `x`.
pub(crate) fn unparenthesize(mut node: Node<'_>) -> Node<'_> {
    while NodeKind::of(node) == NodeKind::ParenthesizedExpression {
        match node.named_child(0) {
            Some(inner) if node.named_child_count() == 1 => node = inner,
            _ => break,
        }
    }
    node
}

/// The parts of a string literal node.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StringParts<'s> {
    /// The prefix letters as written (`ur`, `b`, ``).
    pub prefix: &'s str,
    pub prefix_range: TextRange,
    /// The opening quote: `'`, `"`, `'''`, `"""` or a backtick.
    pub quote: &'s str,
    /// Between the quotes.
    pub content: TextRange,
}

impl StringParts<'_> {
    fn has(&self, letter: u8) -> bool {
        self.prefix.bytes().any(|b| b.eq_ignore_ascii_case(&letter))
    }

    pub fn is_raw(&self) -> bool {
        self.has(b'r')
    }

    pub fn is_bytes(&self) -> bool {
        self.has(b'b')
    }

    pub fn is_unicode(&self) -> bool {
        self.has(b'u')
    }

    pub fn is_format(&self) -> bool {
        self.has(b'f') || self.has(b't')
    }
}

/// Splits a `string` node into prefix, quote and content.
pub(crate) fn string_parts<'s>(source: &'s str, node: Node<'_>) -> Option<StringParts<'s>> {
    if NodeKind::of(node) != NodeKind::String {
        return None;
    }
    // A string parsed without error is a prefix, a quote, the content and the same quote:
    // the text says where each is, more cheaply than the string's first and last children.
    if !node.has_error() {
        let start = node.start_byte();
        let text = source.get(node.byte_range())?;
        let quote_at = text.find(['\'', '"', '`'])?;
        let rest = &text.as_bytes()[quote_at..];
        let quote_len = if rest.len() >= 6 && rest[1] == rest[0] && rest[2] == rest[0] { 3 } else { 1 };
        let quote = &text[quote_at..quote_at + quote_len];
        if text.len() >= quote_at + 2 * quote_len && text.ends_with(quote) {
            return Some(StringParts {
                prefix: &text[..quote_at],
                prefix_range: TextRange::from_usize(start..start + quote_at),
                quote,
                content: TextRange::from_usize(start + quote_at + quote_len..start + text.len() - quote_len),
            });
        }
    }
    string_parts_from_children(source, node)
}

/// [`string_parts`] from the `string_start` and `string_end` children.
fn string_parts_from_children<'s>(source: &'s str, node: Node<'_>) -> Option<StringParts<'s>> {
    let start = node.child(0).filter(|child| NodeKind::of(*child) == NodeKind::StringStart)?;
    let end =
        node.child(node.child_count().checked_sub(1)?).filter(|child| NodeKind::of(*child) == NodeKind::StringEnd)?;
    let start_text = source.get(start.byte_range())?;
    let quote_at = start_text.find(['\'', '"', '`'])?;
    Some(StringParts {
        prefix: &start_text[..quote_at],
        prefix_range: TextRange::from_usize(start.start_byte()..start.start_byte() + quote_at),
        quote: &start_text[quote_at..],
        content: TextRange::from_usize(start.end_byte()..end.start_byte().max(start.end_byte())),
    })
}

/// The function name of a call when it is a plain name: `print` in `print(x)`.
pub(crate) fn call_name<'s>(source: &'s str, call: Node<'_>) -> Option<&'s str> {
    let function = field(call, Field::Function)?;
    (NodeKind::of(function) == NodeKind::Identifier).then(|| &source[function.byte_range()])
}

/// The statements of a block, without comments.
pub(crate) fn block_statements<'t>(block: Node<'t>) -> Vec<Node<'t>> {
    code_children(block)
}

/// Whether `node` starts its line (only whitespace before it on the line).
pub(crate) fn starts_line(source: &str, node: Node<'_>) -> bool {
    let start = node.start_byte();
    source.as_bytes()[..start]
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n' && b != b'\r')
        .all(|&b| matches!(b, b' ' | b'\t' | b'\x0c'))
}

/// Whether the text of `node` contains a top-level comma (outside brackets and strings).
pub(crate) fn has_top_level_comma(text: &str) -> bool {
    crate::tokens::tokenize(text)
        .iter()
        .scan(0i32, |depth, token| {
            let piece = &text[token.range.to_usize()];
            if token.kind == crate::tokens::TokenKind::Op {
                match piece {
                    "(" | "[" | "{" => *depth += 1,
                    ")" | "]" | "}" => *depth -= 1,
                    _ => {}
                }
            }
            Some(*depth == 0 && piece == ",")
        })
        .any(|comma| comma)
}

/// Visits `root` and its named descendants in pre-order with one tree cursor (cheaper
/// than collecting children node by node); `visit` returns whether to descend into the
/// node it was given.
pub(crate) fn walk_named<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut cursor = root.walk();
    // For each node the cursor is inside, how many of its children it has not reached yet
    // (see `walk_unit`): after the last, the cursor is not asked for a next sibling.
    let mut unreached: Vec<u32> = Vec::new();
    let mut node = root;
    let mut descend = visit(root);
    loop {
        // A leaf has no child to find: cheaper to ask it than the cursor.
        let children = if descend { node.child_count() } else { 0 };
        if children > 0 && cursor.goto_first_child() {
            unreached.push(children - 1);
            node = cursor.node();
            descend = node.is_named() && visit(node);
            continue;
        }
        loop {
            let Some(count) = unreached.last_mut() else { return };
            if *count > 0 && cursor.goto_next_sibling() {
                *count -= 1;
                node = cursor.node();
                descend = node.is_named() && visit(node);
                break;
            }
            cursor.goto_parent();
            unreached.pop();
        }
    }
}

/// Whether `word` occurs in `source` as a whole word (not inside a longer name).
pub(crate) fn contains_word(source: &str, word: &str) -> bool {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    source.match_indices(word).any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `walk_named` visits the named nodes a walk of every child visits, in pre-order,
    /// skipping what `visit` declines, with and without parse errors (MISSING nodes are
    /// empty, and may end where their parent ends).
    #[test]
    fn walk_named_visits_every_named_node_in_order() {
        fn every(node: Node<'_>, declined: &impl Fn(Node<'_>) -> bool, out: &mut Vec<usize>) {
            out.push(node.id());
            if declined(node) {
                return;
            }
            let mut cursor = node.walk();
            for child in node.children(&mut cursor).filter(|c| c.is_named()) {
                every(child, declined, out);
            }
        }
        let declined = |node: Node<'_>| matches!(NodeKind::of(node), NodeKind::Call | NodeKind::Lambda);
        for source in [
            "def f(a, (b, c)=(1, 2), *d):\n    return [x for x in g(a, b) if x]  # c\n",
            "class A(B):\n    x = f(lambda y: y + 1)\n    def g(self): pass\n",
            "if (a and\n    b):\n    print x,\nelse:\n    exec 'y' in z\n",
            "x = (1 +\n",
            "def f(:\n    return\n",
            "print(a, b\nfoo(",
            "x = a.\ny = 1\n",
            "class A:\n    def f():",
            "if x:\nfoo()\n",
            "f(a,\n",
            "",
        ] {
            let parsed = crate::parse::parse(source);
            for root in
                [parsed.tree.root_node(), parsed.tree.root_node().named_child(0).unwrap_or(parsed.tree.root_node())]
            {
                let (mut expected, mut visited) = (Vec::new(), Vec::new());
                every(root, &declined, &mut expected);
                walk_named(root, |node| {
                    visited.push(node.id());
                    !declined(node)
                });
                assert_eq!(visited, expected, "{source:?}");
            }
        }
    }

    /// The parts read from a string's text are the parts its `string_start` and
    /// `string_end` children give.
    #[test]
    fn string_parts_from_the_text_match_the_children() {
        let source = [
            "a = ''",
            "a = \"\"",
            "a = ''''''",
            "a = \"\"\"\"\"\"",
            "a = 'x'",
            "a = u'caf\u{e9}'",
            "a = ur'\\d'",
            "a = b\"\\x00\"",
            "a = BR'''x\n'y'\n'''",
            "a = f'{x!r:>{w}}'",
            "a = rb\"\"\"q\"\"\"",
            "a = 'it''s' 'ok'",
            "a = '''a''' \"b\"",
            "a = 'a\\'b'",
            "a = \"\"\"\"quoted\" \"\"\"",
        ]
        .join("\n");
        let parsed = crate::parse::parse(&source);
        let mut strings = 0;
        walk_named(parsed.tree.root_node(), |node| {
            if NodeKind::of(node) == NodeKind::String {
                let text = string_parts(&source, node).map(|p| (p.prefix, p.prefix_range, p.quote, p.content));
                let children =
                    string_parts_from_children(&source, node).map(|p| (p.prefix, p.prefix_range, p.quote, p.content));
                assert_eq!(text, children, "{:?}", &source[node.byte_range()]);
                assert!(text.is_some());
                strings += 1;
            }
            true
        });
        assert_eq!(strings, 18);
    }
}
