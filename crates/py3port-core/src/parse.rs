//! Parsing with tree-sitter-python, plus recovery for the Python 2 that its grammar
//! cannot parse.
//!
//! tree-sitter-python parses most Python 2 (print and exec statements, backticks, `<>`,
//! `ur''`, `except E, e`), but a few constructs turn whole statements, sometimes whole
//! files, into ERROR nodes: `exec` followed by anything but a name or string
//! (`exec code % x in ns`), `async`/`await`/`nonlocal` used as names, and `True`/`False`
//! as assignment targets or parameter names. Recovery is a token-level pass that runs
//! only when the first parse has errors: on the lines of the errors, it replaces such
//! tokens with text of the same length that the grammar accepts (`exec` becomes `del `,
//! whose statement takes any expression list; `async` becomes the identifier `_sync`)
//! and parses again. Byte offsets are unchanged, so every node range is still a range of
//! the original source, and rules read names from the original text. The replacements
//! are kept as [`Patch`]es so that rules know, for example, that a `delete_statement`
//! starting with `exec` is an exec statement.

use std::cell::RefCell;

use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

use crate::syntax_kind::language;
use crate::text::{LineIndex, TextRange};
use crate::tokens::{Token, TokenKind, tokenize};

/// What a recovery patch stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PatchKind {
    /// `exec` at the start of an exec statement, parsed as `del `.
    ExecStatement,
    /// `async`, `await` or `nonlocal` used as a name, parsed as an identifier.
    KeywordName,
    /// `True` or `False` used as a name, parsed as an identifier.
    KeywordConstant,
}

/// A same-length replacement made before parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Patch {
    pub range: TextRange,
    pub kind: PatchKind,
}

impl Patch {
    fn replacement(self, original: &str) -> &'static str {
        match (self.kind, original) {
            (PatchKind::ExecStatement, _) => "del ",
            (_, "async") => "_sync",
            (_, "await") => "_wait",
            (_, "nonlocal") => "_onlocal",
            (_, "True") => "_rue",
            (_, "False") => "_alse",
            _ => "_",
        }
    }
}

/// A parsed source: the tree and the recovery patches it was parsed with.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub tree: Tree,
    /// Sorted by position; empty for almost every file.
    pub patches: Vec<Patch>,
}

impl Parsed {
    /// The patch that starts at `offset`, if any.
    pub fn patch_at(&self, offset: u32) -> Option<Patch> {
        self.patches.binary_search_by_key(&offset, |patch| patch.range.start()).ok().map(|index| self.patches[index])
    }

    /// The number of unparsable regions: outermost ERROR and MISSING nodes, and the MISSING
    /// tokens the tree hides; the measure the fix engine holds its fixes to (a fix never
    /// adds one).
    pub fn error_regions(&self, source: &str) -> usize {
        error_count(source, &self.tree)
    }
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(new_parser());
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    // The grammar and the runtime come from the same lockfile; a mismatch is a build
    // error, not a user input, so there is nothing to recover from here.
    parser.set_language(&language()).expect("tree-sitter-python matches the tree-sitter ABI");
    parser
}

/// The deepest indentation the grammar is given: CPython refuses a 100th level
/// ("too many levels of indentation"), and tree-sitter-python's scanner overruns its
/// 1024-byte state buffer (an assertion failure, or memory corruption without
/// assertions) from about 380 levels when a string or bracket is open.
pub const MAX_INDENT_LEVELS: usize = 100;

/// Trees parsed from text with over-deep lines blanked (see [`limit_indentation`]), by
/// root node id: an incremental re-parse from one of them starts from scratch, as the
/// blanked lines are not edits tree-sitter knows of.
static BLANKED: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());

/// Parses `text` with the thread's parser, reusing `old` (already edited) if given.
/// Logical lines nested deeper than [`MAX_INDENT_LEVELS`] are hidden from the grammar
/// (see [`limit_indentation`]); the first of them is a syntax error, so they are reported
/// and not analysed.
pub(crate) fn parse_text(text: &str, old: Option<&Tree>) -> Tree {
    let limited = limit_indentation(text);
    let blanked = |tree: &Tree| BLANKED.lock().is_ok_and(|ids| ids.contains(&tree.root_node().id()));
    let old = old.filter(|old| limited.is_none() && !blanked(old));
    let tree = parse_unlimited(limited.as_deref().unwrap_or(text), old);
    if limited.is_some()
        && let Ok(mut ids) = BLANKED.lock()
    {
        // The newest trees are the ones a document edits next; older ids only cost a
        // needless full parse if they are ever reused.
        if ids.len() == 256 {
            ids.remove(0);
        }
        ids.push(tree.root_node().id());
    }
    tree
}

/// `text` with every logical line nested deeper than [`MAX_INDENT_LEVELS`] replaced by
/// `0###…` statements at column 0 of the same length (the first by `$###…`, a syntax
/// error); `None` when no line is that deep, which a scan of the leading whitespace shows
/// for almost every file without tokenizing it.
fn limit_indentation(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let deep_line = |start: usize| {
        bytes[start..].iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\x0c')).count() > MAX_INDENT_LEVELS
    };
    if !deep_line(0) && !memchr::memchr2_iter(b'\n', b'\r', bytes).any(|at| deep_line(at + 1)) {
        return None;
    }
    let mut stack: Vec<usize> = vec![0];
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut line_first = true;
    let mut logical_start = 0;
    for token in tokenize(text) {
        let range = token.range.to_usize();
        if token.kind == TokenKind::Newline {
            line_first = true;
            if stack.len() > MAX_INDENT_LEVELS + 1 {
                blank.push((logical_start, range.start));
            }
            continue;
        }
        if !line_first || token.kind == TokenKind::Comment {
            continue;
        }
        line_first = false;
        // Only whitespace stands before the first token of a logical line.
        let indent = bytes[..range.start].iter().rev().take_while(|b| matches!(b, b' ' | b'\t' | b'\x0c')).count();
        let line_start = range.start - indent;
        logical_start = line_start;
        let mut width = 0;
        for &b in &bytes[line_start..range.start] {
            width = match b {
                b'\t' => width / 8 * 8 + 8,
                b'\x0c' => 0,
                _ => width + 1,
            };
        }
        while stack.len() > 1 && stack.last().is_some_and(|&top| top > width) {
            stack.pop();
        }
        if stack.last().is_some_and(|&top| width > top) {
            stack.push(width);
        }
    }
    if !line_first && stack.len() > MAX_INDENT_LEVELS + 1 {
        blank.push((logical_start, text.len()));
    }
    if blank.is_empty() {
        return None;
    }
    // Each blanked physical line becomes `0###…`, a statement at column 0: blank or
    // comment lines would make the grammar's scanner look past all of them for the next
    // indentation, again at every line, in quadratic time.
    let mut out = bytes.to_vec();
    for (at, &(start, end)) in blank.iter().enumerate() {
        let mut line_start = true;
        for (i, byte) in out.iter_mut().enumerate().take(end).skip(start) {
            if matches!(*byte, b'\n' | b'\r') {
                line_start = true;
                continue;
            }
            *byte = match (line_start, at == 0 && i == start) {
                (true, true) => b'$',
                (true, false) => b'0',
                (false, _) => b'#',
            };
            line_start = false;
        }
    }
    // Only ASCII bytes were written, over whole lines: still UTF-8 (a character cut in
    // the middle cannot happen, as every byte of a blanked line is replaced).
    String::from_utf8(out).ok()
}

fn parse_unlimited(text: &str, old: Option<&Tree>) -> Tree {
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        match parser.parse(text, old) {
            Some(tree) => tree,
            // `parse` returns None only when a timeout or cancellation flag is set, or
            // no language is set; neither happens here, but a fresh parser is the safe
            // answer if it ever does.
            None => {
                *parser = new_parser();
                parser.parse(text, None).unwrap_or_else(|| new_parser().parse("", None).expect("empty parse"))
            }
        }
    })
}

/// Parses a source from scratch, with recovery.
pub fn parse(source: &str) -> Parsed {
    let tree = parse_text(source, None);
    recover(source, tree, Vec::new())
}

/// Re-parses after an edit. `old` must already have had `tree.edit()` applied for the
/// edit; `patches` are the old tree's recovery patches, shifted to the new text.
///
/// The result is the same as [`parse`] of the new text: the patches are undone in the
/// old tree (each is a same-length edit back to the original text), the text is parsed
/// incrementally without them, and recovery runs again from that tree, so the patches
/// always depend on the text alone.
///
/// Also returns the ranges whose syntax changed, as tree-sitter reports them.
pub(crate) fn reparse(source: &str, old: &mut Tree, patches: &[Patch]) -> (Parsed, Vec<TextRange>, bool) {
    let (parsed, changed, incremental) = reparse_incrementally(source, old, patches);
    // tree-sitter's error recovery can read broken text differently when it starts from
    // an old tree: where the result has errors, parse from scratch, so that a document
    // always has the tree (and the analysis) a fresh check of its text would have.
    if parsed.tree.root_node().has_error() {
        return (parse(source), changed, false);
    }
    (parsed, changed, incremental)
}

fn reparse_incrementally(source: &str, old: &mut Tree, patches: &[Patch]) -> (Parsed, Vec<TextRange>, bool) {
    let changed_ranges = |old: &Tree, tree: &Tree| -> Vec<TextRange> {
        old.changed_ranges(tree).map(|r| TextRange::from_usize(r.start_byte..r.end_byte)).collect()
    };
    if !patches.is_empty() {
        // The old tree is of the patched text, and the edits left the patches in place:
        // parse the patched text incrementally, unless the edit brought a new error (which
        // may need a patch of its own).
        let tree = parse_text(&apply_patches(source, patches), Some(old));
        let changed = changed_ranges(old, &tree);
        let mut new_error = false;
        for_each_error(tree.root_node(), |node| {
            let range = TextRange::from_usize(node.byte_range());
            new_error |= changed.iter().any(|c| c.intersects(range));
        });
        if !new_error {
            return (Parsed { tree, patches: patches.to_vec() }, changed, true);
        }
        for patch in patches {
            old.edit(&input_edit(source, patch.range, &source[patch.range.to_usize()]));
        }
    }
    let tree = parse_text(source, Some(old));
    let changed = changed_ranges(old, &tree);
    let parsed = recover(source, tree, Vec::new());
    // Recovery re-parses from scratch: with patches before or after, the changed ranges
    // say nothing about which statements kept their shape.
    let incremental = patches.is_empty() && parsed.patches.is_empty();
    (parsed, changed, incremental)
}

fn apply_patches(source: &str, patches: &[Patch]) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for patch in patches {
        let range = patch.range.to_usize();
        let replacement = patch.replacement(&source[range.clone()]);
        debug_assert_eq!(replacement.len(), range.len());
        bytes[range].copy_from_slice(replacement.as_bytes());
    }
    // Replacements are ASCII and replace whole ASCII tokens, so the text stays UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| source.to_owned())
}

/// Counts ERROR and MISSING nodes, descending only into subtrees that have errors, and the
/// MISSING tokens the tree hides.
pub(crate) fn error_count(source: &str, tree: &Tree) -> usize {
    let mut count = 0;
    for_each_error(tree.root_node(), |_| count += 1);
    // MISSING tokens the tree hides count too: a fix must not add one either.
    for_each_hidden_missing(source, tree.root_node(), |_| count += 1);
    count
}

/// Calls `f` with where each MISSING token the tree hides is, as `PY3100` reports them
/// (see `ast::hidden_parse_errors`).
fn for_each_hidden_missing(source: &str, root: Node<'_>, mut f: impl FnMut(TextRange)) {
    if !root.has_error() {
        return;
    }
    crate::ast::walk_named(root, |node| {
        crate::ast::hidden_parse_errors(source, node, |range, _| f(range));
        node.has_error()
    });
}

/// Calls `f` on every ERROR and MISSING node, outermost first.
pub(crate) fn for_each_error(root: Node<'_>, mut f: impl FnMut(Node<'_>)) {
    if !root.has_error() {
        return;
    }
    let mut cursor = root.walk();
    'walk: loop {
        let node = cursor.node();
        let is_error = node.is_error() || node.is_missing();
        if is_error {
            f(node);
        }
        if !is_error && node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
}

fn recover(source: &str, mut tree: Tree, mut patches: Vec<Patch>) -> Parsed {
    if !tree.root_node().has_error() {
        return Parsed { tree, patches };
    }
    let tokens = tokenize(source);
    let index = LineIndex::new(source);
    let mut errors = error_count(source, &tree);
    for _round in 0..3 {
        let mut error_lines = Vec::new();
        let mut add_lines = |range: TextRange| {
            let (start, end) = (index.line_of(range.start()), index.line_of(range.end()));
            error_lines.push(TextRange::new(index.line_start(start), index.line_range(end).end()));
        };
        for_each_error(tree.root_node(), |node| add_lines(TextRange::from_usize(node.byte_range())));
        // `exec 'x = ' + y` reads as an exec statement and an expression with a hidden
        // MISSING newline between them.
        for_each_hidden_missing(source, tree.root_node(), &mut add_lines);
        let new: Vec<Patch> = candidates(source, &tokens)
            .filter(|patch| error_lines.iter().any(|line| line.contains_range(patch.range)))
            .filter(|patch| !patches.contains(patch))
            .collect();
        if new.is_empty() {
            break;
        }
        let mut trial = patches.clone();
        trial.extend(new);
        trial.sort_by_key(|patch| patch.range.start());
        let trial_tree = parse_text(&apply_patches(source, &trial), None);
        let trial_errors = error_count(source, &trial_tree);
        if trial_errors >= errors {
            break;
        }
        tree = trial_tree;
        patches = trial;
        errors = trial_errors;
        if errors == 0 {
            break;
        }
    }
    Parsed { tree, patches }
}

/// Tokens that a recovery patch could replace, wherever they are.
fn candidates<'a>(source: &'a str, tokens: &'a [Token]) -> impl Iterator<Item = Patch> + 'a {
    tokens.iter().enumerate().filter_map(move |(i, token)| {
        if token.kind != TokenKind::Name {
            return None;
        }
        let text = &source[token.range.to_usize()];
        let next = tokens.get(i + 1).filter(|next| next.kind != TokenKind::Comment);
        let next_text = next.map_or("", |next| &source[next.range.to_usize()]);
        let next_kind = next.map(|next| next.kind);
        let prev_text = i.checked_sub(1).map_or("", |prev| &source[tokens[prev].range.to_usize()]);
        let kind = match text {
            "exec" if token.starts_statement => {
                let takes_operand = matches!(next_kind, Some(TokenKind::Name | TokenKind::String | TokenKind::Number))
                    || matches!(next_text, "(" | "[" | "{" | "`" | "-" | "+" | "~");
                takes_operand.then_some(PatchKind::ExecStatement)?
            }
            "async" => (!matches!(next_text, "def" | "for" | "with")).then_some(PatchKind::KeywordName)?,
            "await" => {
                let as_name = prev_text == "."
                    || prev_text == "def"
                    || matches!(next_text, "=" | "," | ")" | "." | "]" | "}" | ":" | "(")
                    || next_kind == Some(TokenKind::Newline)
                    || next.is_none();
                as_name.then_some(PatchKind::KeywordName)?
            }
            "nonlocal" => (next_kind != Some(TokenKind::Name)).then_some(PatchKind::KeywordName)?,
            "True" | "False" => PatchKind::KeywordConstant,
            _ => return None,
        };
        Some(Patch { range: token.range, kind })
    })
}

/// The tree-sitter edit for replacing `old_range` of `old_text` with `new_len` bytes.
pub(crate) fn input_edit(old_text: &str, old_range: TextRange, new_text: &str) -> InputEdit {
    let start = old_range.start() as usize;
    let old_end = old_range.end() as usize;
    let new_end = start + new_text.len();
    InputEdit {
        start_byte: start,
        old_end_byte: old_end,
        new_end_byte: new_end,
        start_position: point_at(old_text, start),
        old_end_position: point_at(old_text, old_end),
        new_end_position: advance_point(point_at(old_text, start), new_text),
    }
}

/// The tree-sitter point (row, byte column) of `offset`.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before.iter().rev().position(|&b| b == b'\n').unwrap_or(before.len());
    Point { row, column }
}

fn advance_point(mut point: Point, inserted: &str) -> Point {
    for b in inserted.bytes() {
        if b == b'\n' {
            point.row += 1;
            point.column = 0;
        } else {
            point.column += 1;
        }
    }
    point
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sexp(parsed: &Parsed) -> String {
        parsed.tree.root_node().to_sexp()
    }

    #[test]
    fn exec_with_an_expression_is_recovered() {
        let parsed = parse("exec code % x in ns\ny = 1\n");
        assert!(!parsed.tree.root_node().has_error(), "{}", sexp(&parsed));
        assert_eq!(parsed.patches, vec![Patch { range: TextRange::new(0, 4), kind: PatchKind::ExecStatement }]);
        assert!(sexp(&parsed).starts_with("(module (delete_statement"));
    }

    #[test]
    fn keyword_names_and_constants_are_recovered() {
        for source in [
            "def f(async=False):\n    pass\n",
            "obj.async(1)\n",
            "True, False = 1, 0\n",
            "def f(True=True): pass\n",
            "nonlocal = 1\n",
            "exec compile(s, 'f', 'exec')\n",
        ] {
            let parsed = parse(source);
            assert!(!parsed.tree.root_node().has_error(), "{source:?}: {}", sexp(&parsed));
            assert!(!parsed.patches.is_empty());
        }
    }

    #[test]
    fn lines_nested_too_deep_are_a_syntax_error_not_a_crash() {
        let mut source = String::new();
        for depth in 0..600 {
            source.push_str(&format!("{}if x:\n", " ".repeat(depth)));
        }
        source.push_str(&format!("{}print '(deep'\n", " ".repeat(600)));
        source.push_str("print 'shallow'\n");
        let parsed = parse(&source);
        assert_eq!(error_count(&source, &parsed.tree), 1, "the first over-deep line only");
        let error = {
            let mut first = None;
            for_each_error(parsed.tree.root_node(), |node| first = first.or(Some(node.start_byte())));
            first.unwrap()
        };
        let line = source[..error].matches('\n').count();
        assert_eq!(line, MAX_INDENT_LEVELS + 1, "the first line nested deeper than the limit");
        assert!(parsed.tree.root_node().child_count() > 1, "the shallow line after it is parsed");
        assert_eq!(limit_indentation("if x:\n    y\n"), None);
    }

    #[test]
    fn clean_files_get_no_patches() {
        let parsed = parse("async = 1\nprint 'x'\nexec code in ns\n");
        assert!(parsed.patches.is_empty());
    }

    #[test]
    fn the_rest_of_the_file_keeps_its_structure() {
        let parsed = parse("import os\nexec code % x in ns\nprint 'hi'\n");
        let root = parsed.tree.root_node();
        assert_eq!(root.named_child(2).unwrap().kind(), "print_statement");
    }
}
