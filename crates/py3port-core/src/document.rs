//! A long-lived document for editors: text plus its parse and analysis, updated
//! incrementally as edits arrive.
//!
//! An edit is applied to the text and to the tree (tree-sitter's edit API), the tree is
//! re-parsed incrementally, and only the top-level statements that the edit or the
//! re-parse touched are walked again; the others keep their results, shifted. A change
//! to the module context (future imports, encoding cookie, line endings) re-walks
//! everything. The result is always the same as a fresh [`crate::check`].

use crate::analysis::{Analysis, FileContext, Snapshot, finalize, too_large};
use crate::checker::{ModuleContext, UnitFacts, walk_unit};
use crate::parse::{self, Patch, input_edit};
use crate::settings::{RuleTable, Settings};
use crate::text::{LineIndex, TextRange, to_u32};

/// A document being edited.
#[derive(Debug)]
pub struct Document {
    text: String,
    settings: Settings,
    rules: RuleTable,
    context: FileContext,
    /// `None` when the text is over `max-file-size`.
    snapshot: Option<Snapshot>,
    analysis: Analysis,
    line_index: LineIndex,
    /// How many top-level statements the last update walked, for tests and benchmarks.
    last_walked: usize,
}

impl Document {
    pub fn new(text: impl Into<String>, settings: Settings, context: FileContext) -> Self {
        let text = text.into();
        let rules = settings.resolve();
        let line_index = LineIndex::new(&text);
        let mut document = Document {
            analysis: Analysis {
                diagnostics: Vec::new(),
                dialect: crate::dialect::decide(settings.source, context.project, None, None, false),
                analysed: false,
                withheld: 0,
            },
            text,
            settings,
            rules,
            context,
            snapshot: None,
            line_index,
            last_walked: 0,
        };
        document.reanalyse_from_scratch();
        document
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn context(&self) -> &FileContext {
        &self.context
    }

    /// How many top-level statements the last update walked.
    pub fn last_walked(&self) -> usize {
        self.last_walked
    }

    /// Replaces the settings and re-analyses.
    pub fn set_settings(&mut self, settings: Settings, context: FileContext) {
        self.rules = settings.resolve();
        self.settings = settings;
        self.context = context;
        self.reanalyse_from_scratch();
    }

    /// Replaces the whole text.
    pub fn set_text(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.line_index = LineIndex::new(&self.text);
        self.reanalyse_from_scratch();
    }

    /// Applies edits in order, each in the coordinates of the text the previous ones
    /// produced (as LSP's `didChange` does), then re-analyses once. Ranges are clamped to
    /// the text and to character boundaries, so a stale edit never panics.
    pub fn edit(&mut self, edits: &[(TextRange, &str)]) {
        // Edits that change nothing (an empty insertion, or one clamped to nothing) leave
        // the analysis as it is.
        if edits.iter().all(|(range, replacement)| replacement.is_empty() && self.clamp(*range).is_empty()) {
            return;
        }
        let Some(mut snapshot) = self.snapshot.take() else {
            for (range, replacement) in edits {
                let range = self.clamp(*range);
                self.text.replace_range(range.to_usize(), replacement);
            }
            self.line_index = LineIndex::new(&self.text);
            self.reanalyse_from_scratch();
            return;
        };
        // Byte ranges (new coordinates) that edits replaced.
        let mut dirty: Vec<TextRange> = Vec::new();
        for (range, replacement) in edits {
            let range = self.clamp(*range);
            let delta = replacement.len() as i64 - i64::from(range.len());
            snapshot.parsed.tree.edit(&input_edit(&self.text, range, replacement));
            self.text.replace_range(range.to_usize(), replacement);
            let inserted = TextRange::new(range.start(), range.start() + to_u32(replacement.len()));
            for earlier in &mut dirty {
                if earlier.start() >= range.end() {
                    *earlier = earlier.shifted(delta);
                } else if earlier.end() >= range.start() {
                    *earlier = earlier.cover(inserted);
                }
            }
            dirty.push(inserted);
            snapshot.units.retain_mut(|unit| {
                shift_or_drop(unit.range, range, delta)
                    .map(|r| unit.shift(i64::from(r.start()) - i64::from(unit.range.start())))
                    .is_some()
            });
            snapshot.parsed.patches = snapshot
                .parsed
                .patches
                .iter()
                .filter_map(|patch| {
                    shift_or_drop(patch.range, range, delta).map(|range| Patch { range, kind: patch.kind })
                })
                .collect();
        }
        self.line_index = LineIndex::new(&self.text);
        if too_large(&self.text, &self.settings, &self.rules).is_some() {
            self.reanalyse_from_scratch();
            return;
        }
        let (parsed, changed, incremental) =
            parse::reparse(&self.text, &mut snapshot.parsed.tree, &snapshot.parsed.patches);
        dirty.extend(changed);
        let root = parsed.tree.root_node();
        let module = ModuleContext::of(&self.text, root, &self.context);
        // After a recovery from scratch nothing can be assumed about which statements kept
        // their shape.
        let recovered = !incremental;
        // A change in what the module binds (typing in a function's name) re-walks only
        // the statements whose rules asked about a changed name.
        let changed_names =
            if module == snapshot.module { Some(Vec::new()) } else { module.changed_names(&snapshot.module) };
        let reusable = |unit: &UnitFacts| {
            !recovered
                && changed_names.as_ref().is_some_and(|names| {
                    names.is_empty() || !unit.module_queries.iter().any(|q| names.binary_search(q).is_ok())
                })
        };
        let mut old_units = snapshot.units.into_iter().peekable();
        let mut units = Vec::new();
        let mut walked = 0;
        let mut cursor = root.walk();
        for node in root.children(&mut cursor) {
            let range = TextRange::from_usize(node.byte_range());
            while old_units.peek().is_some_and(|unit| unit.range.start() < range.start()) {
                old_units.next();
            }
            let touched = dirty.iter().any(|d| {
                d.intersects(range) || (d.is_empty() && (d.start() == range.start() || d.start() == range.end()))
            });
            let cached = match old_units.peek() {
                Some(unit) if !touched && unit.range == range && reusable(unit) => old_units.next(),
                _ => None,
            };
            units.push(match cached {
                Some(unit) => unit,
                None => {
                    walked += 1;
                    walk_unit(node, &self.text, &parsed, &module, &self.settings, &self.rules)
                }
            });
        }
        drop(cursor);
        self.last_walked = walked;
        let snapshot = Snapshot::new(&self.text, parsed, module, units);
        self.analysis = finalize(&self.text, &snapshot, &self.settings, &self.rules, &self.context, &[]);
        self.snapshot = Some(snapshot);
    }

    fn reanalyse_from_scratch(&mut self) {
        if let Some(analysis) = too_large(&self.text, &self.settings, &self.rules) {
            self.analysis = analysis;
            self.snapshot = None;
            self.last_walked = 0;
            return;
        }
        let snapshot =
            Snapshot::build(&self.text, parse::parse(&self.text), &self.settings, &self.rules, &self.context);
        self.last_walked = snapshot.units.len();
        self.analysis = finalize(&self.text, &snapshot, &self.settings, &self.rules, &self.context, &[]);
        self.snapshot = Some(snapshot);
    }

    /// Clamps a range to the text and to character boundaries.
    fn clamp(&self, range: TextRange) -> TextRange {
        let start = crate::text::floor_char_boundary(&self.text, range.start() as usize);
        let end = crate::text::floor_char_boundary(&self.text, (range.end() as usize).max(start));
        TextRange::new(to_u32(start), to_u32(end))
    }
}

/// Where `range` is after replacing `edited` with text `delta` bytes longer: shifted if it
/// lies after the edit, unchanged before it, `None` if the edit touches it.
fn shift_or_drop(range: TextRange, edited: TextRange, delta: i64) -> Option<TextRange> {
    if range.end() < edited.start() || (range.end() == edited.start() && !edited.is_empty()) {
        Some(range)
    } else if range.start() > edited.end() {
        Some(range.shifted(delta))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::check;

    fn same_as_fresh(document: &Document) {
        let fresh = check(document.text(), document.settings(), document.context());
        assert_eq!(document.analysis().diagnostics, fresh.diagnostics, "text: {:?}", document.text());
        assert_eq!(document.analysis().dialect, fresh.dialect);
    }

    #[test]
    fn edits_rewalk_only_what_they_touch() {
        let text = "import os\n\ndef a():\n    print 'a'\n\ndef b():\n    return `b`\n\nx = 0777\n";
        let mut document = Document::new(text, Settings::default(), FileContext::default());
        assert_eq!(document.analysis().diagnostics.len(), 3);
        let at = to_u32(text.find("'a'").unwrap());
        document.edit(&[(TextRange::new(at, at + 3), "'aa', 1")]);
        assert_eq!(document.last_walked(), 1);
        same_as_fresh(&document);

        let at = to_u32(document.text().find("0777").unwrap());
        document.edit(&[(TextRange::new(at, at + 4), "7")]);
        same_as_fresh(&document);
        assert_eq!(document.analysis().diagnostics.len(), 2);
    }

    #[test]
    fn future_imports_rewalk_everything() {
        let mut document = Document::new("print 'x'\nprint (1, 2)\n", Settings::default(), FileContext::default());
        document.edit(&[(TextRange::empty(0), "from __future__ import print_function\n")]);
        same_as_fresh(&document);
        assert!(document.last_walked() >= 3);
    }

    /// A function with no source of `bytes` of its own is checked for `bytes` only where
    /// the module has a `bytes` constant: it is walked again when the module gains one.
    #[test]
    fn a_new_bytes_constant_rewalks_the_functions_that_may_read_it() {
        let text = "PREFIX = 'p'\n\ndef f(s):\n    return PREFIX + 'a'\n";
        let mut document = Document::new(text, Settings::default(), FileContext::default());
        assert!(!document.analysis().diagnostics.iter().any(|d| d.rule == crate::Rule::BytesTextMix));
        document.edit(&[(TextRange::new(9, 9), "b")]);
        same_as_fresh(&document);
        assert!(document.analysis().diagnostics.iter().any(|d| d.rule == crate::Rule::BytesTextMix));
    }

    #[test]
    fn stale_ranges_are_clamped() {
        let mut document = Document::new("é = 1\n", Settings::default(), FileContext::default());
        document.edit(&[(TextRange::new(1, 99), "x")]);
        same_as_fresh(&document);
    }

    #[test]
    fn random_edits_match_a_fresh_check() {
        let pieces = [
            "print 'x'\n",
            "exec code in ns\n",
            "def f((a, b)):\n    return a\n",
            "x = `y`\n",
            "if a <> b:\n    pass\n",
            "\n",
            "# noqa\n",
            "y = 10L\n",
            "from __future__ import print_function\n",
            "def g(\n",
            // Recovery patches: the incremental parse of the patched text must agree.
            "exec code % x in ns\n",
            "async = 1\n",
            "def h(True):\n    return async\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut document = Document::new(pieces.concat(), Settings::default(), FileContext::default());
        for _ in 0..600 {
            let len = document.text().len();
            let start = next(len + 1);
            let end = (start + next(12)).min(len);
            let insert = if next(3) == 0 { "" } else { pieces[next(pieces.len())] };
            document.edit(&[(TextRange::new(to_u32(start), to_u32(end)), insert)]);
            same_as_fresh(&document);
        }
    }
}
