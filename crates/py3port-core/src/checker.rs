//! The walk: one pre-order cursor walk per top-level statement, dispatching each node to
//! the rules registered for its kind, and recording what the rest of the engine needs
//! (dialect evidence, suppression comments, parse errors).
//!
//! Each top-level statement is a unit whose results ([`UnitFacts`]) depend only on its
//! own text and on the module context (future imports, source encoding), so that the
//! document API can re-walk only the statements an edit touched.

use std::sync::OnceLock;

use tree_sitter::Node;

use crate::diagnostic::{Confidence, Diagnostic, Fix};
use crate::dialect::{self, Evidence};
use crate::parse::{Parsed, Patch, PatchKind};
use crate::registry::{Family, RULES, Rule};
use crate::rules::CheckFn;
use crate::settings::RuleTable;
use crate::suppression::{self, Directive, Suppression};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

/// Where a candidate diagnostic applies, decided once the file's dialect is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DialectGate {
    /// Whatever the dialect.
    Any,
    /// Not in Python 3 code: there, the construct means what Python 3 says.
    NotPython3,
    /// Not in Python 3 code. Unless the file is certainly Python 2, the construct may be
    /// Python 3 code already: medium confidence, and a safe fix becomes unsafe.
    NotPython3HighInPython2,
}

/// A diagnostic before the file-level decisions (dialect, suppressions, settings).
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub diagnostic: Diagnostic,
    pub gate: DialectGate,
}

/// What the walk learns from one top-level statement.
#[derive(Clone, Debug, Default)]
pub(crate) struct UnitFacts {
    pub range: TextRange,
    pub candidates: Vec<Candidate>,
    /// The first construct that only Python 3 accepts.
    pub py3_evidence: Option<Evidence>,
    /// The first construct that only Python 2 accepts.
    pub py2_evidence: Option<Evidence>,
    pub suppressions: Vec<Suppression>,
    pub ignore_file: bool,
    /// ERROR nodes and MISSING nodes, outermost only.
    pub errors: Vec<ParseError>,
}

impl UnitFacts {
    pub(crate) fn shift(&mut self, delta: i64) {
        self.range = self.range.shifted(delta);
        for candidate in &mut self.candidates {
            candidate.diagnostic.shift(delta);
        }
        for evidence in [&mut self.py2_evidence, &mut self.py3_evidence].into_iter().flatten() {
            evidence.range = evidence.range.shifted(delta);
        }
        for suppression in &mut self.suppressions {
            suppression.comment = suppression.comment.shifted(delta);
        }
        for error in &mut self.errors {
            error.range = error.range.shifted(delta);
        }
    }
}

/// A region the parser could not make sense of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub range: TextRange,
    /// For a MISSING node, what was expected.
    pub missing: Option<String>,
}

/// Module-level facts that every unit's analysis may depend on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ModuleContext {
    pub future: FutureFeatures,
    /// The PEP 263 encoding declared in the first two lines, lower-cased.
    pub encoding: Option<String>,
    /// The line terminator of the first line, used for inserted lines.
    pub newline: &'static str,
}

/// `from __future__` imports at the head of the module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FutureFeatures {
    pub print_function: bool,
    pub unicode_literals: bool,
    pub division: bool,
    pub absolute_import: bool,
}

impl ModuleContext {
    pub(crate) fn of(source: &str, root: Node<'_>) -> Self {
        let mut future = FutureFeatures::default();
        let mut cursor = root.walk();
        for statement in root.named_children(&mut cursor) {
            match NodeKind::of(statement) {
                NodeKind::Comment => {}
                NodeKind::ExpressionStatement
                    if statement.named_child_count() == 1
                        && matches!(
                            statement.named_child(0).map(NodeKind::of),
                            Some(NodeKind::String | NodeKind::ConcatenatedString)
                        ) => {}
                NodeKind::FutureImportStatement => {
                    let mut names = statement.walk();
                    for name in statement.children_by_field_name("name", &mut names) {
                        let name = match NodeKind::of(name) {
                            NodeKind::AliasedImport => field(name, Field::Name).unwrap_or(name),
                            _ => name,
                        };
                        match &source[name.byte_range()] {
                            "print_function" => future.print_function = true,
                            "unicode_literals" => future.unicode_literals = true,
                            "division" => future.division = true,
                            "absolute_import" => future.absolute_import = true,
                            _ => {}
                        }
                    }
                }
                _ => break,
            }
        }
        let newline = match source.find(['\n', '\r']) {
            Some(i) if source[i..].starts_with("\r\n") => "\r\n",
            Some(i) if source.as_bytes()[i] == b'\r' => "\r",
            _ => "\n",
        };
        Self { future, encoding: crate::encoding::declared_encoding(source).map(str::to_ascii_lowercase), newline }
    }
}

/// The state of a walk over one unit, handed to every rule.
pub(crate) struct Checker<'a> {
    pub source: &'a str,
    pub parsed: &'a Parsed,
    pub module: &'a ModuleContext,
    facts: UnitFacts,
}

impl<'a> Checker<'a> {
    /// The source text of a node (from the original text, not the recovery patches).
    #[inline]
    pub fn text(&self, node: Node<'_>) -> &'a str {
        self.source.get(node.byte_range()).unwrap_or("")
    }

    #[inline]
    pub fn slice(&self, range: TextRange) -> &'a str {
        self.source.get(range.to_usize()).unwrap_or("")
    }

    /// The recovery patch at the start of `node`, if recovery rewrote it.
    pub fn patch(&self, node: Node<'_>) -> Option<PatchKind> {
        if self.parsed.patches.is_empty() {
            return None;
        }
        self.parsed.patch_at(crate::text::to_u32(node.start_byte())).map(|Patch { kind, .. }| kind)
    }

    /// Reports a diagnostic that applies whatever the file's dialect.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.report_gated(diagnostic, DialectGate::Any);
    }

    pub fn report_gated(&mut self, diagnostic: Diagnostic, gate: DialectGate) {
        if diagnostic.rule.family() == Family::Syntax && gate == DialectGate::Any && self.facts.py2_evidence.is_none() {
            self.facts.py2_evidence = Some(Evidence { range: diagnostic.range, what: diagnostic.rule.name() });
        }
        self.facts.candidates.push(Candidate { diagnostic, gate });
    }

    pub fn py3_evidence(&mut self, range: TextRange, what: &'static str) {
        if self.facts.py3_evidence.is_none() {
            self.facts.py3_evidence = Some(Evidence { range, what });
        }
    }
}

/// `kind -> rules` dispatch, built once from the rules' declarations.
fn dispatch_table() -> &'static [Vec<(Rule, CheckFn)>] {
    static TABLE: OnceLock<Vec<Vec<(Rule, CheckFn)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); NodeKind::Other as usize + 1];
        for meta in RULES {
            if let Some(check) = meta.decl.check {
                for &kind in meta.decl.kinds {
                    table[kind as usize].push((meta.rule, check));
                }
            }
        }
        table
    })
}

/// Walks one top-level node (a statement, a comment or an error region).
pub(crate) fn walk_unit(
    unit: Node<'_>,
    source: &str,
    parsed: &Parsed,
    module: &ModuleContext,
    rules: &RuleTable,
) -> UnitFacts {
    let mut checker = Checker {
        source,
        parsed,
        module,
        facts: UnitFacts { range: TextRange::from_usize(unit.byte_range()), ..UnitFacts::default() },
    };
    let table = dispatch_table();
    let mut cursor = unit.walk();
    loop {
        let node = cursor.node();
        let kind = NodeKind::from_id(node.kind_id());
        let mut descend = true;
        if node.is_missing() {
            checker.facts.errors.push(ParseError {
                range: TextRange::from_usize(node.byte_range()),
                missing: Some(node.kind().to_owned()),
            });
        } else if kind != NodeKind::Other {
            match kind {
                NodeKind::Error => {
                    checker
                        .facts
                        .errors
                        .push(ParseError { range: TextRange::from_usize(node.byte_range()), missing: None });
                }
                NodeKind::Comment => {
                    let text = checker.text(node);
                    let range = TextRange::from_usize(node.byte_range());
                    match suppression::parse_comment(text) {
                        Some(Directive::IgnoreFile) => checker.facts.ignore_file = true,
                        Some(Directive::Line(rules)) => {
                            checker.facts.suppressions.push(Suppression { rules, comment: range });
                        }
                        None => {}
                    }
                    descend = false;
                }
                // Only f-strings have anything but literal text inside.
                NodeKind::String => descend = is_format_string(checker.source, node),
                _ => {}
            }
            dialect::observe(&mut checker, kind, node);
            for &(rule, check) in &table[kind as usize] {
                // Syntax rules always run: what they find is the evidence that a file is
                // Python 2, whichever rules are enabled.
                if rules.enabled(rule) || rule.family() == Family::Syntax {
                    check(&mut checker, node);
                }
            }
        }
        if descend && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return checker.facts;
            }
        }
    }
}

/// The range of the line holding `range`'s start, without its terminator.
pub(crate) fn line_of(source: &str, range: TextRange) -> TextRange {
    let bytes = source.as_bytes();
    let start = range.start() as usize;
    let line_start =
        bytes[..start.min(bytes.len())].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
    let line_end = bytes[start.min(bytes.len())..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| start + i);
    TextRange::from_usize(line_start..line_end)
}

/// Helpers that many rules share.
impl<'a> Checker<'a> {
    /// A fix is offered only where the node's subtree parsed cleanly.
    pub fn fixable(&self, node: Node<'_>) -> bool {
        !node.has_error()
    }

    /// `fix` if the node parsed cleanly, else `None`.
    pub fn fix_if_clean(&self, node: Node<'_>, fix: Option<Fix>) -> Option<Fix> {
        if self.fixable(node) { fix } else { None }
    }

    pub fn range(&self, node: Node<'_>) -> TextRange {
        TextRange::from_usize(node.byte_range())
    }

    /// A diagnostic on `node` with `confidence`.
    pub fn diagnostic(&self, rule: Rule, node: Node<'_>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, self.range(node), message).with_confidence(Confidence::High)
    }

    /// The leading whitespace of the line `offset` is on.
    pub fn indentation_at(&self, offset: u32) -> &str {
        let line = line_of(self.source, TextRange::empty(offset));
        let text = self.slice(line);
        let width = text.len() - text.trim_start_matches([' ', '\t', '\x0c']).len();
        &text[..width]
    }

    /// The line terminator the file uses (of its first line), for inserted lines.
    pub fn newline(&self) -> &'static str {
        self.module.newline
    }

    /// The text of the unit being walked: what a rule may look at beyond its node.
    pub fn unit_text(&self) -> &'a str {
        self.slice(self.facts.range)
    }
}

/// Whether a string node is an f-string (or t-string), from its prefix letters.
fn is_format_string(source: &str, node: Node<'_>) -> bool {
    let start = node.start_byte();
    source.as_bytes()[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .any(|b| matches!(b, b'f' | b'F' | b't' | b'T'))
}
