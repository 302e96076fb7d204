//! Byte ranges into source text and the one line index that turns them into lines and
//! columns (UTF-8, UTF-16 or UTF-32) at the edges.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `[start, end)` into a source text.
///
/// The core speaks only in byte offsets; lines and columns are computed by the edges
/// through [`LineIndex`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// Creates a range; `start` must not be after `end`.
    pub fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end, "inverted range {start}..{end}");
        Self { start, end: end.max(start) }
    }

    /// An empty range at `offset`, as used by insertions.
    pub fn empty(offset: u32) -> Self {
        Self { start: offset, end: offset }
    }

    /// Converts a `usize` byte range, as tree-sitter and string slicing use.
    pub fn from_usize(range: Range<usize>) -> Self {
        Self::new(to_u32(range.start), to_u32(range.end))
    }

    pub fn start(self) -> u32 {
        self.start
    }

    pub fn end(self) -> u32 {
        self.end
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The range as `usize` bounds, for slicing.
    pub fn to_usize(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `offset` lies inside the range (the end is exclusive).
    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether `other` lies entirely inside this range.
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two ranges share at least one byte, or an empty range touches the
    /// other's interior.
    pub fn intersects(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
            || (self.is_empty() && other.contains(self.start))
            || (other.is_empty() && self.contains(other.start))
    }

    /// The range moved by `delta` bytes; used when an edit before it shifts the text.
    pub fn shifted(self, delta: i64) -> Self {
        let shift = |x: u32| (i64::from(x) + delta).clamp(0, i64::from(u32::MAX)) as u32;
        Self::new(shift(self.start), shift(self.end))
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> Self {
        Self::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Converts a length or offset to `u32`. Sources above 4 GiB never reach the core: the
/// `max-file-size` setting stops them first, so saturating is only a guard.
pub(crate) fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// How columns are counted, as LSP's `positionEncoding` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PositionEncoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: what JavaScript strings, CodeMirror and LSP's default use.
    Utf16,
    /// Unicode code points (UTF-32): what ruff's JSON output and Python use.
    Utf32,
}

/// A line and column, both 0-based; the column is counted in some [`PositionEncoding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineColumn {
    pub line: u32,
    pub column: u32,
}

/// Line starts of a text, to convert byte offsets to lines and columns and back.
///
/// Only CR, LF and CRLF end a line (as in Python and LSP); form feeds, vertical tabs and
/// Unicode line separators do not. Built once per text in O(n).
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    len: u32,
    /// Whether every byte is ASCII, so that all encodings agree on columns.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut after_cr = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\n` of a `\r\n` pair ends the line the `\r` started to end.
            if after_cr == Some(i) && bytes[i] == b'\n' {
                if let Some(start) = line_starts.last_mut() {
                    *start += 1;
                }
                after_cr = None;
                continue;
            }
            line_starts.push(to_u32(i + 1));
            after_cr = (bytes[i] == b'\r').then_some(i + 1);
        }
        Self { line_starts, len: to_u32(bytes.len()), ascii: text.is_ascii() }
    }

    /// Number of lines; a text ending in a newline has an empty last line.
    pub fn line_count(&self) -> u32 {
        to_u32(self.line_starts.len())
    }

    /// The 0-based line containing `offset` (an offset at the end of the text belongs to
    /// the last line).
    pub fn line_of(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => to_u32(line),
            Err(next) => to_u32(next - 1),
        }
    }

    /// Byte offset where `line` starts; lines past the end map to the end of the text.
    pub fn line_start(&self, line: u32) -> u32 {
        self.line_starts.get(line as usize).copied().unwrap_or(self.len)
    }

    /// Byte range of `line` including its terminator.
    pub fn line_range(&self, line: u32) -> TextRange {
        TextRange::new(self.line_start(line), self.line_start(line + 1))
    }

    /// The line and column of `offset`. An offset inside a multi-byte character is moved
    /// back to the character's start.
    pub fn line_column(&self, offset: u32, text: &str, encoding: PositionEncoding) -> LineColumn {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize);
        let line = self.line_of(to_u32(offset));
        let start = self.line_start(line) as usize;
        let column = if self.ascii || encoding == PositionEncoding::Utf8 {
            to_u32(offset - start)
        } else {
            let prefix = &text[start..offset];
            match encoding {
                PositionEncoding::Utf16 => to_u32(prefix.encode_utf16().count()),
                PositionEncoding::Utf32 => to_u32(prefix.chars().count()),
                PositionEncoding::Utf8 => unreachable!("handled above"),
            }
        };
        LineColumn { line, column }
    }

    /// The byte offset of a line and column. Positions past the end of a line clamp to
    /// the line's end (before its terminator), as LSP requires; lines past the end clamp
    /// to the end of the text.
    pub fn offset(&self, position: LineColumn, text: &str, encoding: PositionEncoding) -> u32 {
        if position.line as usize >= self.line_starts.len() {
            return self.len;
        }
        let start = self.line_start(position.line) as usize;
        let line_text = &text[start..self.line_start(position.line + 1) as usize];
        let content = line_text.trim_end_matches(['\n', '\r']);
        let mut remaining = position.column as usize;
        let mut byte = 0;
        for ch in content.chars() {
            let width = match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
            if remaining < width {
                break;
            }
            remaining -= width;
            byte += ch.len_utf8();
        }
        to_u32(start + byte)
    }
}

/// The largest char boundary at or before `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let index = LineIndex::new(text);
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let offset = to_u32(offset);
                let position = index.line_column(offset, text, encoding);
                // A CR of a CRLF pair and the position after it share no column, so only
                // check offsets that are not the LF of a CRLF.
                let is_lf_of_crlf = offset > 0
                    && text.as_bytes().get(offset as usize) == Some(&b'\n')
                    && text.as_bytes()[offset as usize - 1] == b'\r';
                if !is_lf_of_crlf {
                    assert_eq!(index.offset(position, text, encoding), offset, "{encoding:?} {position:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn lines_end_only_at_cr_lf_and_crlf() {
        let text = "a\r\nb\rc\nd\u{c}e\u{2028}f";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_of(3), 1);
        assert_eq!(index.line_of(5), 2);
        assert_eq!(index.line_of(8), 3);
        assert_eq!(index.line_start(3), 7);
    }

    #[test]
    fn line_starts_match_a_byte_by_byte_reading() {
        // Each line start, read one byte at a time: after `\n`, after a lone `\r`, and
        // after the `\n` of `\r\n`.
        fn naive(text: &str) -> Vec<u32> {
            let bytes = text.as_bytes();
            let mut starts = vec![0];
            for (i, &byte) in bytes.iter().enumerate() {
                let ends = byte == b'\n' || byte == b'\r' && bytes.get(i + 1) != Some(&b'\n');
                if ends {
                    starts.push(to_u32(i + 1));
                }
            }
            starts
        }
        for text in ["", "\r", "\n", "\r\n", "\r\r\n\n", "\n\r", "a\r\r\rb", "x\r\n\r\ny\r", "\r\n\n\r\r\n"] {
            let index = LineIndex::new(text);
            let starts: Vec<u32> = (0..index.line_count()).map(|line| index.line_start(line)).collect();
            assert_eq!(starts, naive(text), "{text:?}");
        }
    }

    #[test]
    fn columns_in_each_encoding() {
        let text = "x = 'é😀' + y\n";
        let index = LineIndex::new(text);
        let y = to_u32(text.find('y').unwrap());
        assert_eq!(index.line_column(y, text, PositionEncoding::Utf8).column, 15);
        assert_eq!(index.line_column(y, text, PositionEncoding::Utf16).column, 12);
        assert_eq!(index.line_column(y, text, PositionEncoding::Utf32).column, 11);
    }

    #[test]
    fn round_trips_crlf_accents_and_astral_characters() {
        round_trip("print 'é'\r\nprint '😀'\r\n\r\nx = 1");
        round_trip("a😀b\rc\ncé\n");
        round_trip("");
    }

    #[test]
    fn positions_past_the_line_clamp_to_its_end() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        let past = LineColumn { line: 0, column: 99 };
        assert_eq!(index.offset(past, text, PositionEncoding::Utf16), 2);
        assert_eq!(index.offset(LineColumn { line: 9, column: 0 }, text, PositionEncoding::Utf16), 6);
    }

    #[test]
    fn offsets_inside_a_character_move_to_its_start() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(1, text, PositionEncoding::Utf16), LineColumn { line: 0, column: 0 });
    }

    #[test]
    fn ranges_intersect_and_shift() {
        let a = TextRange::new(2, 5);
        assert!(a.intersects(TextRange::new(4, 9)));
        assert!(!a.intersects(TextRange::new(5, 9)));
        assert!(a.intersects(TextRange::empty(3)));
        assert_eq!(a.shifted(-2), TextRange::new(0, 3));
    }
}
