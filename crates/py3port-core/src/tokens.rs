//! A small Python 2/3 tokenizer, used where the syntax tree cannot help: recovering
//! Python 2 that tree-sitter-python cannot parse. It never fails; unknown bytes become
//! `Other` tokens.

use crate::text::{TextRange, to_u32};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Name,
    Number,
    String,
    /// An operator or delimiter, one to three characters.
    Op,
    Comment,
    /// The end of a logical line (outside brackets).
    Newline,
    Other,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
    /// Whether the token starts a statement: first of a logical line, or after `;`, or
    /// after the `:` of a compound statement header on the same line.
    pub starts_statement: bool,
}

const THREE_CHAR_OPS: [&str; 5] = ["**=", "//=", ">>=", "<<=", "..."];
const TWO_CHAR_OPS: [&str; 20] = [
    "**", "//", ">>", "<<", "<>", "!=", "==", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->", ":=",
    "@=",
];

/// Splits `source` into tokens.
pub(crate) fn tokenize(source: &str) -> Vec<Token> {
    tokenize_until(source, false, usize::MAX)
}

/// The tokens of the first logical line of `source`, up to and including its `Newline`,
/// and at most `limit` of them: for a look at one statement that must not cost the rest
/// of the file (or of a 5 MB line).
pub(crate) fn tokenize_line(source: &str, limit: usize) -> Vec<Token> {
    tokenize_until(source, true, limit)
}

fn tokenize_until(source: &str, first_line_only: bool, limit: usize) -> Vec<Token> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut depth: u32 = 0;
    let mut at_statement_start = true;
    // Whether the logical line so far began with a compound-statement keyword, so that a
    // top-level `:` ends its header.
    let mut header_line = false;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let kind = match b {
            b' ' | b'\t' | b'\x0c' => {
                i += 1;
                continue;
            }
            b'\\' if matches!(bytes.get(i + 1), Some(b'\n' | b'\r')) => {
                i += 2;
                if bytes.get(i - 1) == Some(&b'\r') && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                continue;
            }
            b'\n' | b'\r' => {
                i += 1;
                if b == b'\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                if depth > 0 {
                    continue;
                }
                header_line = false;
                TokenKind::Newline
            }
            b'#' => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
                TokenKind::Comment
            }
            b'0'..=b'9' => {
                i = scan_number(bytes, i);
                TokenKind::Number
            }
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = scan_number(bytes, i);
                TokenKind::Number
            }
            b'"' | b'\'' => {
                i = scan_string(bytes, i, false);
                TokenKind::String
            }
            b'`' => {
                i += 1;
                TokenKind::Op
            }
            _ if is_name_start(b) => {
                let mut end = i;
                while end < bytes.len() && is_name_continue(bytes[end]) {
                    end += 1;
                }
                let prefix = &source[i..end];
                if matches!(bytes.get(end), Some(b'"' | b'\'')) && is_string_prefix(prefix) {
                    let raw = prefix.bytes().any(|c| c == b'r' || c == b'R');
                    i = scan_string(bytes, end, raw);
                    TokenKind::String
                } else {
                    i = end;
                    TokenKind::Name
                }
            }
            _ => {
                let rest = &source[i..];
                let len = if THREE_CHAR_OPS.iter().any(|op| rest.starts_with(op)) {
                    3
                } else if TWO_CHAR_OPS.iter().any(|op| rest.starts_with(op)) {
                    2
                } else {
                    rest.chars().next().map_or(1, char::len_utf8)
                };
                i += len;
                match b {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if b.is_ascii() { TokenKind::Op } else { TokenKind::Other }
            }
        };
        let range = TextRange::new(to_u32(start), to_u32(i));
        let starts_statement = at_statement_start && !matches!(kind, TokenKind::Newline | TokenKind::Comment);
        if starts_statement && kind == TokenKind::Name {
            header_line = matches!(
                &source[start..i],
                "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally" | "with" | "def" | "class"
            );
        }
        tokens.push(Token { kind, range, starts_statement });
        if (first_line_only && kind == TokenKind::Newline) || tokens.len() == limit {
            break;
        }
        at_statement_start = match kind {
            TokenKind::Newline => true,
            TokenKind::Comment => at_statement_start,
            TokenKind::Op if depth == 0 && &source[start..i] == ";" => true,
            TokenKind::Op if depth == 0 && header_line && &source[start..i] == ":" => {
                header_line = false;
                true
            }
            _ => false,
        };
    }
    tokens
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_name_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn is_string_prefix(prefix: &str) -> bool {
    prefix.len() <= 3 && prefix.bytes().all(|c| matches!(c.to_ascii_lowercase(), b'r' | b'u' | b'b' | b'f' | b't'))
}

fn scan_number(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        let c = bytes[i];
        let exponent_sign =
            (c == b'+' || c == b'-') && matches!(bytes[i - 1], b'e' | b'E') && !is_hex_literal(bytes, i);
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn is_hex_literal(bytes: &[u8], end: usize) -> bool {
    let mut start = end;
    while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
        start -= 1;
    }
    bytes.get(start) == Some(&b'0') && matches!(bytes.get(start + 1), Some(b'x' | b'X'))
}

/// Scans a string literal whose opening quote is at `i`; returns the offset after it. An
/// unterminated single-quoted string ends at the end of its line.
fn scan_string(bytes: &[u8], mut i: usize, raw: bool) -> usize {
    let quote = bytes[i];
    let triple = bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote);
    i += if triple { 3 } else { 1 };
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\\' {
            // A raw string still cannot end with an odd backslash before its quote.
            i += 2;
            let _ = raw;
            continue;
        }
        if c == quote {
            if !triple {
                return i + 1;
            }
            if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                return i + 3;
            }
        } else if !triple && matches!(c, b'\n' | b'\r') {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<(TokenKind, &str, bool)> {
        tokenize(source).into_iter().map(|t| (t.kind, &source[t.range.to_usize()], t.starts_statement)).collect()
    }

    #[test]
    fn strings_comments_and_statement_starts() {
        let tokens = kinds("exec code in ns # c\nif x: exec 'a'; y = ur'\\'' + \"\"\"a\nb\"\"\"\n");
        assert_eq!(tokens[0], (TokenKind::Name, "exec", true));
        assert_eq!(tokens[4], (TokenKind::Comment, "# c", false));
        assert_eq!(tokens.iter().filter(|t| t == &&(TokenKind::Name, "exec", true)).count(), 2);
        assert!(tokens.contains(&(TokenKind::String, "ur'\\''", false)));
        assert!(tokens.contains(&(TokenKind::String, "\"\"\"a\nb\"\"\"", false)));
        assert!(tokens.contains(&(TokenKind::Name, "y", true)));
    }

    #[test]
    fn brackets_hide_newlines() {
        let tokens = kinds("f(a,\n  b)\nx");
        assert_eq!(tokens.iter().filter(|t| t.0 == TokenKind::Newline).count(), 1);
        assert_eq!(tokens.last().unwrap(), &(TokenKind::Name, "x", true));
    }

    #[test]
    fn a_line_stops_at_its_newline() {
        let source = "f(a,\n  b)\nx\n";
        let line = tokenize_line(source, usize::MAX);
        assert_eq!(line.len(), 7);
        let all = tokenize(source);
        assert!(line.iter().zip(&all).all(|(a, b)| a.range == b.range));
        assert_eq!(tokenize_line(source, 3).len(), 3);
    }

    #[test]
    fn numbers_with_exponents_and_suffixes() {
        let tokens = kinds("1e-5 + 0xE-1 + 10L");
        assert_eq!(tokens[0].1, "1e-5");
        assert_eq!(tokens[2].1, "0xE");
        assert_eq!(tokens[6].1, "10L");
    }
}
