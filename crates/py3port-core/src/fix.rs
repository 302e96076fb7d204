//! Applying fixes: pick non-overlapping fixes, apply them, re-check, repeat until
//! nothing changes. A fix must never add a parse error; after each round the result is
//! re-parsed and any fix that added an ERROR or MISSING node is dropped and reported.

use std::collections::{BTreeMap, HashSet};

use crate::analysis::{Analysis, FileContext, check_ported};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::parse;
use crate::registry::Rule;
use crate::settings::Settings;
use crate::text::TextRange;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Safe fixes only (`--fix`).
    Safe,
    /// Safe and unsafe fixes (`--fix --unsafe-fixes`).
    Unsafe,
}

impl FixMode {
    fn applies(self, applicability: Applicability) -> bool {
        match self {
            FixMode::Safe => applicability == Applicability::Safe,
            FixMode::Unsafe => applicability >= Applicability::Unsafe,
        }
    }
}

/// A fix that was not applied because it would have added a parse error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedFix {
    pub rule: Rule,
    /// Where the diagnostic was, in the text of the round that proposed it.
    pub range: TextRange,
    pub title: String,
}

/// The result of fixing a file.
#[derive(Clone, Debug)]
pub struct FixOutcome {
    pub output: String,
    /// How many fixes of each rule were applied.
    pub applied: BTreeMap<Rule, usize>,
    /// The diagnostics of the fixed text.
    pub remaining: Analysis,
    pub dropped: Vec<DroppedFix>,
    /// Rounds run; equal to [`MAX_ROUNDS`] with `converged == false` when fixes kept
    /// producing new fixes.
    pub rounds: usize,
    pub converged: bool,
}

impl FixOutcome {
    pub fn applied_count(&self) -> usize {
        self.applied.values().sum()
    }
}

/// Fix rounds before giving up on convergence.
pub const MAX_ROUNDS: usize = 10;

/// How many rounds of fixes to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounds {
    /// Until no fix remains (or [`MAX_ROUNDS`]): the fixed code has nothing left to fix.
    UntilStable,
    /// As 2to3 works, each fix once: the fixes of the first check, and in later rounds
    /// only those an overlap held back. Fixes that other fixes' output would trigger are
    /// not applied. Used to compare with lib2to3.
    SinglePass,
}

/// Applies fixes to `source` until none remain (or [`MAX_ROUNDS`]).
pub fn fix(source: &str, settings: &Settings, context: &FileContext, mode: FixMode) -> FixOutcome {
    fix_with(source, settings, context, mode, Rounds::UntilStable)
}

/// Applies fixes to `source`, with the given policy for rounds.
pub fn fix_with(source: &str, settings: &Settings, context: &FileContext, mode: FixMode, rounds: Rounds) -> FixOutcome {
    let rules = settings.resolve();
    let mut current = source.to_owned();
    let mut applied = BTreeMap::new();
    let mut dropped = Vec::new();
    // Fixes already found to break the parse, by content, so they are not retried.
    let mut refused: HashSet<(Rule, String, Vec<Edit>)> = HashSet::new();
    // What earlier rounds wrote, in the current text's coordinates.
    let mut ported: Vec<TextRange> = Vec::new();
    let mut analysis = check_ported(&current, settings, &rules, context, &ported);
    // For a single pass: the fixes held back so far, by content.
    let mut held_back: Option<HashSet<(Rule, String, Vec<Edit>)>> = None;
    for round in 0..MAX_ROUNDS {
        let mut candidates: Vec<&Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|fix| mode.applies(fix.applicability)))
            .filter(|d| !refused.contains(&key(&current, d)))
            .filter(|d| held_back.as_ref().is_none_or(|held| held.contains(&key(&current, d))))
            .collect();
        candidates.sort_by_key(|d| {
            let range = d.fix.as_ref().map_or(d.range, Fix::range);
            (range.start(), range.end())
        });
        // Fixes whose edits do not overlap go in the same round. Identical edits (two
        // fixes adding the same import) are shared.
        let mut chosen: Vec<&Diagnostic> = Vec::new();
        let mut taken: Vec<&Edit> = Vec::new();
        for diagnostic in candidates {
            let edits = diagnostic.fix.as_ref().map_or(&[][..], Fix::edits);
            let conflicts = edits.iter().any(|edit| taken.iter().any(|other| *other != edit && overlaps(edit, other)));
            if !conflicts {
                taken.extend(edits);
                chosen.push(diagnostic);
            }
        }
        if chosen.is_empty() {
            return FixOutcome {
                output: current,
                applied,
                remaining: analysis,
                dropped,
                rounds: round,
                converged: true,
            };
        }
        if rounds == Rounds::SinglePass {
            let held: HashSet<_> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.fix.as_ref().is_some_and(|fix| mode.applies(fix.applicability)))
                .filter(|d| held_back.as_ref().is_none_or(|held| held.contains(&key(&current, d))))
                .filter(|d| !chosen.iter().any(|c| std::ptr::eq(*c, *d)))
                .map(|d| key(&current, d))
                .collect();
            held_back = Some(held);
        }

        let errors_before = parse::error_count(&current, &parse::parse(&current).tree);
        let mut next = apply(&current, chosen.iter().filter_map(|d| d.fix.as_ref()));
        if parse::error_count(&next, &parse::parse(&next).tree) > errors_before {
            // Find the culprits one by one against the round's text.
            let (good, bad): (Vec<&Diagnostic>, Vec<&Diagnostic>) = chosen.iter().partition(|d| {
                let alone = apply(&current, d.fix.iter());
                parse::error_count(&alone, &parse::parse(&alone).tree) <= errors_before
            });
            for diagnostic in &bad {
                refused.insert(key(&current, diagnostic));
                dropped.push(DroppedFix {
                    rule: diagnostic.rule,
                    range: diagnostic.range,
                    title: diagnostic.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default(),
                });
            }
            next = apply(&current, good.iter().filter_map(|d| d.fix.as_ref()));
            chosen = good;
            // Fixes that are fine alone but break together: keep each that still parses
            // with those kept before it; the others wait for the next round.
            if parse::error_count(&next, &parse::parse(&next).tree) > errors_before {
                let mut kept: Vec<&Diagnostic> = Vec::new();
                for diagnostic in chosen {
                    let trial = apply(&current, kept.iter().chain([&diagnostic]).filter_map(|d| d.fix.as_ref()));
                    if kept.is_empty() || parse::error_count(&trial, &parse::parse(&trial).tree) <= errors_before {
                        kept.push(diagnostic);
                        next = trial;
                    }
                }
                chosen = kept;
            }
        }
        for diagnostic in &chosen {
            *applied.entry(diagnostic.rule).or_insert(0) += 1;
        }
        let edits: Vec<&Edit> = chosen.iter().filter_map(|d| d.fix.as_ref()).flat_map(Fix::edits).collect();
        // What a fix touched is its diagnostic's range as well as its edits: removing the
        // `u` of `u"\u00e9"` ports the whole literal. A statement turned into a call is the
        // exception: `print range(3) + x` ports the `print`, and the `range()` inside is
        // still the Python 2 code it was.
        let touched: Vec<TextRange> = chosen
            .iter()
            .filter(|d| !d.rule.fixes_only_the_frame())
            .map(|d| d.fix.as_ref().map_or(d.range, |fix| fix.range().cover(d.range)))
            .collect();
        ported.extend(touched);
        ported = track_ported(&ported, edits);
        current = next;
        analysis = check_ported(&current, settings, &rules, context, &ported);
    }
    let converged = !analysis.diagnostics.iter().any(|d| {
        d.fix.as_ref().is_some_and(|fix| mode.applies(fix.applicability)) && !refused.contains(&key(&current, d))
    });
    FixOutcome { output: current, applied, remaining: analysis, dropped, rounds: MAX_ROUNDS, converged }
}

/// The ranges of fix-produced text after applying `edits`: the earlier ranges (and the
/// ranges the edits' fixes covered) moved by the edits, and each edit's new text.
fn track_ported(earlier: &[TextRange], edits: Vec<&Edit>) -> Vec<TextRange> {
    let mut edits = edits;
    edits.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
    edits.dedup();
    let shift_at = |offset: u32| -> i64 {
        edits
            .iter()
            .filter(|edit| edit.range.end() <= offset && !(edit.range.is_empty() && edit.range.start() == offset))
            .map(|edit| edit.content.len() as i64 - i64::from(edit.range.len()))
            .sum()
    };
    let mut ported: Vec<TextRange> = earlier
        .iter()
        .map(|range| {
            TextRange::new(
                (i64::from(range.start()) + shift_at(range.start())) as u32,
                (i64::from(range.end()) + shift_at(range.end())).max(0) as u32,
            )
        })
        .collect();
    let mut delta = 0i64;
    for edit in &edits {
        let start = (i64::from(edit.range.start()) + delta) as u32;
        ported.push(TextRange::new(start, start + edit.content.len() as u32));
        delta += edit.content.len() as i64 - i64::from(edit.range.len());
    }
    ported
}

/// A position-independent identity for a fix: the rule, the text it covers and its edits
/// relative to its start.
fn key(text: &str, diagnostic: &Diagnostic) -> (Rule, String, Vec<Edit>) {
    let Some(fix) = &diagnostic.fix else {
        return (diagnostic.rule, String::new(), Vec::new());
    };
    let range = fix.range();
    let start = i64::from(range.start());
    let edits = fix
        .edits()
        .iter()
        .map(|edit| Edit { range: edit.range.shifted(-start), content: edit.content.clone() })
        .collect();
    (diagnostic.rule, text.get(range.to_usize()).unwrap_or("").to_owned(), edits)
}

/// Whether two edits touch: they overlap, or both insert at the same offset (whose order
/// would be arbitrary), or one inserts inside the other's range.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.range, b.range);
    if a.is_empty() && b.is_empty() {
        return a.start() == b.start();
    }
    a.start() < b.end() && b.start() < a.end()
        || (a.is_empty() && b.contains(a.start()))
        || (b.is_empty() && a.contains(b.start()))
}

/// Applies the edits of non-overlapping fixes to `text`; identical edits apply once.
pub fn apply<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> String {
    let mut edits: Vec<&Edit> = fixes.into_iter().flat_map(Fix::edits).collect();
    edits.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
    edits.dedup();
    apply_edits(text, edits)
}

/// Applies sorted, non-overlapping edits. Edits that overlap an earlier one, or whose
/// bounds are not character boundaries, are skipped rather than corrupting the text.
pub fn apply_edits<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> String {
    let mut output = String::with_capacity(text.len());
    let mut copied = 0usize;
    for edit in edits {
        let range = edit.range.to_usize();
        if range.start < copied
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            debug_assert!(false, "invalid edit {:?}", edit.range);
            continue;
        }
        output.push_str(&text[copied..range.start]);
        output.push_str(&edit.content);
        copied = range.end;
    }
    output.push_str(&text[copied..]);
    output
}
