//! Positions as JavaScript sees them: UTF-16 offsets (what JS strings and CodeMirror
//! index by) and LSP `{line, character}` positions, 0-based with UTF-16 characters,
//! converted to and from the core's byte offsets.
//!
//! [`Utf16Map`] is built once per text in O(n) and answers each conversion in
//! O(log k), k being the number of non-ASCII characters; ASCII text converts as is.

use py3port_core::{LineIndex, TextRange};
use serde::{Deserialize, Serialize};

/// An LSP `Position`: 0-based line and UTF-16 character (Monaco adds 1 to both).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// An LSP `Range`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// One non-ASCII character: where it starts in bytes and in UTF-16 units, and its widths.
#[derive(Clone, Copy, Debug)]
struct Wide {
    byte: u32,
    utf16: u32,
    byte_len: u8,
    utf16_len: u8,
}

/// Converts between byte offsets and UTF-16 offsets of one text.
///
/// Between two non-ASCII characters every byte is one UTF-16 unit, so only the non-ASCII
/// characters are recorded.
#[derive(Clone, Debug)]
pub struct Utf16Map {
    wide: Vec<Wide>,
    byte_len: u32,
    utf16_len: u32,
}

impl Utf16Map {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut utf16 = 0u32;
        if text.is_ascii() {
            utf16 = text.len() as u32;
        } else {
            let mut last = 0usize;
            for (byte, ch) in text.char_indices().filter(|(_, ch)| !ch.is_ascii()) {
                utf16 += (byte - last) as u32;
                wide.push(Wide {
                    byte: byte as u32,
                    utf16,
                    byte_len: ch.len_utf8() as u8,
                    utf16_len: ch.len_utf16() as u8,
                });
                utf16 += ch.len_utf16() as u32;
                last = byte + ch.len_utf8();
            }
            utf16 += (text.len() - last) as u32;
        }
        Self { wide, byte_len: text.len() as u32, utf16_len: utf16 }
    }

    /// The text's length in UTF-16 units.
    pub fn utf16_len(&self) -> u32 {
        self.utf16_len
    }

    /// The UTF-16 offset of a byte offset. An offset inside a character maps to the
    /// character's start; past the end, to the end.
    pub fn to_utf16(&self, byte: u32) -> u32 {
        let byte = byte.min(self.byte_len);
        let index = self.wide.partition_point(|wide| wide.byte <= byte);
        let Some(wide) = index.checked_sub(1).map(|i| self.wide[i]) else {
            return byte;
        };
        let end = wide.byte + u32::from(wide.byte_len);
        if byte < end { wide.utf16 } else { wide.utf16 + u32::from(wide.utf16_len) + (byte - end) }
    }

    /// The byte offset of a UTF-16 offset. An offset between the two halves of a
    /// surrogate pair maps to the character's start; past the end, to the end.
    pub fn to_byte(&self, utf16: u32) -> u32 {
        let utf16 = utf16.min(self.utf16_len);
        let index = self.wide.partition_point(|wide| wide.utf16 <= utf16);
        let Some(wide) = index.checked_sub(1).map(|i| self.wide[i]) else {
            return utf16;
        };
        let end = wide.utf16 + u32::from(wide.utf16_len);
        if utf16 < end { wide.byte } else { wide.byte + u32::from(wide.byte_len) + (utf16 - end) }
    }

    /// A byte range as UTF-16 offsets.
    pub fn range_to_utf16(&self, range: TextRange) -> (u32, u32) {
        (self.to_utf16(range.start()), self.to_utf16(range.end()))
    }

    /// UTF-16 offsets as a byte range; a reversed pair (`from > to`) is put in order.
    pub fn range_to_bytes(&self, from: u32, to: u32) -> TextRange {
        let (from, to) = (from.min(to), from.max(to));
        TextRange::new(self.to_byte(from), self.to_byte(to))
    }
}

/// Both maps of a text, for conversions in every direction.
#[derive(Clone, Debug)]
pub struct Positions {
    pub lines: LineIndex,
    pub utf16: Utf16Map,
}

impl Positions {
    pub fn new(text: &str) -> Self {
        Self { lines: LineIndex::new(text), utf16: Utf16Map::new(text) }
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, byte: u32) -> Position {
        let line = self.lines.line_of(byte);
        let character = self.utf16.to_utf16(byte) - self.utf16.to_utf16(self.lines.line_start(line));
        Position { line, character }
    }

    pub fn range(&self, range: TextRange) -> Range {
        Range { start: self.position(range.start()), end: self.position(range.end()) }
    }

    /// The UTF-16 offset of an LSP position. As LSP asks, a character past the end of its
    /// line means the line's end (before its terminator), and a line past the last line
    /// means the end of the text.
    pub fn offset(&self, position: Position, text: &str) -> u32 {
        if position.line >= self.lines.line_count() {
            return self.utf16.utf16_len();
        }
        let line = self.lines.line_range(position.line);
        let content_end = line.start() + text[line.to_usize()].trim_end_matches(['\n', '\r']).len() as u32;
        let start = self.utf16.to_utf16(line.start());
        let end = self.utf16.to_utf16(content_end);
        start + position.character.min(end - start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_unchanged() {
        let map = Utf16Map::new("print 'x'\n");
        assert_eq!(map.to_utf16(6), 6);
        assert_eq!(map.to_byte(6), 6);
        assert_eq!(map.to_utf16(99), 10);
        assert_eq!(map.utf16_len(), 10);
    }

    #[test]
    fn astral_and_accented_characters_round_trip() {
        let text = "s = u'😀é'; print s\n";
        let map = Utf16Map::new(text);
        let print = text.find("print").unwrap() as u32;
        // 😀 is 4 bytes and 2 UTF-16 units, é 2 bytes and 1 unit.
        assert_eq!(map.to_utf16(print), print - 2 - 1);
        assert_eq!(map.utf16_len() as usize, text.encode_utf16().count());
        for (byte, _) in text.char_indices() {
            let utf16 = map.to_utf16(byte as u32);
            assert_eq!(utf16 as usize, text[..byte].encode_utf16().count());
            assert_eq!(map.to_byte(utf16), byte as u32);
        }
        // Inside the emoji: back to its start, in both directions.
        let emoji = text.find('😀').unwrap() as u32;
        assert_eq!(map.to_utf16(emoji + 2), map.to_utf16(emoji));
        assert_eq!(map.to_byte(map.to_utf16(emoji) + 1), emoji);
    }

    #[test]
    fn lsp_positions_count_utf16_on_crlf_lines() {
        let text = "a = 1\r\n😀 = `x`\r\nb";
        let positions = Positions::new(text);
        let backquote = text.find('`').unwrap() as u32;
        assert_eq!(positions.position(backquote), Position { line: 1, character: 5 });
        assert_eq!(positions.offset(Position { line: 1, character: 5 }, text), positions.utf16.to_utf16(backquote));
        // Past the end of a line: the line's end, before CRLF.
        assert_eq!(positions.offset(Position { line: 0, character: 99 }, text), 5);
        assert_eq!(positions.offset(Position { line: 9, character: 0 }, text), positions.utf16.utf16_len());
        assert_eq!(positions.position(text.len() as u32), Position { line: 2, character: 1 });
    }

    #[test]
    fn reversed_ranges_are_ordered() {
        let map = Utf16Map::new("abc");
        assert_eq!(map.range_to_bytes(3, 1), TextRange::new(1, 3));
    }
}
