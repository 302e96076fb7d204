//! PY3113: indentation that mixes tabs and spaces inconsistently (Python 3's TabError).

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::NodeKind;
use crate::text::TextRange;
use crate::tokens::{TokenKind, tokenize};

declare_rule! {
    /// Indentation that mixes tabs and spaces in a way that depends on the tab width.
    ///
    /// ## What it does
    /// Checks each logical line's indentation the way Python 3's tokenizer does: with
    /// tabs counted as 8 columns and as 1 column, the nesting must come out the same.
    ///
    /// ## Why is this bad?
    /// Python 2 read a tab as "advance to the next multiple of 8", so a block indented
    /// with a tab could continue with 8 spaces. Python 3 refuses indentation whose
    /// meaning depends on the tab width and raises `TabError`.
    ///
    /// ## Example
    /// ```python
    /// def f(x):
    /// 	if x:		# indented with a tab
    ///         return 1	# indented with 8 spaces
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def f(x):
    ///         if x:
    ///                 return 1
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe: it expands the tabs in the indentation of every statement of the
    /// enclosing top-level statement to spaces, 8 columns per tab, which is exactly how
    /// Python 2 read them. Tabs inside strings and after the indentation are kept.
    fix: Always,
    kinds: [FunctionDefinition, ClassDefinition, DecoratedDefinition, IfStatement, ForStatement, WhileStatement, TryStatement, WithStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [16],
}

/// A logical line's indentation.
struct Indent {
    range: TextRange,
    /// Columns with tabs to the next multiple of 8.
    col: u32,
    /// Columns with tabs as one column.
    alt: u32,
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if cx.parent(node).is_none_or(|parent| NodeKind::of(parent) != NodeKind::Module) {
        return;
    }
    let text = cx.text(node);
    if !text.as_bytes().contains(&b'\t') {
        return;
    }
    let base = node.start_byte() as u32;
    let indents = logical_indents(text, base);
    let mut stack: Vec<(u32, u32)> = vec![(0, 0)];
    let mut bad = Vec::new();
    for indent in &indents {
        let &(col, alt) = stack.last().unwrap_or(&(0, 0));
        if indent.col == col {
            if indent.alt != alt {
                bad.push(indent.range);
            }
        } else if indent.col > col {
            if indent.alt <= alt {
                bad.push(indent.range);
            }
            stack.push((indent.col, indent.alt));
        } else {
            while stack.len() > 1 && stack.last().is_some_and(|&(c, _)| indent.col < c) {
                stack.pop();
            }
            if stack.last().is_some_and(|&(c, a)| c == indent.col && a != indent.alt) {
                bad.push(indent.range);
            }
        }
    }
    if bad.is_empty() {
        return;
    }
    let edits: Vec<Edit> = indents
        .iter()
        .filter(|indent| cx.slice(indent.range).contains('\t'))
        .map(|indent| Edit::replace(indent.range, " ".repeat(indent.col as usize)))
        .collect();
    let fix = Fix::safe("Expand the tabs in the indentation to spaces", edits);
    for range in bad {
        let diagnostic = Diagnostic::new(
            Rule::InconsistentTabs,
            range,
            "Inconsistent use of tabs and spaces in indentation: `TabError` on Python 3",
        )
        .with_fix(fix.clone());
        cx.report(diagnostic);
    }
}

/// The indentation of every logical line in `text` (a top-level statement starting at
/// `base`), skipping blank and comment-only lines, as Python's tokenizer does.
fn logical_indents(text: &str, base: u32) -> Vec<Indent> {
    let tokens = tokenize(text);
    let mut indents = Vec::new();
    let mut line_start = true;
    for token in &tokens {
        match token.kind {
            TokenKind::Newline => line_start = true,
            TokenKind::Comment => {}
            _ if line_start => {
                line_start = false;
                let start = token.range.start() as usize;
                let from = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
                let whitespace = &text[from..start];
                if !whitespace.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c')) {
                    continue; // The token does not start its physical line.
                }
                let (mut col, mut alt) = (0u32, 0u32);
                for b in whitespace.bytes() {
                    match b {
                        b' ' => {
                            col += 1;
                            alt += 1;
                        }
                        b'\t' => {
                            col = (col / 8 + 1) * 8;
                            alt += 1;
                        }
                        _ => {
                            col = 0;
                            alt = 0;
                        }
                    }
                }
                let range = TextRange::new(base + from as u32, base + start as u32);
                indents.push(Indent { range, col, alt });
            }
            _ => {}
        }
    }
    indents
}
