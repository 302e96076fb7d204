//! Checking (and fixing) files in parallel, one [`FileReport`] each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use py3port_core::{
    Diagnostic, Dialect, DialectBasis, DialectInfo, FileContext, FixMode, LineIndex, ProjectPython, Rule, RuleTable,
    Settings, TextRange, check_with_rules, fix,
};
use rayon::prelude::*;

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
}

pub struct RunOptions<'a> {
    pub settings: &'a Settings,
    pub rules: &'a RuleTable,
    pub context: &'a FileContext,
    pub fix: FixAction,
}

/// Checks every file, in parallel; the reports come back in the order of `paths`.
///
/// Where the project's metadata does not say which Python it is written in, its files
/// do: if more of them are Python 2 than Python 3 by their syntax, the neutral ones (no
/// `print` statement, no f-string) are read as Python 2 too, so that `map()` used as a
/// list is reported in them as well. Checking re-checks only the neutral files that
/// withheld such findings; fixing decides before it writes anything.
pub fn run(paths: &[PathBuf], options: &RunOptions<'_>) -> Vec<FileReport> {
    if options.context.project != ProjectPython::Unknown {
        return paths.par_iter().map(|path| check_path(path, options)).collect();
    }
    let check_only = RunOptions { fix: FixAction::None, ..*options };
    let mut reports: Vec<FileReport> = paths.par_iter().map(|path| check_path(path, &check_only)).collect();
    if !mostly_python2(&reports) {
        if options.fix == FixAction::None {
            return reports;
        }
        return paths.par_iter().map(|path| check_path(path, options)).collect();
    }
    let context = FileContext { project: ProjectPython::MostlyPython2, ..options.context.clone() };
    let hinted = RunOptions { context: &context, ..*options };
    if options.fix != FixAction::None {
        return paths.par_iter().map(|path| check_path(path, &hinted)).collect();
    }
    reports.par_iter_mut().filter(|report| report.withheld > 0).for_each(|report| {
        *report = check_path(&report.path, &hinted);
    });
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
    };
    // A file over the size limit is reported without being read into memory.
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.len() > options.settings.max_file_size => {
            if options.rules.enabled(Rule::FileTooLarge) {
                let diagnostic = Diagnostic::new(
                    Rule::FileTooLarge,
                    TextRange::empty(0),
                    format!(
                        "File not analysed: {} bytes is over the `max-file-size` limit of {} bytes",
                        metadata.len(),
                        options.settings.max_file_size
                    ),
                );
                report.messages.push(Message::new(
                    path,
                    "",
                    &LineIndex::new(""),
                    with_severity(diagnostic, options.rules),
                    None,
                ));
            }
            return report;
        }
        Ok(_) => {}
        Err(error) => {
            report.error = Some(format!("{}: {error}", report.display));
            return report;
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => analyse_bytes(report, &bytes, options),
        Err(error) => {
            report.error = Some(format!("{}: {error}", report.display));
            report
        }
    }
}

/// Analyses (and fixes) the bytes of one file, from disk or standard input.
pub fn analyse_bytes(mut report: FileReport, bytes: &[u8], options: &RunOptions<'_>) -> FileReport {
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
    if report.path.as_os_str() != "-" && report.path.exists() {
        let (module_name, siblings) = crate::layout::module_layout(&report.path);
        context.module_name = module_name;
        context.siblings = siblings;
    }
    let (text, analysis) = match options.fix {
        FixAction::None => {
            let analysis = check_with_rules(&source.text, options.settings, options.rules, &context);
            (source.text.clone(), analysis)
        }
        FixAction::Write(mode) | FixAction::Diff(mode) => {
            let outcome = fix(&source.text, options.settings, &context, mode);
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
            if outcome.output != source.text {
                report.fixed_bytes = encode_or_error(&source, &outcome.output, &mut report.error, &report.display);
            }
            (outcome.output, outcome.remaining)
        }
    };
    let index = LineIndex::new(&text);
    let dialect = analysis.analysed.then_some(analysis.dialect.dialect.as_str());
    report.messages =
        analysis.diagnostics.into_iter().map(|d| Message::new(&report.path, &text, &index, d, dialect)).collect();
    for message in &mut report.messages {
        message.filename.clone_from(&report.display);
    }
    report.dialect = analysis.analysed.then_some(analysis.dialect);
    report.withheld = analysis.withheld;
    report.original = source.text;
    report.text = text;
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
    }
}
