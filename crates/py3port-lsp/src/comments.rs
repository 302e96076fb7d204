//! Comments, as far as suppression needs them: where each comment is, whether a line
//! can take one, and the codes a suppression comment lists.
//!
//! The core parses suppression comments but does not expose where they are, so this is
//! a small lexer of its own: it knows strings (single, triple, escapes) and comments,
//! which is all it takes to find a `#` that starts a comment.

use py3port_core::{LineIndex, TextRange};

/// What the lexer found in a text.
#[derive(Debug, Default)]
pub struct Lexed {
    /// Every comment, from `#` to the end of its line (terminator excluded).
    pub comments: Vec<TextRange>,
    /// Strings that span lines: no comment can be added to a line that ends inside one.
    pub multiline_strings: Vec<TextRange>,
}

/// Finds the comments and multi-line strings of `text`.
pub fn lex(text: &str) -> Lexed {
    let bytes = text.as_bytes();
    let mut lexed = Lexed::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                let end = bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |n| i + n);
                lexed.comments.push(range(i, end));
                i = end;
            }
            quote @ (b'\'' | b'"') => {
                let start = i;
                let triple = bytes[i..].starts_with(&[quote; 3]);
                i += if triple { 3 } else { 1 };
                let mut spans_lines = false;
                while i < bytes.len() {
                    match bytes[i] {
                        // An escape takes the next byte, whatever it is (a raw string
                        // keeps the backslash, but the quote still does not end it).
                        b'\\' => i += 2,
                        b'\n' | b'\r' if !triple => break,
                        b'\n' | b'\r' => {
                            spans_lines = true;
                            i += 1;
                        }
                        b if b == quote && (!triple || bytes[i..].starts_with(&[quote; 3])) => {
                            i += if triple { 3 } else { 1 };
                            break;
                        }
                        _ => i += 1,
                    }
                }
                i = i.min(bytes.len());
                if spans_lines {
                    lexed.multiline_strings.push(range(start, i));
                }
            }
            _ => i += 1,
        }
    }
    lexed
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(u32::try_from(start).unwrap_or(u32::MAX), u32::try_from(end).unwrap_or(u32::MAX))
}

/// The edit that suppresses `code` on the line of `offset`: extends a `# noqa: ...` or
/// `# py3port: ignore[...]` list already there, or adds `  # noqa: CODE` at the end of the
/// line. `None` when the line cannot take a comment (it ends inside a string or with a
/// backslash continuation) or a bare `# noqa` already covers everything.
pub fn noqa_edit(text: &str, index: &LineIndex, lexed: &Lexed, offset: u32, code: &str) -> Option<(TextRange, String)> {
    let line = index.line_of(offset);
    let line_range = index.line_range(line);
    let content_end = line_range.start()
        + u32::try_from(text[line_range.to_usize()].trim_end_matches(['\n', '\r']).len()).unwrap_or(0);
    if lexed.multiline_strings.iter().any(|s| s.start() < content_end && content_end < s.end()) {
        return None;
    }
    let comment = lexed.comments.iter().find(|c| line_range.start() <= c.start() && c.start() < content_end);
    if let Some(comment) = comment {
        let comment_text = &text[comment.to_usize()];
        if let Some(list) = code_list(comment_text) {
            // A bare `# noqa` (no end to extend) suppresses every rule already.
            return list.end.map(|end| (TextRange::empty(comment.start() + end), format!(", {code}")));
        }
        let trimmed = comment_text.trim_end();
        let at = comment.start() + u32::try_from(trimmed.len()).unwrap_or(0);
        return Some((TextRange::empty(at), format!("  # noqa: {code}")));
    }
    let code_text = &text[line_range.start() as usize..content_end as usize];
    let trimmed = code_text.trim_end();
    if trimmed.ends_with('\\') || trimmed.trim_start().is_empty() {
        return None;
    }
    let at = line_range.start() + u32::try_from(trimmed.len()).unwrap_or(0);
    Some((TextRange::empty(at), format!("  # noqa: {code}")))
}

/// A suppression directive's list of codes inside a comment.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeList {
    /// Each code or name, with its range relative to the comment's start.
    pub codes: Vec<(TextRange, String)>,
    /// Where a new code would be inserted (after the last one), relative to the comment's
    /// start; `None` for a bare `# noqa`, which already suppresses everything.
    pub end: Option<u32>,
}

/// Reads `# noqa`, `# noqa: A, B` or `# py3port: ignore[A, B]` in a comment, the way the
/// core does (a comment may hold several: `# type: ignore  # noqa: PY3101`).
pub fn code_list(comment: &str) -> Option<CodeList> {
    let lower = comment.to_ascii_lowercase();
    let hashes: Vec<usize> = comment.match_indices('#').map(|(at, _)| at).collect();
    for (n, &hash) in hashes.iter().enumerate() {
        let part_start = hash + 1;
        let part = &comment[part_start..hashes.get(n + 1).copied().unwrap_or(comment.len())];
        let leading = part.len() - part.trim_start().len();
        let start = part_start + leading;
        let body = &lower[start..part_start + part.len()];
        if let Some(rest) = body.strip_prefix("py3port:") {
            let after_colon = start + "py3port:".len();
            let rest_trim = rest.trim_start();
            let at = after_colon + (rest.len() - rest_trim.len());
            if rest_trim.starts_with("ignore-file") {
                return None;
            }
            if let Some(after) = rest_trim.strip_prefix("ignore") {
                let after_trim = after.trim_start();
                let bracket = at + "ignore".len() + (after.len() - after_trim.len());
                if after_trim.is_empty() {
                    return Some(CodeList { codes: Vec::new(), end: None });
                }
                if after_trim.starts_with('[') {
                    let close = comment[bracket..].find(']').map(|n| bracket + n)?;
                    let codes = codes_in(comment, bracket + 1, close);
                    let end = codes.last().map_or(bracket + 1, |(r, _)| r.end() as usize);
                    return Some(CodeList { codes, end: Some(u32::try_from(end).unwrap_or(0)) });
                }
            }
        }
        if body.starts_with("noqa") {
            let after = start + "noqa".len();
            let rest = &comment[after..part_start + part.len()];
            let rest_trim = rest.trim_start();
            return match rest_trim.strip_prefix(':') {
                Some(_) => {
                    let list_start = after + (rest.len() - rest_trim.len()) + 1;
                    let codes = codes_in(comment, list_start, part_start + part.len());
                    let end = codes.last().map_or(list_start, |(r, _)| r.end() as usize);
                    Some(CodeList { codes, end: Some(u32::try_from(end).unwrap_or(0)) })
                }
                None => Some(CodeList { codes: Vec::new(), end: None }),
            };
        }
    }
    None
}

/// The codes in `comment[start..end]`, separated by commas or whitespace, up to the first
/// word that is not code-like (as the core reads them).
fn codes_in(comment: &str, start: usize, end: usize) -> Vec<(TextRange, String)> {
    let mut codes = Vec::new();
    let mut at = start;
    for word in comment[start..end].split([',', ' ', '\t']) {
        let word_start = at;
        at += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        if !word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            break;
        }
        codes.push((range(word_start, word_start + word.len()), word.to_owned()));
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noqa(text: &str, at: &str) -> Option<String> {
        let index = LineIndex::new(text);
        let lexed = lex(text);
        let offset = u32::try_from(text.find(at).unwrap()).unwrap();
        let (range, insert) = noqa_edit(text, &index, &lexed, offset, "PY3101")?;
        let mut out = text.to_owned();
        out.replace_range(range.to_usize(), &insert);
        Some(out)
    }

    #[test]
    fn lexes_comments_but_not_hashes_in_strings() {
        let text = "x = '#no' # yes\ns = \"\"\"a\n# not\"\"\"  # c\n";
        let lexed = lex(text);
        let comments: Vec<_> = lexed.comments.iter().map(|c| &text[c.to_usize()]).collect();
        assert_eq!(comments, ["# yes", "# c"]);
        assert_eq!(lexed.multiline_strings.len(), 1);
    }

    #[test]
    fn adds_or_extends_noqa() {
        assert_eq!(noqa("print 'x'\n", "print").unwrap(), "print 'x'  # noqa: PY3101\n");
        assert_eq!(noqa("print 'x'   \r\n", "print").unwrap(), "print 'x'  # noqa: PY3101   \r\n");
        assert_eq!(noqa("print 'x' # noqa: E501\n", "print").unwrap(), "print 'x' # noqa: E501, PY3101\n");
        assert_eq!(noqa("print 'x' # NOQA:E501 (why)\n", "print").unwrap(), "print 'x' # NOQA:E501, PY3101 (why)\n");
        assert_eq!(
            noqa("print 'x'  # py3port: ignore[PY3102]\n", "print").unwrap(),
            "print 'x'  # py3port: ignore[PY3102, PY3101]\n"
        );
        assert_eq!(noqa("print 'x'  # why\n", "print").unwrap(), "print 'x'  # why  # noqa: PY3101\n");
        assert_eq!(
            noqa("print 'x'  # type: ignore # noqa: A1\n", "print").unwrap(),
            "print 'x'  # type: ignore # noqa: A1, PY3101\n"
        );
    }

    #[test]
    fn refuses_lines_that_cannot_take_a_comment() {
        assert_eq!(noqa("print 'x', \\\n  'y'\n", "print"), None);
        assert_eq!(noqa("print '''a\nb'''\n", "print"), None);
        assert_eq!(noqa("print 'x'  # noqa\n", "print"), None);
    }

    #[test]
    fn reads_code_lists_with_ranges() {
        let comment = "# noqa: PY3101, print-statement";
        let list = code_list(comment).unwrap();
        let codes: Vec<_> = list.codes.iter().map(|(r, c)| (&comment[r.to_usize()], c.as_str())).collect();
        assert_eq!(codes, [("PY3101", "PY3101"), ("print-statement", "print-statement")]);
        assert_eq!(code_list("# a comment"), None);
        assert_eq!(code_list("# noqa").unwrap().end, None);
    }
}
