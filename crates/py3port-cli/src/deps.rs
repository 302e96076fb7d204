//! Dependency readiness on the command line: the manifests found with the code (and the
//! requirements files they include with `-r`/`-c`), the modules the project's Python
//! files import, and one [`FileReport`] per manifest, fixed and written like the code.
//! A `setup.py` is both code and a manifest: its dependency findings join its code
//! report, and its dependency fixes apply on top of its code fixes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use py3port_core::deps::{
    DepsContext, ManifestKind, ProjectImports, ReleaseInfo, check_dependencies_with_rules, fix_dependencies,
    module_imports_of, parse_manifest,
};
use py3port_core::{LineIndex, Rule, RuleTable, Settings};
use rayon::prelude::*;

use crate::config::PerFileIgnores;
use crate::messages::Message;
use crate::run::{FileReport, FixAction, empty_report};

/// A file that declares dependencies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestFile {
    pub path: PathBuf,
    pub kind: ManifestKind,
}

/// Reads a manifest as text: UTF-8 (a BOM is dropped), or what PEP 263 says for
/// `setup.py`.
fn read_text(path: &Path) -> Result<crate::source::SourceText, String> {
    let bytes = std::fs::read(path).map_err(|error| error.to_string())?;
    crate::source::decode(&bytes).map_err(|error| error.to_string())
}

/// The manifests found under the checked paths, and every requirements or constraints
/// file they include (`-r other.txt`, `-c constraints.txt`), relative to the including
/// file. Includes that do not exist are left out: pip reports them.
pub fn with_includes(found: Vec<(PathBuf, ManifestKind)>) -> Vec<ManifestFile> {
    let mut out: Vec<ManifestFile> = Vec::new();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    let mut queue: Vec<ManifestFile> =
        found.into_iter().rev().map(|(path, kind)| ManifestFile { path, kind }).collect();
    while let Some(manifest) = queue.pop() {
        let key = std::fs::canonicalize(&manifest.path).unwrap_or_else(|_| manifest.path.clone());
        if !seen.insert(key) {
            continue;
        }
        if matches!(manifest.kind, ManifestKind::Requirements | ManifestKind::Constraints)
            && let Ok(source) = read_text(&manifest.path)
        {
            let directory = manifest.path.parent().map(Path::to_path_buf).unwrap_or_default();
            for include in parse_manifest(manifest.kind, &source.text).includes {
                // URLs (`-r https://...`) are pip's business.
                if include.path.contains("://") {
                    continue;
                }
                let path = directory.join(&include.path);
                if path.is_file() {
                    let kind = if include.constraint { ManifestKind::Constraints } else { ManifestKind::Requirements };
                    queue.push(ManifestFile { path, kind });
                }
            }
        }
        out.push(manifest);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Every module the Python files import (and the module paths their strings name for
/// import machinery), read in parallel. Files that cannot be read or decoded add nothing.
pub fn project_imports(python_files: &[PathBuf]) -> ProjectImports {
    let per_file: Vec<Vec<String>> = python_files
        .par_iter()
        .map(|path| read_text(path).map(|source| module_imports_of(&source.text)).unwrap_or_default())
        .collect();
    let mut imports = ProjectImports::new();
    for modules in per_file {
        imports.extend(modules);
    }
    imports
}

/// The project's own distribution name, from the first manifest that declares one.
pub fn project_name(manifests: &[ManifestFile]) -> Option<String> {
    manifests
        .iter()
        .filter(|m| matches!(m.kind, ManifestKind::SetupPy | ManifestKind::SetupCfg | ManifestKind::Pyproject))
        .find_map(|m| read_text(&m.path).ok().and_then(|source| parse_manifest(m.kind, &source.text).project_name))
}

/// What checking the manifests needs beyond the manifests.
pub struct DepsOptions<'a> {
    pub settings: &'a Settings,
    pub rules: &'a RuleTable,
    pub per_file: Option<&'a PerFileIgnores>,
    pub fix: FixAction,
    /// The project's imports; `None` when unknown (no unused-requirement check).
    pub imports: Option<&'a ProjectImports>,
    /// PyPI's answers (`--online`).
    pub releases: &'a [ReleaseInfo],
    pub project_name: Option<&'a str>,
}

/// Whether any dependency rule is enabled.
pub fn any_enabled(rules: &RuleTable) -> bool {
    rules.enabled_rules().any(|rule| rule.family() == py3port_core::Family::Dependencies)
}

/// Checks (and fixes) every manifest; a manifest that already has a report (`setup.py`)
/// adds to it, the others get a report of their own, appended to `reports`.
pub fn check_manifests(manifests: &[ManifestFile], reports: &mut Vec<FileReport>, options: &DepsOptions<'_>) {
    let context =
        DepsContext { imports: options.imports, releases: options.releases, project_name: options.project_name };
    // Where each manifest's report is already (`setup.py`): looked up once, not by a scan
    // of thousands of reports per manifest. The walk found each path once.
    let wanted: HashSet<&Path> = manifests.iter().map(|manifest| manifest.path.as_path()).collect();
    let positions: HashMap<PathBuf, usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, report)| wanted.contains(report.path.as_path()))
        .map(|(index, report)| (report.path.clone(), index))
        .collect();
    let mut checked: Vec<(Option<usize>, FileReport)> = manifests
        .iter()
        .map(|manifest| match positions.get(&manifest.path) {
            Some(&index) => (Some(index), std::mem::replace(&mut reports[index], empty_report(&manifest.path))),
            None => {
                let mut report = empty_report(&manifest.path);
                report.display = manifest.path.strip_prefix("./").unwrap_or(&manifest.path).display().to_string();
                (None, report)
            }
        })
        .collect();
    checked.par_iter_mut().zip(manifests).for_each(|((_, report), manifest)| {
        let file_settings = options
            .per_file
            .and_then(|per_file| per_file.settings_for(options.settings, options.rules, &manifest.path));
        let file_rules = file_settings.as_ref().map(Settings::resolve);
        let settings = file_settings.as_ref().unwrap_or(options.settings);
        let rules = file_rules.as_ref().unwrap_or(options.rules);
        check_one(manifest, report, settings, rules, &context, options.fix);
    });
    for (existing, report) in checked {
        match existing {
            Some(index) => reports[index] = report,
            None => reports.push(report),
        }
    }
}

fn check_one(
    manifest: &ManifestFile,
    report: &mut FileReport,
    settings: &Settings,
    rules: &RuleTable,
    context: &DepsContext<'_>,
    fix: FixAction,
) {
    match read_text(&manifest.path) {
        Ok(source) => analyse_text(manifest.kind, &source, report, settings, rules, context, fix),
        Err(error) => {
            // A `setup.py` that could not be decoded was already reported as code.
            if report.error.is_none() && report.messages.is_empty() {
                report.error = Some(format!("{}: {error}", report.display));
            }
        }
    }
}

/// A manifest read from standard input (`--stdin-filename requirements.txt`): checked,
/// or fixed, with the unused-requirement rule left out (one file is not the project).
pub fn analyse_stdin(
    mut report: FileReport,
    bytes: &[u8],
    kind: ManifestKind,
    settings: &Settings,
    rules: &RuleTable,
    fix: FixAction,
) -> FileReport {
    match crate::source::decode(bytes) {
        Ok(source) => {
            analyse_text(kind, &source, &mut report, settings, rules, &DepsContext::default(), fix);
            if fix != FixAction::None && report.original.is_empty() {
                report.original.clone_from(&source.text);
            }
        }
        Err(error) => report.error = Some(format!("{}: {error}", report.display)),
    }
    report
}

fn analyse_text(
    kind: ManifestKind,
    source: &crate::source::SourceText,
    report: &mut FileReport,
    settings: &Settings,
    rules: &RuleTable,
    context: &DepsContext<'_>,
    fix: FixAction,
) {
    let manifest = ManifestFile { path: report.path.clone(), kind };
    let manifest = &manifest;
    // The code fixes of a `setup.py` come first; the dependency fixes apply to their result.
    let base = if report.fixed_bytes.is_some() { report.text.clone() } else { source.text.clone() };
    let (text, diagnostics) = match fix {
        FixAction::None => {
            let analysis = check_dependencies_with_rules(manifest.kind, &base, settings, rules, context);
            (base, analysis.diagnostics)
        }
        FixAction::Write(mode) | FixAction::Diff(mode) => {
            let outcome = fix_dependencies(manifest.kind, &base, settings, context, mode);
            for (rule, count) in &outcome.applied {
                *report.applied.entry(*rule).or_insert(0) += count;
            }
            if outcome.output != base {
                match source.encode(&outcome.output) {
                    Some(bytes) => report.fixed_bytes = Some(bytes),
                    None => {
                        report.error = Some(format!(
                            "{}: the fixed text cannot be encoded as {}; the file was not changed",
                            report.display,
                            source.encoding.name()
                        ));
                    }
                }
                if report.original.is_empty() {
                    report.original.clone_from(&source.text);
                }
            }
            let mut remaining = outcome.remaining.diagnostics;
            remaining.retain(|d| rules.enabled(d.rule));
            (outcome.output, remaining)
        }
    };
    let index = LineIndex::new(&text);
    for diagnostic in diagnostics {
        let mut message = Message::new(&manifest.path, &text, &index, diagnostic, None);
        message.filename.clone_from(&report.display);
        report.messages.push(message);
    }
    report.messages.sort_by_key(|m| (m.location.row, m.location.column, m.rule));
    report.text = text;
}

/// One finding of the dependencies section of `py3port report`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DependencyFinding {
    pub manifest: String,
    pub line: u32,
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
    /// The fix's title, when there is one.
    pub fix: Option<String>,
    pub fix_applicability: Option<&'static str>,
}

/// The dependencies section of `py3port report`: every manifest and its findings.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct DependencySection {
    pub manifests: Vec<String>,
    pub findings: Vec<DependencyFinding>,
    /// Findings per rule code.
    pub by_rule: BTreeMap<&'static str, usize>,
}

impl DependencySection {
    /// The section, from the manifests' reports.
    pub fn from_reports(manifests: &[ManifestFile], reports: &[FileReport]) -> Self {
        let mut section = DependencySection::default();
        for manifest in manifests {
            let Some(report) = reports.iter().find(|r| r.path == manifest.path) else { continue };
            section.manifests.push(report.display.clone());
            for message in report.messages.iter().filter(|m| m.rule.family() == py3port_core::Family::Dependencies) {
                *section.by_rule.entry(message.rule.code()).or_insert(0) += 1;
                section.findings.push(DependencyFinding {
                    manifest: report.display.clone(),
                    line: message.location.row,
                    code: message.rule.code(),
                    name: message.rule.name(),
                    message: message.diagnostic.message.clone(),
                    fix: message.fix.as_ref().map(|fix| fix.message.clone()),
                    fix_applicability: message.fix.as_ref().map(|fix| fix.applicability),
                });
            }
        }
        section
    }

    /// Whether the dependencies block the port: a distribution without Python 3, or a
    /// pin on Python 2 releases only.
    pub fn blockers(&self) -> usize {
        [Rule::NoPython3Package, Rule::Python2OnlyPin, Rule::Python2OnlyRelease]
            .iter()
            .map(|rule| self.by_rule.get(rule.code()).copied().unwrap_or(0))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_followed_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("requirements")).unwrap();
        std::fs::write(root.join("requirements.txt"), "-r requirements/base.txt\n-c constraints.txt\nsix\n").unwrap();
        std::fs::write(root.join("requirements/base.txt"), "-r ../requirements.txt\n-r missing.txt\nPIL\n").unwrap();
        std::fs::write(root.join("constraints.txt"), "Django==1.4.22\n").unwrap();
        let found = with_includes(vec![(root.join("requirements.txt"), ManifestKind::Requirements)]);
        let names: Vec<(String, ManifestKind)> =
            found.iter().map(|m| (m.path.strip_prefix(root).unwrap().display().to_string(), m.kind)).collect();
        assert_eq!(
            names,
            [
                ("constraints.txt".to_owned(), ManifestKind::Constraints),
                ("requirements/base.txt".to_owned(), ManifestKind::Requirements),
                ("requirements.txt".to_owned(), ManifestKind::Requirements),
            ]
        );
    }

    #[test]
    fn imports_of_the_project() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.py"), "import yaml\nfrom bs4 import BeautifulSoup\n").unwrap();
        std::fs::write(dir.path().join("b.py"), b"\xff\xfe not text").unwrap();
        let imports = project_imports(&[dir.path().join("a.py"), dir.path().join("b.py"), dir.path().join("c.py")]);
        assert!(imports.imports("yaml") && imports.imports("bs4"));
        assert!(!imports.imports("requests"));
    }
}
