//! One-shot analysis: parse, walk every top-level statement, then decide at file level
//! (dialect, suppressions, settings) which candidates become diagnostics.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::ast;
use crate::checker::{Candidate, DialectGate, ModuleContext, ParseError, UnitFacts, line_of, walk_unit};
use crate::compat::{self, Compat};
use crate::diagnostic::{Applicability, Confidence, Diagnostic};
use crate::dialect::{self, Dialect, DialectBasis, DialectInfo, ProjectPython};
use crate::parse::{self, Parsed};
use crate::registry::{Family, Rule};
use crate::semantic::ImportFact;
use crate::settings::{RuleTable, Settings, Target};
use crate::suppression::Suppression;
use crate::syntax_kind::NodeKind;
use crate::text::{TextRange, to_u32};

/// What the front end knows about the file beyond its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileContext {
    /// What the project's metadata declares about its Python.
    pub project: ProjectPython,
    /// Method names the project defines (`def has_key(self, ...)` anywhere in it): a
    /// rewrite of calls to such a method is unsafe, the receiver may be the project's.
    pub project_methods: Vec<String>,
    /// The file's dotted module name (`distutils.command.build`), when the edge knows the
    /// package layout; a package importing its own modules is not reported.
    pub module_name: Option<String>,
    /// Modules next to this file in its package directory (for implicit relative
    /// imports), when the edge knows them.
    pub siblings: Option<Vec<String>>,
}

/// The result of analysing one file.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    pub dialect: DialectInfo,
    /// Whether the file was analysed at all (`false` when over `max-file-size`).
    pub analysed: bool,
    /// Findings withheld, or reported with medium confidence and no safe fix, because the
    /// file, neutral by its syntax, may be Python 3 already (`map()` used as a list,
    /// `input()`, `print (a, b)`); a project that turns out to be Python 2 re-checks the
    /// file with [`ProjectPython::MostlyPython2`].
    pub withheld: usize,
}

/// Everything the walk produced for a file, before file-level decisions. The document API
/// keeps it between edits.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    pub parsed: Parsed,
    pub module: ModuleContext,
    pub units: Vec<UnitFacts>,
    /// MISSING tokens hidden between top-level statements (see `ast::hidden_missing`):
    /// they belong to no unit.
    pub module_errors: Vec<ParseError>,
}

impl Snapshot {
    pub(crate) fn build(
        source: &str,
        parsed: Parsed,
        settings: &Settings,
        rules: &RuleTable,
        context: &FileContext,
    ) -> Self {
        let root = parsed.tree.root_node();
        let module = ModuleContext::of(source, root, context);
        let mut cursor = root.walk();
        let units =
            root.children(&mut cursor).map(|unit| walk_unit(unit, source, &parsed, &module, settings, rules)).collect();
        drop(cursor);
        Snapshot::new(source, parsed, module, units)
    }

    /// The snapshot of walked units, with the errors between them.
    pub(crate) fn new(source: &str, parsed: Parsed, module: ModuleContext, units: Vec<UnitFacts>) -> Self {
        let mut module_errors = Vec::new();
        crate::ast::hidden_parse_errors(source, parsed.tree.root_node(), |range, expected| {
            module_errors.push(ParseError::hidden(range, expected));
        });
        Snapshot { parsed, module, units, module_errors }
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
    let snapshot = Snapshot::build(source, parse::parse(source), settings, rules, context);
    finalize(source, &snapshot, settings, rules, context, &[])
}

/// Analyses text that earlier fix rounds produced parts of (`ported`): rules that read a
/// Python 3 name with its Python 2 meaning (`input`, `range`, `keys()`) ignore those
/// parts, which are already Python 3.
pub(crate) fn check_ported(
    source: &str,
    settings: &Settings,
    rules: &RuleTable,
    context: &FileContext,
    ported: &[TextRange],
) -> Analysis {
    if let Some(analysis) = too_large(source, settings, rules) {
        return analysis;
    }
    let snapshot = Snapshot::build(source, parse::parse(source), settings, rules, context);
    finalize(source, &snapshot, settings, rules, context, ported)
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
    let snapshot = Snapshot::build(source, parsed, settings, rules, context);
    finalize(source, &snapshot, settings, rules, context, &[])
}

/// [`check_parsed`] and, when the file held findings back because it may be Python 3
/// already ([`Analysis::withheld`]), its analysis in a project that turns out to be
/// mostly Python 2 ([`ProjectPython::MostlyPython2`]), from the same walk: what the
/// project's metadata says only matters to the file-level decisions. For a front end
/// that learns the project's dialect only once it has checked every file.
pub fn check_parsed_with_python2_reading(
    source: &str,
    parsed: Parsed,
    settings: &Settings,
    rules: &RuleTable,
    context: &FileContext,
) -> (Analysis, Option<Analysis>) {
    if let Some(analysis) = too_large(source, settings, rules) {
        return (analysis, None);
    }
    let snapshot = Snapshot::build(source, parsed, settings, rules, context);
    let analysis = finalize(source, &snapshot, settings, rules, context, &[]);
    let python2 = (analysis.withheld > 0).then(|| {
        let hinted = FileContext { project: ProjectPython::MostlyPython2, ..context.clone() };
        finalize(source, &snapshot, settings, rules, &hinted, &[])
    });
    (analysis, python2)
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
    Some(Analysis { diagnostics, dialect, analysed: false, withheld: 0 })
}

/// File-level decisions over the walk's candidates.
pub(crate) fn finalize(
    source: &str,
    snapshot: &Snapshot,
    settings: &Settings,
    rules: &RuleTable,
    context: &FileContext,
    ported: &[TextRange],
) -> Analysis {
    let units = &snapshot.units;
    let first = |pick: fn(&UnitFacts) -> Option<dialect::Evidence>| units.iter().find_map(pick);
    let py2 = first(|unit| unit.py2_evidence);
    let py3 = first(|unit| unit.py3_evidence);

    let candidates = || units.iter().flat_map(|unit| &unit.candidates);
    let errors: Vec<_> = units.iter().flat_map(|unit| &unit.errors).chain(&snapshot.module_errors).collect();
    let explained = |range: TextRange| {
        candidates().any(|c| c.diagnostic.rule.family() == Family::Syntax && c.diagnostic.range.intersects(range))
    };
    let unexplained: Vec<_> = errors.iter().filter(|error| !explained(error.range)).collect();
    let dialect = dialect::decide(settings.source, context.project, py2, py3, !unexplained.is_empty());

    if units.iter().any(|unit| unit.ignore_file) {
        return Analysis { diagnostics: Vec::new(), dialect, analysed: true, withheld: 0 };
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
    // Names bound at module level other than by imports, and names imports bind there.
    let assigned: FxHashSet<&str> = units.iter().flat_map(|u| &u.module_bindings).map(String::as_str).collect();
    let imported: FxHashSet<&str> =
        units.iter().flat_map(|u| &u.imports).filter(|f| f.module_level).map(|f| f.local.as_str()).collect();
    let module_binds: FxHashSet<&str> = assigned.union(&imported).copied().collect();
    let markers: FxHashSet<&str> = units.iter().flat_map(|u| &u.markers).copied().collect();
    let compat_star = units.iter().flat_map(|u| &u.star_imports).any(|module| {
        COMPAT_MODULES.iter().any(|compat| module == compat || module.starts_with(&format!("{compat}.")))
    });
    let imports: Vec<&ImportFact> = units.iter().flat_map(|u| &u.imports).collect();
    let methods: FxHashSet<&str> = units
        .iter()
        .flat_map(|u| &u.methods)
        .map(String::as_str)
        .chain(context.project_methods.iter().map(String::as_str))
        .collect();
    let import_position = std::cell::OnceCell::new();
    // The parse errors by the lines where they start and end, computed on first need.
    let error_lines = std::cell::OnceCell::new();

    let mut diagnostics = Vec::new();
    let mut links = Vec::new();
    // Diagnostics kept only if the file turns out to be Python 2 (`DialectGate::Python2`).
    let mut if_python2 = Vec::new();
    // `py2-py3` fixes that need a `from __future__` import: (diagnostic index, feature).
    let mut needs_future: Vec<(usize, &'static str)> = Vec::new();
    // Diagnostics with a lower confidence or a less safe fix because the file may be
    // Python 3 already.
    let mut downgraded = 0;
    // Leftovers are for Python 3 code: not for a Python 2 (or half-ported) file, nor a
    // file that is valid on both in a project that is Python 2 still, whose porting
    // fixes they would undo (`class A:` to `class A(object):` and back).
    let python3_code = match dialect.dialect {
        Dialect::Python3 => true,
        Dialect::Compatible => !matches!(context.project, ProjectPython::Python2Only | ProjectPython::MostlyPython2),
        Dialect::Python2 | Dialect::Undetermined => false,
    };
    for candidate in candidates() {
        let Candidate { diagnostic, gate, .. } = candidate;
        if !rules.enabled(diagnostic.rule) || candidate.shadowed {
            continue;
        }
        // With `target = "py2-py3"` the compatibility layer is wanted: only leftovers
        // whose fix runs on Python 2.7 too (`set([1])` to `{1}`) are reported.
        if diagnostic.rule.family() == Family::Leftovers
            && (!python3_code
                || settings.target == Target::Py2Py3
                    && !matches!(compat::for_rule(diagnostic.rule), Some(Compat::Same)))
        {
            continue;
        }
        // What a fix wrote may be ported code that only looks like Python 2 (`'\u00e9'`
        // that was `u'\u00e9'`), but text Python 3 cannot compile (`raise E('\N')`, left by
        // the `raise E, '\N'` fix) is reported wherever it is.
        let python3_rejects = *gate == DialectGate::Any && diagnostic.rule.family() == Family::Syntax;
        if diagnostic.rule.misreads_ported_code() && !python3_rejects && {
            let head = call_head(source, diagnostic.range);
            ported.iter().any(|range| range.intersects(head))
        } {
            continue;
        }
        // Code that only runs on Python 2 is not ported by hand; syntax errors still stop
        // Python 3 from compiling it, and leftovers are about removing such code anyway.
        if candidate.in_py2_branch && !matches!(diagnostic.rule.family(), Family::Syntax | Family::Leftovers) {
            continue;
        }
        if let Some(name) = &candidate.unless_bound {
            let bound = match candidate.bound_module {
                Some(module) => {
                    assigned.contains(name.as_str())
                        || imports.iter().any(|f| f.module_level && &f.local == name && f.target != module)
                }
                None => module_binds.contains(name.as_str()) || compat_star,
            };
            if bound {
                continue;
            }
        }
        // `module.attr`: the name must be that module, imported, and nothing else.
        if let Some((local, module)) = &candidate.requires_import
            && (!imports.iter().any(|fact| &fact.local == local && &fact.target == module)
                || imports.iter().any(|fact| &fact.local == local && &fact.target != module)
                || assigned.contains(local.as_str()))
        {
            continue;
        }
        if candidate.unless_marker.is_some_and(|marker| markers.contains(marker)) {
            continue;
        }
        let mut diagnostic = diagnostic.clone();
        // A `needs-*` marker (a `__future__` import the file still reads differently
        // without) does not hold where the project or the settings say the code is Python 3:
        // no later run takes it for Python 2.
        let python3_declared =
            context.project == ProjectPython::Python3Only || settings.source == crate::settings::SourceDialect::Py3;
        let withheld_by =
            |marker: &&str| markers.contains(marker) && !(python3_declared && marker.starts_with("needs-"));
        if candidate.fix_unless_markers.iter().any(withheld_by) {
            diagnostic.fix = None;
        }
        // `target = "py2-py3"`: keep only fixes that keep Python 2 working.
        let mut requested: &[crate::checker::ImportRequest] = &candidate.imports;
        let compat_imports;
        let mut future_feature = None;
        if settings.target == Target::Py2Py3 && diagnostic.fix.is_some() {
            match candidate.compat.clone().or_else(|| compat::for_rule(diagnostic.rule)) {
                Some(Compat::Same) => {}
                Some(Compat::Future(feature)) => future_feature = Some(feature),
                Some(Compat::Fix(fix, imports)) => {
                    diagnostic.fix = fix;
                    compat_imports = imports;
                    requested = &compat_imports;
                }
                None => diagnostic.fix = None,
            }
        }
        if let Some((name, fix)) = &candidate.if_bound
            && module_binds.contains(name.as_str())
        {
            diagnostic.fix.clone_from(fix);
        }
        match gate {
            DialectGate::Any => {}
            DialectGate::NotPython3 | DialectGate::NotPython3HighInPython2 | DialectGate::Python2
                if dialect.dialect == Dialect::Python3 =>
            {
                continue;
            }
            DialectGate::NotPython3 => {}
            DialectGate::Python2 => {
                if dialect.dialect != Dialect::Python2 {
                    if_python2.push(diagnostics.len());
                }
                // `input()` in a file whose own syntax says nothing, in a project declared
                // Python 2: it may be the `input()` that a fix of `raw_input()` wrote, and
                // a second run must not turn that prompt into `eval(input())`.
                if diagnostic.rule == Rule::InputBuiltin
                    && matches!(dialect.basis, DialectBasis::ProjectMetadata | DialectBasis::ProjectFiles)
                {
                    diagnostic.fix = None;
                }
            }
            DialectGate::NotPython3HighInPython2 => {
                if dialect.dialect != Dialect::Python2 {
                    downgraded += 1;
                    diagnostic.confidence = Confidence::Medium;
                    if let Some(fix) = &mut diagnostic.fix {
                        fix.applicability = fix.applicability.min(Applicability::Unsafe);
                    }
                }
            }
        }
        // A method the project defines itself may be the receiver's: the fix is unsafe,
        // and outside files that are certainly Python 2 the finding is uncertain too.
        if let Some(method) = candidate.unsafe_if_method
            && methods.contains(method)
        {
            if let Some(fix) = &mut diagnostic.fix {
                fix.applicability = fix.applicability.min(Applicability::Unsafe);
            }
            if dialect.dialect != Dialect::Python2 {
                downgraded += 1;
                diagnostic.confidence = Confidence::Medium;
            }
        }
        if diagnostic.confidence < settings.min_confidence || suppressed(&diagnostic) {
            if_python2.retain(|&index| index != diagnostics.len());
            continue;
        }
        diagnostic.severity = match candidate.severity {
            Some(severity) if !rules.severity_set(diagnostic.rule) => severity,
            _ => rules.severity(diagnostic.rule),
        };
        if !requested.is_empty()
            && let Some(fix) = diagnostic.fix.take()
        {
            let position = *import_position.get_or_init(|| import_insert_position(source, &snapshot.parsed));
            let missing: Vec<_> = requested
                .iter()
                .filter(|request| !imports.iter().any(|fact| fact.module_level && request.satisfied_by(fact)))
                .collect();
            diagnostic.fix = if missing.is_empty() {
                Some(fix)
            } else {
                let mut edits = fix.edits().to_vec();
                for request in missing {
                    let edit = request
                        .after
                        .and_then(|module| import_next_to(source, &snapshot.parsed, module, request))
                        .unwrap_or_else(|| {
                            crate::diagnostic::Edit::insert(position, request.statement() + snapshot.module.newline)
                        });
                    edits.push(edit);
                }
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
        // Nor is a fix offered beside code the parser could not read on the same line:
        // error recovery may have cut the construct short, so the edit would land in the
        // wrong place (and could be offered again on its own output).
        let beside_error = || {
            let (index, lines) = error_lines.get_or_init(|| {
                let index = crate::text::LineIndex::new(source);
                let mut lines = FxHashMap::<u32, Vec<TextRange>>::default();
                for error in &errors {
                    for line in [index.line_of(error.range.start()), index.line_of(error.range.end())] {
                        lines.entry(line).or_default().push(error.range);
                    }
                }
                (index, lines)
            });
            let range = diagnostic.range;
            [index.line_of(range.start()), index.line_of(range.end())]
                .iter()
                .any(|line| lines.get(line).is_some_and(|errors| errors.iter().any(|error| !error.intersects(range))))
        };
        if !rules.fixable(diagnostic.rule)
            || diagnostic.fix.as_ref().is_some_and(touches_error)
            || (diagnostic.fix.is_some() && !errors.is_empty() && beside_error())
        {
            diagnostic.fix = None;
        }
        if let Some(feature) = future_feature {
            needs_future.push((diagnostics.len(), feature));
        }
        links.push(candidate.link.clone());
        diagnostics.push(diagnostic);
    }
    if !needs_future.is_empty() {
        let waiting = |feature: &str| {
            candidates().filter(|c| matches!(c.compat, Some(Compat::Future(f)) if f == feature)).count()
        };
        add_future_imports(source, snapshot, &mut diagnostics, &needs_future, waiting);
    }
    let mut withheld = downgraded;
    if !if_python2.is_empty() {
        let uses_removed_builtins = diagnostics
            .iter()
            .enumerate()
            .any(|(index, d)| d.rule.family() == Family::Builtins && !if_python2.contains(&index));
        if !uses_removed_builtins {
            withheld += if_python2.len();
            let mut index = 0;
            diagnostics.retain(|_| {
                index += 1;
                !if_python2.contains(&(index - 1))
            });
            let mut index = 0;
            links.retain(|_| {
                index += 1;
                !if_python2.contains(&(index - 1))
            });
        }
    }
    // A file with Python 2 syntax or builtins left (certainly, not maybe) is still being
    // ported: its leftovers wait (removing `object` as a base while a port adds it would
    // go round in circles).
    let porting = diagnostics
        .iter()
        .any(|d| matches!(d.rule.family(), Family::Syntax | Family::Builtins) && d.confidence == Confidence::High);
    if porting {
        let mut keep = diagnostics.iter().map(|d| d.rule.family() != Family::Leftovers).collect::<Vec<_>>().into_iter();
        links.retain(|_| keep.next().unwrap_or(true));
        diagnostics.retain(|d| d.rule.family() != Family::Leftovers);
    }
    link_fixes(&mut diagnostics, &links);

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
    Analysis { diagnostics, dialect, analysed: true, withheld }
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
const COMPAT_MODULES: &[&str] =
    &["six.moves", "builtins", "future.builtins", "past.builtins", "future_builtins", "__builtin__"];

/// Where a fix's new import goes, as 2to3 puts it: after the first block of top-level
/// imports, else after the module docstring, else before the first statement (after the
/// leading comments, so that a shebang and a coding cookie stay first).
fn import_insert_position(source: &str, parsed: &Parsed) -> u32 {
    let root = parsed.tree.root_node();
    let statements: Vec<_> = ast::code_children(root);
    let is_import = |node: &tree_sitter::Node<'_>| {
        matches!(
            NodeKind::of(*node),
            NodeKind::ImportStatement | NodeKind::ImportFromStatement | NodeKind::FutureImportStatement
        )
    };
    let after = |node: tree_sitter::Node<'_>| {
        let end = node.end_byte();
        let rest = &source[end..];
        let line_end = rest.find(['\n', '\r']).map_or(source.len(), |i| end + i);
        let newline = if source[line_end..].starts_with("\r\n") { 2 } else { usize::from(line_end < source.len()) };
        to_u32(line_end + newline)
    };
    if let Some(first) = statements.iter().position(is_import) {
        let last =
            statements[first..].iter().take_while(|node| is_import(node)).last().copied().unwrap_or(statements[first]);
        return after(last);
    }
    if let Some(docstring) = statements.first().filter(|node| ast::is_string_statement(**node)) {
        return after(*docstring);
    }
    statements.first().map_or(to_u32(source.len()), |node| to_u32(node.start_byte()))
}

/// Adds `from __future__ import <feature>` to the fixes that need it (`py2-py3`), at the
/// head of the module, unless the module has it. They share the import, so they are
/// applied together: each gets the least safe applicability of the group, and none keeps
/// a fix if any statement that needs the feature (`waiting`, counting suppressed and
/// unfixable ones) would be left without one: Python 2 would reject it once the import
/// is there.
fn add_future_imports(
    source: &str,
    snapshot: &Snapshot,
    diagnostics: &mut [Diagnostic],
    needs: &[(usize, &'static str)],
    waiting: impl Fn(&str) -> usize,
) {
    let mut features: Vec<&'static str> = needs.iter().map(|(_, f)| *f).collect();
    features.sort_unstable();
    features.dedup();
    for feature in features {
        let members: Vec<usize> = needs.iter().filter(|(_, f)| *f == feature).map(|(i, _)| *i).collect();
        let present = match feature {
            compat::PRINT_FUNCTION => snapshot.module.future.print_function,
            "division" => snapshot.module.future.division,
            "absolute_import" => snapshot.module.future.absolute_import,
            "unicode_literals" => snapshot.module.future.unicode_literals,
            _ => false,
        };
        if present {
            continue;
        }
        let least = members.iter().map(|&i| diagnostics[i].fix.as_ref().map(|fix| fix.applicability)).min().flatten();
        let complete = members.iter().all(|&i| diagnostics[i].fix.is_some()) && members.len() == waiting(feature);
        let edit = future_import_edit(source, snapshot, feature);
        for &i in &members {
            let diagnostic = &mut diagnostics[i];
            diagnostic.fix = match (diagnostic.fix.take(), least) {
                (Some(fix), Some(least)) if complete => {
                    let mut edits = fix.edits().to_vec();
                    edits.push(edit.clone());
                    crate::diagnostic::Fix::new(fix.title.clone(), edits, least)
                }
                _ => None,
            };
        }
    }
}

/// The edit that adds `from __future__ import <feature>` after the module's docstring,
/// leading comments and existing `__future__` imports.
fn future_import_edit(source: &str, snapshot: &Snapshot, feature: &str) -> crate::diagnostic::Edit {
    let root = snapshot.parsed.tree.root_node();
    let mut position = 0;
    let mut seen_code = false;
    for statement in ast::named_children(root) {
        let leading = match NodeKind::of(statement) {
            NodeKind::Comment | NodeKind::FutureImportStatement => true,
            // The docstring: a string statement before any other code.
            _ => !seen_code && ast::is_string_statement(statement),
        };
        if !leading {
            break;
        }
        seen_code |= NodeKind::of(statement) != NodeKind::Comment;
        let end = statement.end_byte();
        let line_end = source[end..].find(['\n', '\r']).map_or(source.len(), |i| end + i);
        let newline = if source[line_end..].starts_with("\r\n") { 2 } else { usize::from(line_end < source.len()) };
        position = line_end + newline;
    }
    let newline = snapshot.module.newline;
    let prefix = if position > 0 && !source[..position].ends_with(['\n', '\r']) { newline } else { "" };
    crate::diagnostic::Edit::insert(to_u32(position), format!("{prefix}from __future__ import {feature}{newline}"))
}

/// Gives every diagnostic of a link group the group's combined fix: the leader's edits
/// (an import) and every member's (its usages), so that they are applied together. A
/// group without a fixable leader gets no fixes: a usage renamed without its import
/// would break the code.
fn link_fixes(diagnostics: &mut [Diagnostic], links: &[Option<(String, bool)>]) {
    let mut groups: Vec<&str> = links.iter().flatten().map(|(group, _)| group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    for group in groups {
        let members: Vec<usize> =
            (0..links.len()).filter(|&i| links[i].as_ref().is_some_and(|(g, _)| g == group)).collect();
        let leader = members
            .iter()
            .copied()
            .find(|&i| links[i].as_ref().is_some_and(|(_, leader)| *leader) && diagnostics[i].fix.is_some());
        let combined = leader.and_then(|leader| {
            let base = diagnostics[leader].fix.clone()?;
            let mut edits = base.edits().to_vec();
            let mut applicability = base.applicability;
            for &member in &members {
                if member == leader {
                    continue;
                }
                let fix = diagnostics[member].fix.as_ref()?;
                applicability = applicability.min(fix.applicability);
                for edit in fix.edits() {
                    if !edits.contains(edit) {
                        edits.push(edit.clone());
                    }
                }
            }
            crate::diagnostic::Fix::new(base.title.clone(), edits, applicability)
        });
        for member in members {
            diagnostics[member].fix.clone_from(&combined);
        }
    }
}

/// The edit that imports `request` next to the module-level `import <module>`, as 2to3
/// does for `atexit` after `sys`: appended to the statement when it imports several
/// modules (`import os, sys, atexit`), else on a new line after it.
fn import_next_to(
    source: &str,
    parsed: &Parsed,
    module: &str,
    request: &crate::checker::ImportRequest,
) -> Option<crate::diagnostic::Edit> {
    let root = parsed.tree.root_node();
    let statement = ast::code_children(root).into_iter().find(|statement| {
        NodeKind::of(*statement) == NodeKind::ImportStatement
            && crate::syntax_kind::field_children(*statement, crate::syntax_kind::Field::Name)
                .iter()
                .any(|name| source[name.byte_range()].trim() == module)
    })?;
    let names = crate::syntax_kind::field_children(statement, crate::syntax_kind::Field::Name);
    if names.len() > 1 {
        let last = names.last()?;
        return Some(crate::diagnostic::Edit::insert(to_u32(last.end_byte()), format!(", {}", request.module)));
    }
    let line = line_of(source, ast::range(statement));
    let newline = if source[line.end() as usize..].starts_with("\r\n") {
        "\r\n"
    } else if source[line.end() as usize..].starts_with('\r') {
        "\r"
    } else {
        "\n"
    };
    Some(crate::diagnostic::Edit::insert(line.end(), format!("{newline}{}", request.statement())))
}

/// The part of `range` before the argument list that closes it, for a call (`d.keys` of
/// `d.keys()`, `map` of `map(f, xs)`); all of `range` otherwise. A fix inside the
/// arguments (a lambda's tuple parameter) leaves the call itself Python 2 code.
fn call_head(source: &str, range: TextRange) -> TextRange {
    let Some(text) = source.get(range.to_usize()) else { return range };
    if !text.ends_with(')') {
        return range;
    }
    let mut depth = 0usize;
    for (offset, byte) in text.bytes().enumerate().rev() {
        match byte {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    return TextRange::new(range.start(), range.start() + to_u32(offset));
                }
            }
            _ => {}
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Python 2 reading from the same walk is the analysis of a fresh check in a
    /// project declared mostly Python 2.
    #[test]
    fn the_python2_reading_matches_a_check_as_python2() {
        let settings = Settings::default();
        let rules = settings.resolve();
        let context = FileContext::default();
        let hinted = FileContext { project: ProjectPython::MostlyPython2, ..FileContext::default() };
        let neutral = "x = map(int, values)\nprint(x[0])\nname = input('name: ')\nprint (a, b)\n";
        let (analysis, python2) =
            check_parsed_with_python2_reading(neutral, parse::parse(neutral), &settings, &rules, &context);
        assert!(analysis.withheld > 0, "{analysis:?}");
        let expected = check_with_rules(neutral, &settings, &rules, &hinted);
        assert_eq!(format!("{:?}", python2.expect("a Python 2 reading")), format!("{expected:?}"));
        assert_eq!(format!("{analysis:?}"), format!("{:?}", check_with_rules(neutral, &settings, &rules, &context)));

        let python2_only = "print 'x'\n";
        let (_, python2) =
            check_parsed_with_python2_reading(python2_only, parse::parse(python2_only), &settings, &rules, &context);
        assert!(python2.is_none(), "nothing withheld, no second reading");
    }
}
