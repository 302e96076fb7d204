//! One-shot analysis: parse, walk every top-level statement, then decide at file level
//! (dialect, suppressions, settings) which candidates become diagnostics.

use rustc_hash::FxHashSet;

use crate::ast;
use crate::checker::{Candidate, DialectGate, ModuleContext, UnitFacts, line_of, walk_unit};
use crate::semantic::ImportFact;
use crate::syntax_kind::NodeKind;
use crate::diagnostic::{Applicability, Confidence, Diagnostic};
use crate::dialect::{self, Dialect, DialectInfo, ProjectPython};
use crate::parse::{self, Parsed};
use crate::registry::{Family, Rule};
use crate::settings::{RuleTable, Settings};
use crate::suppression::Suppression;
use crate::text::{TextRange, to_u32};

/// What the front end knows about the file beyond its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileContext {
    /// What the project's metadata declares about its Python.
    pub project: ProjectPython,
    /// Method names the project defines (`def has_key(self, ...)` anywhere in it): a
    /// rewrite of calls to such a method is unsafe, the receiver may be the project's.
    pub project_methods: Vec<String>,
}

/// The result of analysing one file.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    pub dialect: DialectInfo,
    /// Whether the file was analysed at all (`false` when over `max-file-size`).
    pub analysed: bool,
}

/// Everything the walk produced for a file, before file-level decisions. The document API
/// keeps it between edits.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    pub parsed: Parsed,
    pub module: ModuleContext,
    pub units: Vec<UnitFacts>,
}

impl Snapshot {
    pub(crate) fn build(source: &str, parsed: Parsed, settings: &Settings, rules: &RuleTable) -> Self {
        let root = parsed.tree.root_node();
        let module = ModuleContext::of(source, root);
        let mut cursor = root.walk();
        let units = root.children(&mut cursor).map(|unit| walk_unit(unit, source, &parsed, &module, settings, rules)).collect();
        drop(cursor);
        Snapshot { parsed, module, units }
    }
}

/// Analyses `source` with `settings`.
pub fn check(source: &str, settings: &Settings, context: &FileContext) -> Analysis {
    let rules = settings.resolve();
    check_with_rules(source, settings, &rules, context)
}

/// Analyses with an already resolved rule table (the CLI resolves it once per run).
pub fn check_with_rules(source: &str, settings: &Settings, rules: &RuleTable, context: &FileContext) -> Analysis {
    if let Some(analysis) = too_large(source, settings, rules) {
        return analysis;
    }
    let snapshot = Snapshot::build(source, parse::parse(source), settings, rules);
    finalize(source, &snapshot, settings, rules, context)
}

/// Analyses an already parsed source (for benchmarks that time parsing separately).
pub fn check_parsed(
    source: &str,
    parsed: Parsed,
    settings: &Settings,
    rules: &RuleTable,
    context: &FileContext,
) -> Analysis {
    if let Some(analysis) = too_large(source, settings, rules) {
        return analysis;
    }
    let snapshot = Snapshot::build(source, parsed, settings, rules);
    finalize(source, &snapshot, settings, rules, context)
}

/// The single diagnostic a file over `max-file-size` gets.
pub(crate) fn too_large(source: &str, settings: &Settings, rules: &RuleTable) -> Option<Analysis> {
    let size = source.len() as u64;
    if size <= settings.max_file_size {
        return None;
    }
    let mut diagnostics = Vec::new();
    if rules.enabled(Rule::FileTooLarge) {
        let mut diagnostic = Diagnostic::new(
            Rule::FileTooLarge,
            TextRange::empty(0),
            format!(
                "File not analysed: {size} bytes is over the `max-file-size` limit of {} bytes",
                settings.max_file_size
            ),
        );
        diagnostic.severity = rules.severity(Rule::FileTooLarge);
        diagnostics.push(diagnostic);
    }
    let dialect = dialect::decide(settings.source, ProjectPython::Unknown, None, None, true);
    Some(Analysis { diagnostics, dialect, analysed: false })
}

/// File-level decisions over the walk's candidates.
pub(crate) fn finalize(
    source: &str,
    snapshot: &Snapshot,
    settings: &Settings,
    rules: &RuleTable,
    context: &FileContext,
) -> Analysis {
    let units = &snapshot.units;
    let first = |pick: fn(&UnitFacts) -> Option<dialect::Evidence>| units.iter().find_map(pick);
    let py2 = first(|unit| unit.py2_evidence);
    let py3 = first(|unit| unit.py3_evidence);

    let candidates = || units.iter().flat_map(|unit| &unit.candidates);
    let errors: Vec<_> = units.iter().flat_map(|unit| &unit.errors).collect();
    let explained = |range: TextRange| {
        candidates().any(|c| c.diagnostic.rule.family() == Family::Syntax && c.diagnostic.range.intersects(range))
    };
    let unexplained: Vec<_> = errors.iter().filter(|error| !explained(error.range)).collect();
    let dialect = dialect::decide(settings.source, context.project, py2, py3, !unexplained.is_empty());

    if units.iter().any(|unit| unit.ignore_file) {
        return Analysis { diagnostics: Vec::new(), dialect, analysed: true };
    }

    let mut suppressions: Vec<(TextRange, &Suppression)> = units
        .iter()
        .flat_map(|unit| &unit.suppressions)
        .map(|suppression| (line_of(source, suppression.comment), suppression))
        .collect();
    suppressions.sort_by_key(|(line, _)| line.start());
    let suppressed = |diagnostic: &Diagnostic| {
        let offset = diagnostic.range.start();
        let index = suppressions.partition_point(|(line, _)| line.start() <= offset);
        // Several comments can share a line (`a; b  # noqa` is one); check them all.
        suppressions[..index]
            .iter()
            .rev()
            .take_while(|(line, _)| offset <= line.end())
            .any(|(_, suppression)| suppression.suppresses(diagnostic.rule))
    };

    // What the module binds, imports and defines, across its statements.
    let module_binds: FxHashSet<&str> = units.iter().flat_map(|u| &u.module_bindings).map(String::as_str).collect();
    let compat_star = units
        .iter()
        .flat_map(|u| &u.star_imports)
        .any(|module| COMPAT_MODULES.iter().any(|compat| module == compat || module.starts_with(&format!("{compat}."))));
    let imports: Vec<&ImportFact> = units.iter().flat_map(|u| &u.imports).collect();
    let methods: FxHashSet<&str> = units
        .iter()
        .flat_map(|u| &u.methods)
        .map(String::as_str)
        .chain(context.project_methods.iter().map(String::as_str))
        .collect();
    let import_position = std::cell::OnceCell::new();

    let mut diagnostics = Vec::new();
    for candidate in candidates() {
        let Candidate { diagnostic, gate, .. } = candidate;
        if !rules.enabled(diagnostic.rule) || candidate.shadowed {
            continue;
        }
        if candidate.in_py2_branch && diagnostic.rule.family() != Family::Syntax {
            continue;
        }
        if let Some(name) = &candidate.unless_bound
            && (module_binds.contains(name.as_str()) || compat_star)
        {
            continue;
        }
        if let Some((local, module)) = &candidate.requires_import
            && !imports.iter().any(|fact| fact.is_module && &fact.local == local && &fact.target == module)
        {
            continue;
        }
        let mut diagnostic = diagnostic.clone();
        match gate {
            DialectGate::Any => {}
            DialectGate::NotPython3 | DialectGate::NotPython3HighInPython2 if dialect.dialect == Dialect::Python3 => {
                continue;
            }
            DialectGate::NotPython3 => {}
            DialectGate::NotPython3HighInPython2 => {
                if dialect.dialect != Dialect::Python2 {
                    diagnostic.confidence = Confidence::Medium;
                    if let Some(fix) = &mut diagnostic.fix {
                        fix.applicability = fix.applicability.min(Applicability::Unsafe);
                    }
                }
            }
        }
        if diagnostic.confidence < settings.min_confidence || suppressed(&diagnostic) {
            continue;
        }
        diagnostic.severity = rules.severity(diagnostic.rule);
        if let Some(method) = candidate.unsafe_if_method
            && methods.contains(method)
            && let Some(fix) = &mut diagnostic.fix
        {
            fix.applicability = fix.applicability.min(Applicability::Unsafe);
        }
        if !candidate.imports.is_empty()
            && let Some(fix) = diagnostic.fix.take()
        {
            let position = *import_position.get_or_init(|| import_insert_position(source, &snapshot.parsed));
            let missing: Vec<_> = candidate
                .imports
                .iter()
                .filter(|request| !imports.iter().any(|fact| fact.module_level && request.satisfied_by(fact)))
                .collect();
            diagnostic.fix = if missing.is_empty() {
                Some(fix)
            } else {
                let text: String = missing.iter().map(|request| request.statement() + snapshot.module.newline).collect();
                let mut edits = fix.edits().to_vec();
                edits.push(crate::diagnostic::Edit::insert(position, text));
                crate::diagnostic::Fix::new(fix.title.clone(), edits, fix.applicability)
            };
        }
        // No fix touches code the parser could not read, unless it replaces that code
        // entirely (nested backquotes parse as errors and are rewritten whole).
        let touches_error = |fix: &crate::diagnostic::Fix| {
            fix.edits().iter().any(|edit| {
                errors.iter().any(|error| error.range.intersects(edit.range) && !edit.range.contains_range(error.range))
            })
        };
        if !rules.fixable(diagnostic.rule) || diagnostic.fix.as_ref().is_some_and(touches_error) {
            diagnostic.fix = None;
        }
        diagnostics.push(diagnostic);
    }

    if rules.enabled(Rule::ParseError) {
        for error in unexplained {
            let message = match &error.missing {
                Some(expected) => {
                    format!("Could not parse this code (expected `{expected}` here); it was not analysed")
                }
                None => {
                    let text = &source[error.range.to_usize()];
                    let lines = text.lines().count().max(1);
                    if lines > 1 {
                        format!("Could not parse these {lines} lines; they were not analysed")
                    } else {
                        "Could not parse this code; it was not analysed".to_owned()
                    }
                }
            };
            let mut diagnostic = Diagnostic::new(Rule::ParseError, parse_error_range(source, error.range), message);
            diagnostic.severity = rules.severity(Rule::ParseError);
            if !suppressed(&diagnostic) {
                diagnostics.push(diagnostic);
            }
        }
    }

    diagnostics.sort_by_key(|d| (d.range.start(), d.rule, d.range.end()));
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.range == b.range && a.message == b.message);
    Analysis { diagnostics, dialect, analysed: true }
}

/// An error region shown to the user: never empty (a MISSING node is zero-width), and
/// never past the end of the text.
fn parse_error_range(source: &str, range: TextRange) -> TextRange {
    if !range.is_empty() {
        return range;
    }
    let start = crate::text::floor_char_boundary(source, range.start() as usize);
    let end = source[start..].chars().next().map_or(start, |c| start + c.len_utf8());
    TextRange::new(to_u32(start), to_u32(end))
}

/// Modules whose star import brings back Python 2's builtins (`from six.moves import *`).
const COMPAT_MODULES: &[&str] = &["six.moves", "builtins", "future.builtins", "past.builtins", "future_builtins", "__builtin__"];

/// Where a fix's new import goes, as 2to3 puts it: after the first block of top-level
/// imports, else after the module docstring, else before the first statement (after the
/// leading comments, so that a shebang and a coding cookie stay first).
fn import_insert_position(source: &str, parsed: &Parsed) -> u32 {
    let root = parsed.tree.root_node();
    let statements: Vec<_> = ast::code_children(root);
    let is_import = |node: &tree_sitter::Node<'_>| {
        matches!(NodeKind::of(*node), NodeKind::ImportStatement | NodeKind::ImportFromStatement | NodeKind::FutureImportStatement)
    };
    let after = |node: tree_sitter::Node<'_>| {
        let end = node.end_byte();
        let rest = &source[end..];
        let line_end = rest.find(['\n', '\r']).map_or(source.len(), |i| end + i);
        let newline = if source[line_end..].starts_with("\r\n") { 2 } else { usize::from(line_end < source.len()) };
        to_u32(line_end + newline)
    };
    if let Some(first) = statements.iter().position(is_import) {
        let last = statements[first..].iter().take_while(|node| is_import(node)).last().copied().unwrap_or(statements[first]);
        return after(last);
    }
    if let Some(docstring) = statements.first().filter(|node| ast::is_string_statement(**node)) {
        return after(*docstring);
    }
    statements.first().map_or(to_u32(source.len()), |node| to_u32(node.start_byte()))
}
