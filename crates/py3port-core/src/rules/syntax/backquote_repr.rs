//! PY3103: backquotes as a shorthand for `repr()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::text::{TextRange, to_u32};
use crate::tokens::{TokenKind, tokenize_line};

/// How many earlier backquote pieces are searched for the one that opens the expression
/// a piece belongs to. Each level of nesting adds two pieces; without a bound, a line of
/// thousands of backquotes costs cubic time.
const MAX_PIECES_BACK: usize = 64;

/// How many tokens a backquote expression may span; a longer one (or one that never
/// closes on a line of thousands of tokens) is not reported.
const MAX_TOKENS: usize = 4096;

declare_rule! {
    /// Backquotes (`` `x` ``), Python 2's shorthand for `repr(x)`.
    ///
    /// ## What it does
    /// Checks for expressions in backquotes, including nested ones.
    ///
    /// ## Why is this bad?
    /// Backquotes were removed from Python 3; they are a syntax error.
    ///
    /// ## Example
    /// ```python
    /// message = "value: " + `value`
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// message = "value: " + repr(value)
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe and matches 2to3: a tuple inside backquotes keeps its
    /// parentheses (`` `1, 2` `` becomes `repr((1, 2))`).
    fix: Sometimes,
    kinds: [String],
    check: Some(check),
    lib2to3: ["repr"],
    catalogue: [3],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(parts) = cx.string_parts(node) else { return };
    if parts.quote != "`" {
        return;
    }
    // Its own extent first: a piece that closes nothing (a line of stray backquotes) is
    // not reported, and costs no search of its siblings.
    let start = node.start_byte();
    let Some(end) = extent(cx.source, start) else { return };
    // A nested backquote makes the parser split one expression into several pieces; only
    // the piece where the outermost backquote opens reports it. A later piece starts with
    // a backquote that closes a nested one, so it follows an operand; a piece after an
    // operator or a delimiter opens, and its siblings need no search (each step back
    // costs tree-sitter a walk over the parent's children: a list of thousands of
    // backquotes would take quadratic time).
    let before = cx.source[..start].trim_end_matches([' ', '\t', '\x0c']);
    let follows_operand = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | ')' | ']' | '}' | '`' | '\'' | '"'));
    let mut previous = if follows_operand { node.prev_sibling() } else { None };
    let mut pieces = 0;
    while let Some(sibling) = previous {
        if cx.string_parts(sibling).is_some_and(|p| p.quote == "`") {
            if extent(cx.source, sibling.start_byte()).is_some_and(|end| end > node.start_byte()) {
                return;
            }
            pieces += 1;
            if pieces == MAX_PIECES_BACK {
                // Beyond any real nesting: report nothing rather than a piece of a bigger
                // expression.
                return;
            }
        }
        previous = sibling.prev_sibling();
    }
    let range = TextRange::new(to_u32(start), to_u32(end));
    let replacement = convert(&cx.source[start..end]);
    let fix = replacement.and_then(|text| Fix::safe("Replace with `repr()`", vec![Edit::replace(range, text)]));
    let diagnostic = crate::diagnostic::Diagnostic::new(
        Rule::BackquoteRepr,
        range,
        "Backquotes are a syntax error on Python 3; use `repr()`",
    )
    .with_fix(fix);
    cx.report(diagnostic);
}

/// Where the backquote expression opening at `start` ends, by pairing backquotes: one
/// that follows an operand closes, any other opens. Only the logical line is read.
fn extent(source: &str, start: usize) -> Option<usize> {
    let tokens = tokenize_line(&source[start..], MAX_TOKENS);
    let mut depth = 0usize;
    let mut after_operand = false;
    for token in tokens {
        let text = &source[start + token.range.start() as usize..start + token.range.end() as usize];
        match (token.kind, text) {
            (TokenKind::Op, "`") => {
                if after_operand && depth > 0 {
                    depth -= 1;
                    if depth == 0 {
                        return Some(start + token.range.end() as usize);
                    }
                    after_operand = true;
                } else {
                    depth += 1;
                    after_operand = false;
                }
            }
            (TokenKind::Newline, _) => return None,
            (TokenKind::Name | TokenKind::Number | TokenKind::String, _) => after_operand = true,
            (TokenKind::Op, ")" | "]" | "}") => after_operand = true,
            (TokenKind::Comment, _) => {}
            _ => after_operand = false,
        }
    }
    None
}

/// Rewrites a backquote expression (with any nested ones) as `repr()` calls.
fn convert(text: &str) -> Option<String> {
    convert_nested(text, 0)
}

/// [`convert`] at nesting `depth`: deeper than [`MAX_PIECES_BACK`], no fix (the recursion
/// must not exhaust the stack).
fn convert_nested(text: &str, depth: usize) -> Option<String> {
    if depth > MAX_PIECES_BACK {
        return None;
    }
    let inner = text.strip_prefix('`')?.strip_suffix('`')?;
    // Convert nested backquotes first, innermost out, by recursing on each extent.
    let mut converted = String::with_capacity(inner.len() + 8);
    let mut rest = inner;
    while let Some(open) = rest.find('`') {
        let before = &rest[..open];
        let end = extent(rest, open)?;
        converted.push_str(before);
        converted.push_str(&convert_nested(&rest[open..end], depth + 1)?);
        rest = &rest[end..];
    }
    converted.push_str(rest);
    Some(if ast::has_top_level_comma(&converted) {
        format!("repr(({converted}))")
    } else {
        format!("repr({converted})")
    })
}

#[cfg(test)]
mod tests {
    use super::convert;

    #[test]
    fn nested_and_tuples() {
        assert_eq!(convert("`x`").as_deref(), Some("repr(x)"));
        assert_eq!(convert("`1 + `2``").as_deref(), Some("repr(1 + repr(2))"));
        assert_eq!(convert("`1, 2 + `3, 4``").as_deref(), Some("repr((1, 2 + repr((3, 4))))"));
        assert_eq!(convert("`f(a, b)`").as_deref(), Some("repr(f(a, b))"));
    }

    #[test]
    fn deep_nesting_gets_no_fix_instead_of_a_stack_overflow() {
        let deep = |n: usize| format!("{}x{}", "`".repeat(n), "`".repeat(n));
        assert!(convert(&deep(10)).is_some());
        assert_eq!(convert(&deep(10_000)), None);
    }
}
