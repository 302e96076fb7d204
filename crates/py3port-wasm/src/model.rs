//! What the JavaScript API returns, as plain serializable data: diagnostics, fixes and
//! edits in UTF-16 offsets and LSP positions, rule and settings metadata, fix results.
//!
//! The field names are the npm package's TypeScript types (`npm/py3port/src/types.ts`);
//! a change here is a change of the package's API.

use std::collections::BTreeMap;

use py3port_core::{Analysis, Diagnostic, Edit, FixOutcome, RULES, SETTINGS, SettingScope, TextRange, VERSION};
use serde::Serialize;

use crate::positions::{Positions, Range};

/// A diagnostic for JavaScript.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsDiagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub family: &'static str,
    pub severity: &'static str,
    pub confidence: &'static str,
    pub message: String,
    /// The rule's documentation page.
    pub url: String,
    /// UTF-16 offsets into the source, as JavaScript strings and CodeMirror count.
    pub from: u32,
    pub to: u32,
    /// The same range as LSP positions (0-based lines, UTF-16 characters).
    pub range: Range,
    pub fix: Option<JsFix>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsFix {
    pub title: String,
    /// `"safe"`, `"unsafe"` or `"display-only"`.
    pub applicability: &'static str,
    /// Sorted, non-overlapping, all in the coordinates of the analysed source.
    pub edits: Vec<JsEdit>,
}

/// Replace `from..to` (UTF-16 offsets; `range` in LSP positions) with `newText`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsEdit {
    pub from: u32,
    pub to: u32,
    pub range: Range,
    pub new_text: String,
}

impl JsDiagnostic {
    pub fn new(diagnostic: &Diagnostic, positions: &Positions) -> Self {
        let meta = diagnostic.rule.meta();
        let (from, to) = positions.utf16.range_to_utf16(diagnostic.range);
        JsDiagnostic {
            code: meta.code,
            name: meta.name,
            family: meta.family.as_str(),
            severity: diagnostic.severity.as_str(),
            confidence: diagnostic.confidence.as_str(),
            message: diagnostic.message.clone(),
            url: meta.url(),
            from,
            to,
            range: positions.range(diagnostic.range),
            fix: diagnostic.fix.as_ref().map(|fix| JsFix {
                title: fix.title.clone(),
                applicability: fix.applicability.as_str(),
                edits: fix.edits().iter().map(|edit| JsEdit::new(edit, positions)).collect(),
            }),
        }
    }

    pub fn all(analysis: &Analysis, positions: &Positions) -> Vec<JsDiagnostic> {
        analysis.diagnostics.iter().map(|diagnostic| JsDiagnostic::new(diagnostic, positions)).collect()
    }
}

impl JsEdit {
    fn new(edit: &Edit, positions: &Positions) -> Self {
        let range: TextRange = edit.range;
        let (from, to) = positions.utf16.range_to_utf16(range);
        JsEdit { from, to, range: positions.range(range), new_text: edit.content.clone() }
    }
}

/// What `fix()` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsFixResult {
    /// The fixed source.
    pub output: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// How many fixes of each rule were applied, by code.
    pub applied_by_rule: BTreeMap<&'static str, usize>,
    /// The diagnostics of the fixed source, in its coordinates.
    pub remaining: Vec<JsDiagnostic>,
    /// Fixes left out because they would have made the code unparsable.
    pub dropped: Vec<JsDroppedFix>,
    /// `false` when fixes kept producing new fixes until the round limit.
    pub converged: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsDroppedFix {
    pub code: &'static str,
    pub title: String,
}

impl JsFixResult {
    pub fn new(outcome: FixOutcome) -> Self {
        let positions = Positions::new(&outcome.output);
        JsFixResult {
            remaining: JsDiagnostic::all(&outcome.remaining, &positions),
            applied: outcome.applied_count(),
            // Inserted one by one: `collect()` would sort them first, with 5 KB of sort code.
            applied_by_rule: {
                let mut by_rule = BTreeMap::new();
                for (rule, count) in &outcome.applied {
                    by_rule.insert(rule.code(), *count);
                }
                by_rule
            },
            dropped: outcome
                .dropped
                .iter()
                .map(|dropped| JsDroppedFix { code: dropped.rule.code(), title: dropped.title.clone() })
                .collect(),
            converged: outcome.converged,
            output: outcome.output,
        }
    }
}

/// One rule's metadata (its documentation is the separate `rules-docs.json` asset).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsRule {
    pub code: &'static str,
    pub name: &'static str,
    pub family: &'static str,
    /// One sentence: what the rule flags.
    pub summary: &'static str,
    /// The default severity.
    pub severity: &'static str,
    pub default_enabled: bool,
    /// `"never"`, `"sometimes"` or `"always"`.
    pub fix_availability: &'static str,
    pub url: String,
}

pub fn rules() -> Vec<JsRule> {
    RULES
        .iter()
        .map(|meta| JsRule {
            code: meta.code,
            name: meta.name,
            family: meta.family.as_str(),
            summary: meta.summary(),
            severity: meta.severity.as_str(),
            default_enabled: meta.default_enabled,
            fix_availability: meta.fix_availability().as_str(),
            url: meta.url(),
        })
        .collect()
}

/// One row of the settings table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsSetting {
    /// The option's key (camelCase).
    pub key: &'static str,
    /// The same setting's TOML key.
    pub toml: &'static str,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub default: &'static str,
    /// `"analysis"` (read by `analyze`) or `"files"` (read only by the front ends that
    /// walk files; accepted and ignored here).
    pub scope: &'static str,
    pub description: &'static str,
}

pub fn settings() -> Vec<JsSetting> {
    SETTINGS
        .iter()
        .map(|doc| JsSetting {
            key: doc.camel,
            toml: doc.kebab,
            ty: doc.ty,
            default: doc.default,
            scope: match doc.scope {
                SettingScope::Analysis => "analysis",
                SettingScope::Files => "files",
            },
            description: doc.description,
        })
        .collect()
}

pub fn version() -> &'static str {
    VERSION
}
