//! `py3port report`: the migration dashboard. It checks the files, fixes them in memory
//! (safe fixes only, nothing is written), and measures how ready each package and
//! directory is for Python 3 now and after `--fix`: a file is ready when it has no
//! `syntax` diagnostic (which includes `PY3100`, a parse error no rule explains). With
//! `--verify`, `python3` also compiles each file and each fixed file. The HTML page is
//! self-contained (inline CSS, SVG and a little JavaScript): it works offline.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use py3port_core::{Family, FixMode, Rule};
use serde::Serialize;

use crate::deps::DependencySection;
use crate::run::{self, FileReport, FixAction, RunOptions};

/// Everything the report shows; also its `--json` form.
#[derive(Debug, Serialize)]
pub struct ReportData {
    pub py3port_version: &'static str,
    pub files: usize,
    pub lines: usize,
    pub ready_now: usize,
    pub ready_after_fix: usize,
    pub diagnostics_now: usize,
    pub diagnostics_after_fix: usize,
    pub fixes_applied: usize,
    /// Files the fix would change.
    pub files_fixed: usize,
    /// `python3` compiling the files (with `--verify` and a `python3` to run).
    pub verification: Option<Verification>,
    pub dialects: BTreeMap<&'static str, usize>,
    pub families: Vec<FamilyCount>,
    pub rules: Vec<RuleCount>,
    /// Readiness per top-level package or directory under the checked paths.
    pub packages: Vec<Readiness>,
    /// Readiness per directory holding checked files.
    pub directories: Vec<Readiness>,
    /// The files with the most diagnostics, most first.
    pub most_work: Vec<FileWork>,
    /// Files that could not be read.
    pub errors: Vec<String>,
    /// The dependency manifests and what the `PY36xx` rules found in them (filled by the
    /// caller, which finds the manifests: see `crate::deps`).
    pub dependencies: DependencySection,
}

#[derive(Debug, Serialize)]
pub struct Verification {
    pub python: String,
    pub compile_now: usize,
    pub compile_after_fix: usize,
}

#[derive(Debug, Serialize)]
pub struct FamilyCount {
    pub family: &'static str,
    pub now: usize,
    pub after_fix: usize,
}

#[derive(Debug, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub family: &'static str,
    pub url: String,
    pub now: usize,
    pub after_fix: usize,
    pub fixes_applied: usize,
}

#[derive(Debug, Serialize)]
pub struct Readiness {
    pub path: String,
    pub files: usize,
    pub ready_now: usize,
    pub ready_after_fix: usize,
    pub diagnostics_now: usize,
    pub diagnostics_after_fix: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compile_now: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compile_after_fix: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct FileWork {
    pub path: String,
    pub dialect: Option<&'static str>,
    pub diagnostics_now: usize,
    pub diagnostics_after_fix: usize,
    pub ready_now: bool,
    pub ready_after_fix: bool,
}

/// What the report knows of one file.
struct FileFacts {
    path: String,
    lines: usize,
    dialect: Option<&'static str>,
    now: Vec<Rule>,
    after: Vec<Rule>,
    applied: usize,
    ready_now: bool,
    ready_after: bool,
    compiles_now: Option<bool>,
    compiles_after: Option<bool>,
}

/// How many files `most_work` lists.
const MOST_WORK: usize = 25;

fn ready(report: &FileReport) -> bool {
    report.error.is_none() && !report.messages.iter().any(|m| m.rule.family() == Family::Syntax)
}

/// Checks and fixes (in memory) `files`, and measures.
pub fn build(files: &[PathBuf], options: &RunOptions<'_>, verify: bool) -> Result<ReportData> {
    let checked = run::run(files, options);
    let fixing = RunOptions { fix: FixAction::Diff(FixMode::Safe), keep_text: false, cache: None, ..*options };
    let fixed = run::run(files, &fixing);
    let verification = if verify { compile_all(&checked, &fixed)? } else { None };
    let mut facts = Vec::with_capacity(checked.len());
    for (index, (now, after)) in checked.iter().zip(&fixed).enumerate() {
        let lines = std::fs::read(&now.path).map_or(0, |bytes| bytecount(&bytes));
        facts.push(FileFacts {
            path: now.display.replace('\\', "/"),
            lines,
            dialect: now.dialect.map(syntax_dialect),
            now: now.messages.iter().map(|m| m.rule).collect(),
            after: after.messages.iter().map(|m| m.rule).collect(),
            applied: after.applied.values().sum(),
            ready_now: ready(now),
            ready_after: ready(after) && after.error.is_none(),
            compiles_now: verification.as_ref().map(|(now, _)| now[index]),
            compiles_after: verification.as_ref().map(|(_, after)| after[index]),
        });
    }
    let python = verification.as_ref().map(|_| python_version());
    Ok(summarise(&facts, &checked, &fixed, python))
}

/// A file's dialect by its own syntax alone (the mix the project is made of), whereas the
/// analysis may read a neutral file as Python 2 because most of the project is.
fn syntax_dialect(info: py3port_core::DialectInfo) -> &'static str {
    use py3port_core::{Dialect, DialectBasis};
    if info.basis == DialectBasis::Setting {
        return info.dialect.as_str();
    }
    match (info.py2_evidence.is_some(), info.py3_evidence.is_some()) {
        (true, true) => Dialect::Undetermined.as_str(),
        (true, false) => Dialect::Python2.as_str(),
        (false, true) => Dialect::Python3.as_str(),
        (false, false) if info.basis == DialectBasis::Syntax => info.dialect.as_str(),
        (false, false) => Dialect::Compatible.as_str(),
    }
}

fn bytecount(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n"))
}

fn summarise(facts: &[FileFacts], checked: &[FileReport], fixed: &[FileReport], python: Option<String>) -> ReportData {
    let mut dialects: BTreeMap<&'static str, usize> = BTreeMap::new();
    for fact in facts {
        *dialects.entry(fact.dialect.unwrap_or("not analysed")).or_default() += 1;
    }
    let families = Family::ALL
        .iter()
        .map(|&family| FamilyCount {
            family: family.as_str(),
            now: facts.iter().flat_map(|f| &f.now).filter(|r| r.family() == family).count(),
            after_fix: facts.iter().flat_map(|f| &f.after).filter(|r| r.family() == family).count(),
        })
        .filter(|count| count.now > 0 || count.after_fix > 0)
        .collect();
    let mut per_rule: BTreeMap<Rule, (usize, usize, usize)> = BTreeMap::new();
    for fact in facts {
        for &rule in &fact.now {
            per_rule.entry(rule).or_default().0 += 1;
        }
        for &rule in &fact.after {
            per_rule.entry(rule).or_default().1 += 1;
        }
    }
    for report in fixed {
        for (&rule, &count) in &report.applied {
            per_rule.entry(rule).or_default().2 += count;
        }
    }
    let mut rules: Vec<RuleCount> = per_rule
        .into_iter()
        .map(|(rule, (now, after_fix, fixes_applied))| {
            let meta = rule.meta();
            RuleCount {
                code: meta.code,
                name: meta.name,
                family: meta.family.as_str(),
                url: meta.url(),
                now,
                after_fix,
                fixes_applied,
            }
        })
        .collect();
    rules.sort_by(|a, b| b.now.cmp(&a.now).then(a.code.cmp(b.code)));

    let group = |key: &dyn Fn(&str) -> String| {
        let mut groups: BTreeMap<String, Readiness> = BTreeMap::new();
        for fact in facts {
            let name = key(&fact.path);
            let entry = groups.entry(name.clone()).or_insert_with(|| Readiness {
                path: name,
                files: 0,
                ready_now: 0,
                ready_after_fix: 0,
                diagnostics_now: 0,
                diagnostics_after_fix: 0,
                compile_now: fact.compiles_now.map(|_| 0),
                compile_after_fix: fact.compiles_after.map(|_| 0),
            });
            entry.files += 1;
            entry.ready_now += usize::from(fact.ready_now);
            entry.ready_after_fix += usize::from(fact.ready_after);
            entry.diagnostics_now += fact.now.len();
            entry.diagnostics_after_fix += fact.after.len();
            if let (Some(count), Some(ok)) = (&mut entry.compile_now, fact.compiles_now) {
                *count += usize::from(ok);
            }
            if let (Some(count), Some(ok)) = (&mut entry.compile_after_fix, fact.compiles_after) {
                *count += usize::from(ok);
            }
        }
        groups.into_values().collect::<Vec<_>>()
    };
    // Packages are the first directories below what all the files share (the checked
    // directory, usually).
    let common = common_directory(facts.iter().map(|f| f.path.as_str()));
    let packages = group(&|path: &str| package_of(path.strip_prefix(common.as_str()).unwrap_or(path)));
    let directories = group(&|path: &str| {
        Path::new(path)
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".to_owned())
    });
    let mut most_work: Vec<FileWork> = facts
        .iter()
        .filter(|fact| !fact.now.is_empty())
        .map(|fact| FileWork {
            path: fact.path.clone(),
            dialect: fact.dialect,
            diagnostics_now: fact.now.len(),
            diagnostics_after_fix: fact.after.len(),
            ready_now: fact.ready_now,
            ready_after_fix: fact.ready_after,
        })
        .collect();
    most_work.sort_by(|a, b| {
        b.diagnostics_after_fix
            .cmp(&a.diagnostics_after_fix)
            .then(b.diagnostics_now.cmp(&a.diagnostics_now))
            .then(a.path.cmp(&b.path))
    });
    most_work.truncate(MOST_WORK);
    ReportData {
        py3port_version: py3port_core::VERSION,
        files: facts.len(),
        lines: facts.iter().map(|f| f.lines).sum(),
        ready_now: facts.iter().filter(|f| f.ready_now).count(),
        ready_after_fix: facts.iter().filter(|f| f.ready_after).count(),
        diagnostics_now: facts.iter().map(|f| f.now.len()).sum(),
        diagnostics_after_fix: facts.iter().map(|f| f.after.len()).sum(),
        fixes_applied: facts.iter().map(|f| f.applied).sum(),
        files_fixed: fixed.iter().filter(|r| r.fixed_bytes.is_some()).count(),
        verification: python.map(|python| Verification {
            python,
            compile_now: facts.iter().filter(|f| f.compiles_now == Some(true)).count(),
            compile_after_fix: facts.iter().filter(|f| f.compiles_after == Some(true)).count(),
        }),
        dialects,
        families,
        rules,
        packages,
        directories,
        most_work,
        errors: checked.iter().filter_map(|r| r.error.clone()).collect(),
        dependencies: DependencySection::default(),
    }
}

/// The longest directory prefix (ending in `/`) that every path shares.
fn common_directory<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut common: Option<&str> = None;
    for path in paths {
        let directory = path.rfind('/').map_or("", |end| &path[..=end]);
        common = Some(match common {
            None => directory,
            Some(prefix) => {
                let mut shared = 0;
                for ((i, a), b) in prefix.char_indices().zip(directory.chars()) {
                    if a != b {
                        break;
                    }
                    if a == '/' {
                        shared = i + 1;
                    }
                }
                &prefix[..shared]
            }
        });
    }
    common.unwrap_or("").to_owned()
}

/// The package a path belongs to: its first directory, or `.` for a file at the top.
fn package_of(path: &str) -> String {
    match path.split_once('/') {
        Some((first, _)) if first != "." && first != ".." => first.to_owned(),
        Some((_, rest)) => package_of(rest),
        None => ".".to_owned(),
    }
}

/// What python3 says its version is.
fn python_version() -> String {
    std::process::Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// Compiles with python3 each file as it is and as the fix leaves it, without writing
/// bytecode (`compile()`, as `py_compile` does, in one process per batch). `None` when
/// python3 cannot be run.
#[allow(clippy::type_complexity)]
fn compile_all(checked: &[FileReport], fixed: &[FileReport]) -> Result<Option<(Vec<bool>, Vec<bool>)>> {
    if std::process::Command::new("python3").arg("--version").output().is_err() {
        return Ok(None);
    }
    let originals: Vec<PathBuf> = checked.iter().map(|r| r.path.clone()).collect();
    let now = compile_paths(&originals)?;
    let scratch = tempfile::tempdir().context("cannot create a temporary directory")?;
    let mut after_paths = Vec::with_capacity(fixed.len());
    for (index, report) in fixed.iter().enumerate() {
        match &report.fixed_bytes {
            Some(bytes) => {
                let path = scratch.path().join(format!("{index}.py"));
                std::fs::write(&path, bytes)?;
                after_paths.push(path);
            }
            None => after_paths.push(report.path.clone()),
        }
    }
    let after = compile_paths(&after_paths)?;
    Ok(Some((now, after)))
}

const COMPILE_SCRIPT: &str = r#"
import sys, warnings
warnings.simplefilter("ignore")
for path in sys.stdin.buffer.read().split(b"\0"):
    if not path:
        continue
    try:
        with open(path, "rb") as source:
            compile(source.read(), path.decode("utf-8", "surrogateescape"), "exec", dont_inherit=True)
    except Exception:
        sys.stdout.buffer.write(path + b"\0")
"#;

fn compile_paths(paths: &[PathBuf]) -> Result<Vec<bool>> {
    use std::os::unix::ffi::OsStrExt;
    // `-I`, isolated mode: neither the current directory nor PYTHON* variables reach
    // `sys.path`, so no module of the project being checked is ever imported.
    let mut child = std::process::Command::new("python3")
        .args(["-I", "-c", COMPILE_SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("cannot run python3")?;
    let mut input = Vec::new();
    for path in paths {
        input.extend_from_slice(path.as_os_str().as_bytes());
        input.push(0);
    }
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().context("python3 failed")?;
    let _ = writer.join();
    let failed: std::collections::HashSet<&[u8]> = output.stdout.split(|&b| b == 0).filter(|p| !p.is_empty()).collect();
    Ok(paths.iter().map(|path| !failed.contains(path.as_os_str().as_bytes())).collect())
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}

/// The short terminal summary.
pub fn summary(data: &ReportData, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "py3port migration report: {} files, {} lines", data.files, data.lines)?;
    writeln!(
        out,
        "Ready for Python 3: {} of {} files ({:.1}%) now, {} ({:.1}%) after `py3port check --fix`",
        data.ready_now,
        data.files,
        percent(data.ready_now, data.files),
        data.ready_after_fix,
        percent(data.ready_after_fix, data.files)
    )?;
    writeln!(
        out,
        "Diagnostics: {} now, {} after the fix ({} fix{} in {} file{})",
        data.diagnostics_now,
        data.diagnostics_after_fix,
        data.fixes_applied,
        if data.fixes_applied == 1 { "" } else { "es" },
        data.files_fixed,
        if data.files_fixed == 1 { "" } else { "s" }
    )?;
    if let Some(verification) = &data.verification {
        writeln!(
            out,
            "{} compiles {} files ({:.1}%) now, {} ({:.1}%) after the fix",
            verification.python,
            verification.compile_now,
            percent(verification.compile_now, data.files),
            verification.compile_after_fix,
            percent(verification.compile_after_fix, data.files)
        )?;
    }
    let dialects: Vec<String> = data.dialects.iter().map(|(name, count)| format!("{count} {name}")).collect();
    writeln!(out, "Dialects: {}", dialects.join(", "))?;
    let families: Vec<String> = data.families.iter().map(|f| format!("{} {}", f.family, f.now)).collect();
    if !families.is_empty() {
        writeln!(out, "By family: {}", families.join(", "))?;
    }
    let deps = &data.dependencies;
    if !deps.manifests.is_empty() {
        let by_rule: Vec<String> = deps.by_rule.iter().map(|(code, count)| format!("{code} {count}")).collect();
        writeln!(
            out,
            "Dependencies: {} manifest{}, {} finding{} ({} blocking the port){}",
            deps.manifests.len(),
            if deps.manifests.len() == 1 { "" } else { "s" },
            deps.findings.len(),
            if deps.findings.len() == 1 { "" } else { "s" },
            deps.blockers(),
            if by_rule.is_empty() { String::new() } else { format!(": {}", by_rule.join(", ")) }
        )?;
    }
    if let Some(worst) = data.packages.iter().min_by(|a, b| {
        percent(a.ready_after_fix, a.files).total_cmp(&percent(b.ready_after_fix, b.files)).then(b.files.cmp(&a.files))
    }) && data.packages.len() > 1
    {
        writeln!(
            out,
            "Least ready after the fix: {} ({} of {} files)",
            worst.path, worst.ready_after_fix, worst.files
        )?;
    }
    Ok(())
}

/// The dependencies section of the HTML report: one row per finding.
fn dependencies_html(section: &DependencySection) -> String {
    if section.manifests.is_empty() {
        return String::new();
    }
    let rows: String = section
        .findings
        .iter()
        .map(|f| {
            format!(
                "<tr><td class=\"path\">{}:{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                esc(&f.manifest),
                f.line,
                esc(&py3port_core::Rule::from_code_or_name(f.code).map(|r| r.meta().url()).unwrap_or_default()),
                esc(f.code),
                esc(&f.message),
                esc(f.fix.as_deref().unwrap_or(""))
            )
        })
        .collect();
    format!(
        "<h2>Dependencies</h2>\n<p>{} manifest{} ({}); {} finding{}, {} blocking the port (a distribution without \
Python 3, or a pin on Python 2 releases only).</p>\n<div class=\"scroll\"><table class=\"sortable\" id=\"dependencies\">\
<thead><tr><th>Where</th><th>Rule</th><th>Finding</th><th>Fix</th></tr></thead><tbody>{rows}</tbody></table></div>",
        section.manifests.len(),
        if section.manifests.len() == 1 { "" } else { "s" },
        esc(&section.manifests.join(", ")),
        section.findings.len(),
        if section.findings.len() == 1 { "" } else { "s" },
        section.blockers()
    )
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const COLORS: [&str; 6] = ["#d1495b", "#edae49", "#00798c", "#30638e", "#8d6a9f", "#66a182"];

fn family_color(family: &str) -> &'static str {
    Family::ALL.iter().position(|f| f.as_str() == family).map_or("#888888", |i| COLORS[i])
}

/// A horizontal bar chart: one row per `(label, value, colour, link)`.
fn bar_chart(rows: &[(String, usize, &str, Option<String>)], title: &str) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let row_height = 22;
    let label_width = 270;
    let bar_width = 200;
    let height = rows.len() * row_height + 10;
    let mut svg = format!(
        r#"<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {height}" width="100%">"#,
        esc(title),
        label_width + bar_width + 50
    );
    for (i, (label, value, color, link)) in rows.iter().enumerate() {
        let y = i * row_height + 4;
        let width = (*value as f64 / max as f64 * bar_width as f64).max(if *value > 0 { 2.0 } else { 0.0 });
        let text = format!(
            r#"<text x="{}" y="{}" text-anchor="end" class="label">{}</text>"#,
            label_width - 8,
            y + 15,
            esc(label)
        );
        let text = match link {
            Some(url) => format!(r#"<a href="{}">{text}</a>"#, esc(url)),
            None => text,
        };
        svg.push_str(&text);
        svg.push_str(&format!(
            r#"<rect x="{label_width}" y="{y}" width="{width:.1}" height="{}" rx="3" fill="{color}"><title>{}: {value}</title></rect><text x="{:.1}" y="{}" class="value">{value}</text>"#,
            row_height - 6,
            esc(label),
            label_width as f64 + width + 6.0,
            y + 15
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A readiness bar: the share ready now, and the extra share the fix makes ready.
fn readiness_bar(now: usize, after: usize, total: usize) -> String {
    let now_pct = percent(now, total);
    let extra = (percent(after, total) - now_pct).max(0.0);
    format!(
        r#"<div class="meter" title="{now_pct:.1}% now, {:.1}% after --fix"><span class="now" style="width:{now_pct:.2}%"></span><span class="fix" style="width:{extra:.2}%"></span></div>"#,
        now_pct + extra
    )
}

/// A donut of the dialect mix.
fn donut(parts: &[(&str, usize, &str)]) -> String {
    let total: usize = parts.iter().map(|p| p.1).sum();
    let radius = 60.0;
    let circumference = 2.0 * std::f64::consts::PI * radius;
    let mut offset = 0.0;
    let mut svg = String::from(
        r#"<svg class="donut" viewBox="0 0 160 160" width="160" height="160" role="img" aria-label="Dialect mix">"#,
    );
    for (name, count, color) in parts {
        let length = if total == 0 { 0.0 } else { *count as f64 / total as f64 * circumference };
        svg.push_str(&format!(
            r#"<circle cx="80" cy="80" r="{radius}" fill="none" stroke="{color}" stroke-width="28" stroke-dasharray="{length:.2} {:.2}" stroke-dashoffset="{:.2}" transform="rotate(-90 80 80)"><title>{name}: {count}</title></circle>"#,
            circumference - length,
            -offset
        ));
        offset += length;
    }
    svg.push_str(&format!(r#"<text x="80" y="86" text-anchor="middle" class="donut-total">{total}</text></svg>"#));
    svg
}

const DIALECT_COLORS: [(&str, &str); 5] = [
    ("python2", "#d1495b"),
    ("undetermined", "#edae49"),
    ("compatible", "#66a182"),
    ("python3", "#30638e"),
    ("not analysed", "#999999"),
];

fn readiness_table(rows: &[Readiness], id: &str, verified: bool) -> String {
    let mut html = format!(
        r#"<table class="sortable" id="{id}"><thead><tr><th>Path</th><th class="num">Files</th><th class="num">Ready now</th><th class="num">After fix</th><th>Readiness (now + fix)</th><th class="num">Diagnostics</th><th class="num">After fix</th>{}</tr></thead><tbody>"#,
        if verified { r#"<th class="num">Compile now</th><th class="num">Compile after</th>"# } else { "" }
    );
    for row in rows {
        html.push_str(&format!(
            r#"<tr><td class="path">{}</td><td class="num">{}</td><td class="num" data-sort="{:.4}">{:.0}%</td><td class="num" data-sort="{:.4}">{:.0}%</td><td>{}</td><td class="num">{}</td><td class="num">{}</td>"#,
            esc(&row.path),
            row.files,
            percent(row.ready_now, row.files),
            percent(row.ready_now, row.files),
            percent(row.ready_after_fix, row.files),
            percent(row.ready_after_fix, row.files),
            readiness_bar(row.ready_now, row.ready_after_fix, row.files),
            row.diagnostics_now,
            row.diagnostics_after_fix,
        ));
        if verified {
            html.push_str(&format!(
                r#"<td class="num">{}</td><td class="num">{}</td>"#,
                row.compile_now.unwrap_or(0),
                row.compile_after_fix.unwrap_or(0)
            ));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// The self-contained HTML page.
pub fn html(data: &ReportData) -> String {
    let verified = data.verification.is_some();
    let families: Vec<(String, usize, &str, Option<String>)> =
        data.families.iter().map(|f| (f.family.to_owned(), f.now, family_color(f.family), None)).collect();
    let rules: Vec<(String, usize, &str, Option<String>)> = data
        .rules
        .iter()
        .filter(|r| r.now > 0)
        .take(20)
        .map(|r| (format!("{} {}", r.code, r.name), r.now, family_color(r.family), Some(r.url.clone())))
        .collect();
    let fixes: Vec<(String, usize, &str, Option<String>)> = {
        let mut fixed: Vec<&RuleCount> = data.rules.iter().filter(|r| r.fixes_applied > 0).collect();
        fixed.sort_by(|a, b| b.fixes_applied.cmp(&a.fixes_applied).then(a.code.cmp(b.code)));
        fixed
            .into_iter()
            .take(15)
            .map(|r| (format!("{} {}", r.code, r.name), r.fixes_applied, family_color(r.family), Some(r.url.clone())))
            .collect()
    };
    let dialect_parts: Vec<(&str, usize, &str)> = DIALECT_COLORS
        .iter()
        .filter_map(|(name, color)| data.dialects.get(name).map(|&count| (*name, count, *color)))
        .collect();
    let legend: String = dialect_parts
        .iter()
        .map(|(name, count, color)| {
            format!(
                r#"<li><span class="swatch" style="background:{color}"></span>{name} <b>{count}</b> ({:.0}%)</li>"#,
                percent(*count, data.files)
            )
        })
        .collect();
    let most_work: String = data
        .most_work
        .iter()
        .map(|f| {
            format!(
                r#"<tr><td class="path">{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{}</td></tr>"#,
                esc(&f.path),
                f.dialect.unwrap_or("-"),
                f.diagnostics_now,
                f.diagnostics_after_fix,
                if f.ready_now { "yes" } else { "no" },
                if f.ready_after_fix { "yes" } else { "no" }
            )
        })
        .collect();
    let rule_rows: String = data
        .rules
        .iter()
        .map(|r| {
            format!(
                r#"<tr><td><a href="{}">{}</a></td><td>{}</td><td><span class="swatch" style="background:{}"></span>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                esc(&r.url),
                r.code,
                r.name,
                family_color(r.family),
                r.family,
                r.now,
                r.fixes_applied,
                r.after_fix
            )
        })
        .collect();
    let verification = data.verification.as_ref().map_or_else(String::new, |v| {
        format!(
            r#"<div class="card"><div class="big">{:.0}% → {:.0}%</div><div>compile with {} (now → after fix)</div></div>"#,
            percent(v.compile_now, data.files),
            percent(v.compile_after_fix, data.files),
            esc(&v.python)
        )
    });
    let errors = if data.errors.is_empty() {
        String::new()
    } else {
        format!(
            "<h2>Files that could not be read</h2><ul>{}</ul>",
            data.errors.iter().map(|e| format!("<li>{}</li>", esc(e))).collect::<String>()
        )
    };
    let dependencies = dependencies_html(&data.dependencies);
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>py3port migration report</title>
<style>
:root {{ --fg:#1f2933; --muted:#616e7c; --line:#e4e7eb; --now:#00798c; --fix:#8fd0c9; --bg:#f5f7fa; }}
* {{ box-sizing: border-box; }}
body {{ font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }}
header {{ background: #1f2933; color: #fff; padding: 20px 32px; }}
header h1 {{ margin: 0; font-size: 22px; }}
header p {{ margin: 4px 0 0; color: #cbd2d9; }}
main {{ padding: 20px 32px 40px; max-width: 1240px; }}
h2 {{ font-size: 17px; margin: 28px 0 10px; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 14px; }}
.card {{ background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; min-width: 200px; flex: 1; }}
.card .big {{ font-size: 26px; font-weight: 700; }}
.card div:last-child {{ color: var(--muted); }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }}
.panel {{ background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; overflow-x: auto; }}
.panel h2 {{ margin-top: 0; }}
.chart .label {{ font-size: 13px; fill: var(--fg); }}
.chart .value {{ font-size: 12px; fill: var(--muted); }}
.chart a text {{ fill: #1f5fa8; }}
.donut-total {{ font-size: 22px; font-weight: 700; fill: var(--fg); }}
.dialects {{ display: flex; align-items: center; gap: 24px; }}
.dialects ul {{ list-style: none; padding: 0; margin: 0; }}
.dialects li {{ margin: 4px 0; }}
.swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }}
table {{ border-collapse: collapse; width: 100%; background: #fff; }}
th, td {{ padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }}
th {{ font-weight: 600; background: #f0f4f8; position: sticky; top: 0; cursor: pointer; user-select: none; white-space: nowrap; }}
th.sorted-asc::after {{ content: " ▲"; }} th.sorted-desc::after {{ content: " ▼"; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.path {{ font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; word-break: break-all; }}
.meter {{ display: flex; width: 160px; height: 12px; background: #e4e7eb; border-radius: 6px; overflow: hidden; }}
.meter .now {{ background: var(--now); }} .meter .fix {{ background: var(--fix); }}
.key span {{ display: inline-block; width: 12px; height: 12px; border-radius: 3px; vertical-align: -2px; margin: 0 4px 0 12px; }}
.scroll {{ max-height: 460px; overflow: auto; border: 1px solid var(--line); border-radius: 8px; }}
input[type=search] {{ padding: 6px 10px; border: 1px solid #cbd2d9; border-radius: 6px; width: 280px; margin-bottom: 8px; }}
a {{ color: #1f5fa8; text-decoration: none; }} a:hover {{ text-decoration: underline; }}
footer {{ color: var(--muted); padding: 0 32px 24px; }}
@media (max-width: 900px) {{ .grid {{ grid-template-columns: 1fr; }} }}
</style>
</head>
<body>
<header>
<h1>py3port migration report</h1>
<p>{files} files, {lines} lines of Python. A file is <em>ready</em> when it has no <code>syntax</code> diagnostic (Python 3 would refuse to compile it) and no unexplained parse error.</p>
</header>
<main>
<div class="cards">
<div class="card"><div class="big">{ready_now_pct:.0}% → {ready_after_pct:.0}%</div><div>files ready for Python 3, now → after <code>--fix</code> ({ready_now} → {ready_after} of {files})</div></div>
<div class="card"><div class="big">{diagnostics_now} → {diagnostics_after}</div><div>diagnostics, now → after <code>--fix</code></div></div>
<div class="card"><div class="big">{fixes_applied}</div><div>safe fixes <code>--fix</code> would apply, in {files_fixed} files</div></div>
{verification}
</div>

<h2>Readiness per package</h2>
<p class="key">Share of files ready:<span style="background:var(--now)"></span>now<span style="background:var(--fix)"></span>after <code>--fix</code></p>
<div class="scroll">{packages}</div>

<div class="grid" style="margin-top:18px">
<div class="panel"><h2>Findings by family</h2>{family_chart}</div>
<div class="panel"><h2>Dialect mix</h2><div class="dialects">{donut}<ul>{legend}</ul></div></div>
<div class="panel"><h2>Most frequent rules</h2>{rule_chart}</div>
<div class="panel"><h2>What <code>--fix</code> would resolve</h2>{fix_chart}</div>
</div>

<h2>Files with the most work</h2>
<div class="scroll"><table class="sortable"><thead><tr><th>File</th><th>Dialect</th><th class="num">Diagnostics</th><th class="num">After fix</th><th>Ready now</th><th>After fix</th></tr></thead><tbody>{most_work}</tbody></table></div>

<h2>Readiness per directory</h2>
<input type="search" id="filter" placeholder="Filter directories" aria-label="Filter directories">
<div class="scroll">{directories}</div>

{dependencies}

<h2>All rules</h2>
<div class="scroll"><table class="sortable"><thead><tr><th>Code</th><th>Name</th><th>Family</th><th class="num">Now</th><th class="num">Fixes</th><th class="num">After fix</th></tr></thead><tbody>{rule_rows}</tbody></table></div>
{errors}
</main>
<footer>Generated by py3port {version}. Self-contained: no network access needed.</footer>
<script>
document.querySelectorAll("table.sortable").forEach(function (table) {{
  table.querySelectorAll("th").forEach(function (th, column) {{
    th.addEventListener("click", function () {{
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var ascending = !th.classList.contains("sorted-asc");
      table.querySelectorAll("th").forEach(function (h) {{ h.classList.remove("sorted-asc", "sorted-desc"); }});
      th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
      var key = function (row) {{
        var cell = row.cells[column];
        var value = cell.getAttribute("data-sort") || cell.textContent;
        var number = parseFloat(value);
        return isNaN(number) ? value.toLowerCase() : number;
      }};
      rows.sort(function (a, b) {{
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      }});
      rows.forEach(function (row) {{ body.appendChild(row); }});
    }});
  }});
}});
document.getElementById("filter").addEventListener("input", function (event) {{
  var needle = event.target.value.toLowerCase();
  document.querySelectorAll("#directories tbody tr").forEach(function (row) {{
    row.style.display = row.cells[0].textContent.toLowerCase().indexOf(needle) >= 0 ? "" : "none";
  }});
}});
</script>
</body>
</html>
"##,
        files = data.files,
        lines = data.lines,
        ready_now = data.ready_now,
        ready_after = data.ready_after_fix,
        ready_now_pct = percent(data.ready_now, data.files),
        ready_after_pct = percent(data.ready_after_fix, data.files),
        diagnostics_now = data.diagnostics_now,
        diagnostics_after = data.diagnostics_after_fix,
        fixes_applied = data.fixes_applied,
        files_fixed = data.files_fixed,
        verification = verification,
        packages = readiness_table(&data.packages, "packages", verified),
        directories = readiness_table(&data.directories, "directories", verified),
        family_chart = bar_chart(&families, "Findings by family"),
        rule_chart = bar_chart(&rules, "Most frequent rules"),
        fix_chart = if fixes.is_empty() {
            "<p>No safe fix applies.</p>".to_owned()
        } else {
            bar_chart(&fixes, "Fixes by rule")
        },
        donut = donut(&dialect_parts),
        legend = legend,
        most_work = most_work,
        rule_rows = rule_rows,
        errors = errors,
        version = py3port_core::VERSION,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_are_first_directories() {
        assert_eq!(package_of("django/db/models.py"), "django");
        assert_eq!(package_of("./django/db/models.py"), "django");
        assert_eq!(package_of("setup.py"), ".");
    }

    #[test]
    fn the_common_directory_ends_at_a_separator() {
        let paths = ["src/django/a.py", "src/docutils/b.py", "src/django/db/c.py"];
        assert_eq!(common_directory(paths.into_iter()), "src/");
        assert_eq!(common_directory(["a.py", "pkg/b.py"].into_iter()), "");
        assert_eq!(common_directory(["x/pkg/a.py"].into_iter()), "x/pkg/");
    }
}
