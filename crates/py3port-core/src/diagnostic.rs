//! The data the engine produces: diagnostics, their fixes and edits, all in byte ranges.

use crate::registry::Rule;
use crate::text::TextRange;

/// How sure a diagnostic is that the code breaks or changes meaning on Python 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// The analysis cannot prove the hazard: for example a `/` whose operand types are
    /// unknown. Shown only with `min-confidence = "medium"`.
    Medium,
    /// The construct is certainly a problem on Python 3 (or inference proved it).
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// How serious a diagnostic is, as editors and CI formats show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "hint" => Severity::Hint,
            "info" | "information" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" => Severity::Error,
            _ => return None,
        })
    }
}

/// Whether a fix may be applied without a person reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown as a suggestion only; never applied by `--fix`, even with `--unsafe-fixes`.
    /// Used where the rewrite depends on intent the code does not reveal.
    DisplayOnly,
    /// Applied with `--unsafe-fixes`. The fix may change behaviour in some cases or drop
    /// a comment; the rule's `## Fix safety` says which.
    Unsafe,
    /// Applied by `--fix`. The rewritten code behaves on Python 3 as the original did
    /// on Python 2, and no comment is lost.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes of `range` with `content` (an insertion when the range is empty).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    pub fn replace(range: TextRange, content: impl Into<String>) -> Self {
        Self { range, content: content.into() }
    }

    pub fn insert(offset: u32, content: impl Into<String>) -> Self {
        Self { range: TextRange::empty(offset), content: content.into() }
    }

    pub fn delete(range: TextRange) -> Self {
        Self { range, content: String::new() }
    }
}

/// A set of edits that together resolve one diagnostic.
///
/// The edits are sorted by position and never overlap; [`Fix::new`] enforces it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, phrased as an action ("Replace with `print(...)`").
    pub title: String,
    /// Shared: a fix is cloned per diagnostic and per analysis, and a linked fix (an
    /// import renamed with its uses) is the same for every member of its group.
    edits: std::sync::Arc<Vec<Edit>>,
    pub applicability: Applicability,
}

impl Fix {
    /// Builds a fix from edits in any order. Returns `None` when two edits overlap, which
    /// would make the result depend on application order.
    pub fn new(title: impl Into<String>, mut edits: Vec<Edit>, applicability: Applicability) -> Option<Self> {
        edits.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
        let overlapping = edits.windows(2).any(|pair| {
            pair[0].range.end() > pair[1].range.start()
                || (pair[0].range.is_empty() && pair[1].range.is_empty() && pair[0].range == pair[1].range)
        });
        if overlapping || edits.is_empty() {
            return None;
        }
        Some(Self { title: title.into(), edits: std::sync::Arc::new(edits), applicability })
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Option<Self> {
        Self::new(title, edits, Applicability::Safe)
    }

    pub fn unsafe_edits(title: impl Into<String>, edits: Vec<Edit>) -> Option<Self> {
        Self::new(title, edits, Applicability::Unsafe)
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The range covering every edit.
    pub fn range(&self) -> TextRange {
        let first = self.edits.first().map_or(TextRange::default(), |edit| edit.range);
        self.edits.iter().fold(first, |acc, edit| acc.cover(edit.range))
    }

    pub(crate) fn shift(&mut self, delta: i64) {
        for edit in std::sync::Arc::make_mut(&mut self.edits).iter_mut() {
            edit.range = edit.range.shifted(delta);
        }
    }
}

/// One finding: a rule, where, what, and optionally how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub rule: Rule,
    pub range: TextRange,
    pub message: String,
    pub fix: Option<Fix>,
    /// The rule's severity after the settings' overrides.
    pub severity: Severity,
    pub confidence: Confidence,
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity and high confidence.
    pub fn new(rule: Rule, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            rule,
            range,
            message: message.into(),
            fix: None,
            severity: rule.meta().severity,
            confidence: Confidence::High,
        }
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    pub fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    pub(crate) fn shift(&mut self, delta: i64) {
        self.range = self.range.shifted(delta);
        if let Some(fix) = &mut self.fix {
            fix.shift(delta);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_sort_their_edits_and_refuse_overlaps() {
        let fix = Fix::safe("t", vec![Edit::insert(9, ")"), Edit::replace(TextRange::new(0, 5), "print(")]).unwrap();
        assert_eq!(fix.edits()[0].range.start(), 0);
        assert_eq!(fix.range(), TextRange::new(0, 9));
        assert!(Fix::safe("t", vec![Edit::delete(TextRange::new(0, 5)), Edit::delete(TextRange::new(4, 6))]).is_none());
        assert!(Fix::safe("t", vec![Edit::insert(3, "a"), Edit::insert(3, "b")]).is_none());
        assert!(Fix::safe("t", vec![]).is_none());
    }
}
