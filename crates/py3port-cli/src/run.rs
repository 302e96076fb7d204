//! Checking (and fixing) files in parallel, one [`FileReport`] each.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use py3port_core::{
    Diagnostic, Dialect, DialectBasis, DialectInfo, FileContext, FixMode, LineIndex, ProjectPython, Rule, RuleTable,
    Settings, TextRange, check_parsed, check_parsed_with_python2_reading, fix,
};
use rayon::prelude::*;

use crate::cache::Cache;
use crate::config::PerFileIgnores;
use crate::messages::Message;
use crate::source::{self, SourceText};

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAction {
    /// Report only.
    None,
    /// Apply and write the files.
    Write(FixMode),
    /// Apply and print a diff; write nothing.
    Diff(FixMode),
}

/// The outcome for one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    /// The path as shown to the user.
    pub display: String,
    /// The analysed text (after fixes, if any were applied).
    pub text: String,
    pub original: String,
    pub messages: Vec<Message>,
    pub dialect: Option<DialectInfo>,
    pub applied: BTreeMap<Rule, usize>,
    /// The bytes to write, when fixes changed the file.
    pub fixed_bytes: Option<Vec<u8>>,
    /// An I/O error: the file was not checked.
    pub error: Option<String>,
    pub dropped_fixes: Vec<String>,
    /// Findings withheld because the file may be Python 3 already (see [`run`]).
    pub withheld: usize,
    /// When findings were withheld in the first pass over a project of unknown Python:
    /// the file read as Python 2 as well, from the same parse, in case the project turns
    /// out to be mostly Python 2 (it saves reading and parsing the file again).
    pub as_python2: Option<Box<FileReport>>,
    /// The modules the file imports, when the run collects them
    /// ([`RunOptions::collect_imports`]).
    pub imports: Option<Vec<String>>,
    /// The watched method names the file defines, when the run records them
    /// ([`RunOptions::record_methods`]).
    pub defined_methods: Option<Vec<&'static str>>,
}

pub struct RunOptions<'a> {
    pub settings: &'a Settings,
    pub rules: &'a RuleTable,
    pub context: &'a FileContext,
    pub fix: FixAction,
    /// `per-file-ignores`, compiled.
    pub per_file: Option<&'a PerFileIgnores>,
    /// The result cache, for runs that fix nothing.
    pub cache: Option<&'a Cache>,
    /// Keep each file's text in its report (for output that shows source lines, and
    /// diffs); otherwise it is dropped as soon as the messages are made.
    pub keep_text: bool,
    /// Show a progress bar on standard error when it is a terminal and the run is long.
    pub progress: bool,
    /// Also read a file as Python 2 when it withholds findings (the first pass of
    /// [`run`]; see [`FileReport::as_python2`]).
    pub speculate_python2: bool,
    /// Record the modules each file imports in its report (for unused-requirement
    /// detection), from the parse the check makes anyway, and cache them with it.
    pub collect_imports: bool,
    /// The package layout of the run's directories, read once each; without it, read
    /// for each file.
    pub layouts: Option<&'a crate::layout::Layouts>,
    /// Record the watched method names each file defines in its report, from the bytes
    /// the check reads anyway (see [`run_project`]).
    pub record_methods: bool,
}

impl<'a> RunOptions<'a> {
    /// Options with no per-file ignores, no cache, no progress bar, and the text kept.
    pub fn new(settings: &'a Settings, rules: &'a RuleTable, context: &'a FileContext, fix: FixAction) -> Self {
        RunOptions {
            settings,
            rules,
            context,
            fix,
            per_file: None,
            cache: None,
            keep_text: true,
            progress: false,
            speculate_python2: false,
            collect_imports: false,
            layouts: None,
            record_methods: false,
        }
    }
}

/// Runs with at least this many files show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 200;

fn progress_bar(options: &RunOptions<'_>, files: usize, phase: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !options.progress || files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(files as u64), indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} files ({eta} left)")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(phase.to_owned());
    Some(bar)
}

/// Checks `paths` in parallel with `options`, ticking the progress bar.
fn check_all(paths: &[PathBuf], options: &RunOptions<'_>, phase: &str) -> Vec<FileReport> {
    let bar = progress_bar(options, paths.len(), phase);
    let reports = paths
        .par_iter()
        .map(|path| {
            let report = check_path(path, options);
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            report
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    reports
}

/// Checks every file, in parallel; the reports come back in the order of `paths`.
///
/// Where the project's metadata does not say which Python it is written in, its files
/// do: if more of them are Python 2 than Python 3 by their syntax, the neutral ones (no
/// `print` statement, no f-string) are read as Python 2 too, so that `map()` used as a
/// list is reported in them as well. Checking re-checks only the neutral files that
/// withheld such findings; fixing decides before it writes anything.
pub fn run(paths: &[PathBuf], options: &RunOptions<'_>) -> Vec<FileReport> {
    let reports = run_passes(paths, options);
    if let Some(cache) = options.cache {
        cache.save();
    }
    reports
}

/// [`run`] over a project's files, which first needs the watched method names they define
/// ([`FileContext::project_methods`]: a `.has_key()` call may be the project's own method).
/// Those of the last cached run over the same files are taken and confirmed by the files
/// as the check reads them; when they differ, the files are checked again with the names
/// they define. Without a record, every file is read for its names first.
pub fn run_project(paths: &[PathBuf], options: &RunOptions<'_>) -> Vec<FileReport> {
    let remembered =
        options.cache.filter(|_| options.fix == FixAction::None).and_then(|cache| cache.project_methods(paths));
    let mut context = options.context.clone();
    context.project_methods = match &remembered {
        Some(methods) => methods.clone(),
        None => crate::layout::project_methods(paths, options.settings.max_file_size),
    };
    let first = RunOptions { context: &context, record_methods: remembered.is_some(), ..*options };
    let mut reports = run_passes(paths, &first);
    if remembered.is_some() {
        let defined = defined_methods(&reports);
        if defined != context.project_methods {
            context.project_methods = defined;
            reports = run_passes(paths, &RunOptions { context: &context, record_methods: false, ..*options });
        }
    }
    if let Some(cache) = options.cache {
        cache.remember_project_methods(paths, &context.project_methods);
        cache.save();
    }
    reports
}

/// The method names the reports' files define, sorted, as [`crate::layout::project_methods`]
/// gives them.
fn defined_methods(reports: &[FileReport]) -> Vec<String> {
    crate::layout::sorted_names(reports.iter().flat_map(|report| report.defined_methods.iter().flatten().copied()))
}

fn run_passes(paths: &[PathBuf], options: &RunOptions<'_>) -> Vec<FileReport> {
    let verb = if options.fix == FixAction::None { "Checking" } else { "Fixing" };
    if options.context.project != ProjectPython::Unknown {
        return check_all(paths, options, verb);
    }
    // The first pass only decides the project's dialect when fixing, so it keeps no text.
    let check_only =
        RunOptions { fix: FixAction::None, keep_text: options.keep_text && options.fix == FixAction::None, ..*options };
    let mut reports: Vec<FileReport> = check_all(paths, &check_only, "Checking");
    if !mostly_python2(&reports) {
        if options.fix == FixAction::None {
            return reports;
        }
        return check_all(paths, options, verb);
    }
    let context = FileContext { project: ProjectPython::MostlyPython2, ..options.context.clone() };
    let hinted = RunOptions { context: &context, ..*options };
    if options.fix != FixAction::None {
        return check_all(paths, &hinted, verb);
    }
    // Files read as Python 2 in the first pass already take that reading; the others
    // (their first reading came from the cache) are checked again.
    for report in &mut reports {
        if let Some(python2) = report.as_python2.take() {
            *report = *python2;
        }
    }
    let again: Vec<PathBuf> =
        reports.iter().filter(|report| report.withheld > 0).map(|report| report.path.clone()).collect();
    let mut rechecked = check_all(&again, &hinted, "Re-checking as Python 2").into_iter();
    for report in reports.iter_mut().filter(|report| report.withheld > 0) {
        if let Some(new) = rechecked.next() {
            *report = new;
        }
    }
    // The other neutral files read the same either way; they are Python 2 as well.
    for report in &mut reports {
        if let Some(info) = &mut report.dialect
            && info.basis == DialectBasis::Syntax
            && info.py2_evidence.is_none()
            && info.py3_evidence.is_none()
        {
            info.dialect = Dialect::Python2;
            info.basis = DialectBasis::ProjectFiles;
            for message in &mut report.messages {
                message.dialect = Some(Dialect::Python2.as_str());
            }
        }
    }
    reports
}

/// Whether more of the checked files are Python 2 than Python 3 by their syntax.
fn mostly_python2(reports: &[FileReport]) -> bool {
    let by_syntax = |dialect: Dialect| {
        reports
            .iter()
            .filter_map(|report| report.dialect)
            .filter(|info| info.basis == DialectBasis::Syntax && info.dialect == dialect)
            .count()
    };
    by_syntax(Dialect::Python2) > by_syntax(Dialect::Python3)
}

fn check_path(path: &Path, options: &RunOptions<'_>) -> FileReport {
    // Per-file ignores: the file's own settings and rule table.
    let file_settings =
        options.per_file.and_then(|per_file| per_file.settings_for(options.settings, options.rules, path));
    let file_rules = file_settings.as_ref().map(Settings::resolve);
    let options = &match (&file_settings, &file_rules) {
        (Some(settings), Some(rules)) => RunOptions { settings, rules, ..*options },
        _ => RunOptions { ..*options },
    };
    let display = path.strip_prefix("./").unwrap_or(path).display().to_string();
    let mut report = FileReport {
        path: path.to_path_buf(),
        display,
        text: String::new(),
        original: String::new(),
        messages: Vec::new(),
        dialect: None,
        applied: BTreeMap::new(),
        fixed_bytes: None,
        error: None,
        dropped_fixes: Vec::new(),
        withheld: 0,
        as_python2: None,
        imports: None,
        defined_methods: None,
    };
    // A file over the size limit is reported without being read into memory. The file is
    // opened once, and asked its size once.
    let max = options.settings.max_file_size;
    let (size, mut file) = match std::fs::File::open(path).and_then(|file| Ok((file.metadata()?.len(), file))) {
        Ok((size, _)) if size > max => return too_large(report, size, options),
        Ok(opened) => opened,
        Err(error) => {
            // One that cannot be opened is still reported for its size first.
            if let Ok(metadata) = std::fs::metadata(path)
                && metadata.len() > max
            {
                return too_large(report, metadata.len(), options);
            }
            report.error = Some(format!("{}: {error}", report.display));
            return report;
        }
    };
    // The size is a hint: the file may grow or shrink while it is read.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    match file.read_to_end(&mut bytes) {
        Ok(_) => {
            if options.record_methods {
                report.defined_methods = Some(crate::layout::defined_methods(&bytes));
            }
            analyse(report, &bytes, options, true)
        }
        Err(error) => {
            report.error = Some(format!("{}: {error}", report.display));
            report
        }
    }
}

/// The report of a file of `size` bytes, over the `max-file-size` limit: not analysed.
fn too_large(mut report: FileReport, size: u64, options: &RunOptions<'_>) -> FileReport {
    if options.rules.enabled(Rule::FileTooLarge) {
        let diagnostic = Diagnostic::new(
            Rule::FileTooLarge,
            TextRange::empty(0),
            format!(
                "File not analysed: {size} bytes is over the `max-file-size` limit of {} bytes",
                options.settings.max_file_size
            ),
        );
        let message =
            Message::new(&report.path, "", &LineIndex::new(""), with_severity(diagnostic, options.rules), None);
        report.messages.push(message);
    }
    report
}

/// Analyses (and fixes) the bytes of one file, from disk or standard input.
pub fn analyse_bytes(report: FileReport, bytes: &[u8], options: &RunOptions<'_>) -> FileReport {
    let on_disk = report.path.as_os_str() != "-" && report.path.exists();
    analyse(report, bytes, options, on_disk)
}

/// [`analyse_bytes`] of a file that is on disk at `report.path` (`on_disk`), or not.
fn analyse(mut report: FileReport, bytes: &[u8], options: &RunOptions<'_>, on_disk: bool) -> FileReport {
    let source = match source::decode(bytes) {
        Ok(source) => source,
        Err(error) => {
            if options.rules.enabled(Rule::UndecodableSource) {
                let diagnostic = Diagnostic::new(Rule::UndecodableSource, TextRange::empty(0), error.to_string());
                report.messages.push(Message::new(
                    &report.path.clone(),
                    "",
                    &LineIndex::new(""),
                    with_severity(diagnostic, options.rules),
                    None,
                ));
            }
            return report;
        }
    };
    // The file's place in its package, for the rules that need the layout.
    let mut context = options.context.clone();
    if on_disk {
        let (module_name, siblings) = match options.layouts {
            Some(layouts) => layouts.module_layout(&report.path),
            None => crate::layout::module_layout(&report.path),
        };
        context.module_name = module_name;
        context.siblings = siblings;
    }
    // The fixed text, when fixing; else the analysed text is the source.
    let (fixed, analysis) = match options.fix {
        FixAction::None => {
            let file_settings = options.per_file.is_some_and(|p| !p.matching(&report.path).is_empty());
            let key = |context: &FileContext| {
                options.cache.map(|cache| (cache, cache.key(bytes, file_settings.then_some(options.settings), context)))
            };
            let cached = key(&context).and_then(|(cache, key)| cache.get(key, options.collect_imports));
            let analysis = match cached {
                Some((analysis, imports)) => {
                    report.imports = imports.filter(|_| options.collect_imports);
                    analysis
                }
                None => {
                    let parsed = py3port_core::parse(&source.text);
                    report.imports =
                        options.collect_imports.then(|| py3port_core::deps::module_imports(&source.text, &parsed));
                    // The Python 2 reading comes from the same walk as the first.
                    let (analysis, python2) = if options.speculate_python2 {
                        check_parsed_with_python2_reading(
                            &source.text,
                            parsed,
                            options.settings,
                            options.rules,
                            &context,
                        )
                    } else {
                        (check_parsed(&source.text, parsed, options.settings, options.rules, &context), None)
                    };
                    if let Some((cache, key)) = key(&context) {
                        cache.put(key, &analysis, report.imports.as_deref());
                    }
                    if let Some(python2) = python2 {
                        let hinted = FileContext { project: ProjectPython::MostlyPython2, ..context.clone() };
                        if let Some((cache, key)) = key(&hinted) {
                            cache.put(key, &python2, report.imports.as_deref());
                        }
                        let mut other = empty_report(&report.path);
                        other.display.clone_from(&report.display);
                        other.imports.clone_from(&report.imports);
                        other.defined_methods.clone_from(&report.defined_methods);
                        report.as_python2 = Some(Box::new(finish(other, &source.text, None, python2, options)));
                    }
                    analysis
                }
            };
            (None, analysis)
        }
        FixAction::Write(mode) | FixAction::Diff(mode) => {
            let outcome = fix(&source.text, options.settings, &context, mode);
            // The manifests are checked against the code as it is on disk, before fixes.
            report.imports = options.collect_imports.then(|| py3port_core::deps::module_imports_of(&source.text));
            report.applied = outcome.applied;
            report.dropped_fixes = outcome
                .dropped
                .iter()
                .map(|dropped| {
                    format!(
                        "{}: dropped a {} fix that would have added a parse error: {}",
                        report.display,
                        dropped.rule.code(),
                        dropped.title
                    )
                })
                .collect();
            if !outcome.converged {
                report.dropped_fixes.push(format!(
                    "{}: fixes were still being offered after {} rounds; the file is not fully fixed (run the fix again)",
                    report.display,
                    py3port_core::MAX_ROUNDS
                ));
            }
            if outcome.output != source.text {
                report.fixed_bytes = encode_or_error(&source, &outcome.output, &mut report.error, &report.display);
            }
            (Some(outcome.output), outcome.remaining)
        }
    };
    finish(report, &source.text, fixed, analysis, options)
}

/// Fills a report from an analysis of `original` (or of `fixed`, the text the fixes made).
fn finish(
    mut report: FileReport,
    original: &str,
    fixed: Option<String>,
    analysis: py3port_core::Analysis,
    options: &RunOptions<'_>,
) -> FileReport {
    let text = fixed.as_deref().unwrap_or(original);
    // Half the files of a project have nothing to report: their lines are not indexed.
    let index = if analysis.diagnostics.is_empty() { LineIndex::new("") } else { LineIndex::new(text) };
    let dialect = analysis.analysed.then_some(analysis.dialect.dialect.as_str());
    let mut hashes = crate::messages::LineHashes::default();
    report.messages = analysis
        .diagnostics
        .into_iter()
        .map(|d| Message::with_line_hashes(&report.path, text, &index, d, dialect, &mut hashes))
        .collect();
    for message in &mut report.messages {
        message.filename.clone_from(&report.display);
    }
    report.dialect = analysis.analysed.then_some(analysis.dialect);
    report.withheld = analysis.withheld;
    if options.keep_text {
        match fixed {
            Some(fixed) => {
                report.text = fixed;
                report.original = original.to_owned();
            }
            None => report.text = original.to_owned(),
        }
    }
    report
}

fn encode_or_error(source: &SourceText, output: &str, error: &mut Option<String>, display: &str) -> Option<Vec<u8>> {
    let bytes = source.encode(output);
    if bytes.is_none() {
        *error = Some(format!(
            "{display}: the fixed text cannot be encoded as {}; the file was not changed",
            source.encoding.name()
        ));
    }
    bytes
}

fn with_severity(mut diagnostic: Diagnostic, rules: &RuleTable) -> Diagnostic {
    diagnostic.severity = rules.severity(diagnostic.rule);
    diagnostic
}

/// An empty report for `path`, for input that does not come from the file system.
pub fn empty_report(path: &Path) -> FileReport {
    FileReport {
        path: path.to_path_buf(),
        display: path.display().to_string(),
        text: String::new(),
        original: String::new(),
        messages: Vec::new(),
        dialect: None,
        applied: BTreeMap::new(),
        fixed_bytes: None,
        error: None,
        dropped_fixes: Vec::new(),
        withheld: 0,
        as_python2: None,
        imports: None,
        defined_methods: None,
    }
}
