//! Behaviour, not just syntax: the runnable Python 2 programs of `tests/behaviour` are run
//! under Python 2.7, fixed by the `py3port` binary, and run again, and what they print is
//! compared.
//!
//! For each program: the original under Python 2.7 (the reference) and under Python 3 (it
//! must differ there, or the program tests nothing); `check --select ALL --fix
//! --unsafe-fixes` (Python 3 only) and its result under Python 3; the same with `--target
//! py2-py3` and each `--compat-library` (six, future, none), and its result under Python
//! 2.7 and Python 3. Every run's standard output, standard error and exit status must
//! equal the reference's, except for the differences listed in
//! `tests/behaviour/differences.rs`, each with its causes: a sentence of a reported rule's
//! `## Fix safety` documentation (an unsafe fix, or a finding without a fix), a rule with
//! no fix for the compatibility library, a known bug (FIXME), or a change no rule reports.
//! An unlisted difference fails, and so does a listed one that no longer happens. The
//! results table is the generated part of `docs/behaviour.md` (`UPDATE_DOCS=1` rewrites it).
//!
//! Needs Python 2.7 (pyenv's `2.7.18`) and Python 3, each with `six` and `future`; it
//! fails, saying what to install, when one is missing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command as Binary;
use rayon::prelude::*;
use similar::{ChangeTag, TextDiff};

/// The directory of the programs.
fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/behaviour")
}

/// How the code was fixed: for Python 3 only, or for 2.7 and 3 with a compatibility library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mode {
    Py3,
    Six,
    Future,
    NoLibrary,
}

impl Mode {
    const ALL: [Mode; 4] = [Mode::Py3, Mode::Six, Mode::Future, Mode::NoLibrary];

    fn arguments(self) -> &'static [&'static str] {
        match self {
            Mode::Py3 => &[],
            Mode::Six => &["--target", "py2-py3", "--compat-library", "six"],
            Mode::Future => &["--target", "py2-py3", "--compat-library", "future"],
            Mode::NoLibrary => &["--target", "py2-py3", "--compat-library", "none"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::Py3 => "py3",
            Mode::Six => "py2-py3 six",
            Mode::Future => "py2-py3 future",
            Mode::NoLibrary => "py2-py3 none",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Python {
    Two,
    Three,
}

/// One run of fixed code: the mode it was fixed for and the interpreter that runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Run {
    /// `--fix --unsafe-fixes`, run by Python 3.
    Py3,
    /// `--target py2-py3 --compat-library six`, run by Python 2.7.
    Six2,
    /// The same code, run by Python 3.
    Six3,
    Future2,
    Future3,
    None2,
    None3,
}

use Run::*;

impl Run {
    const ALL: [Run; 7] = [Py3, Six2, Six3, Future2, Future3, None2, None3];

    fn mode(self) -> Mode {
        match self {
            Py3 => Mode::Py3,
            Six2 | Six3 => Mode::Six,
            Future2 | Future3 => Mode::Future,
            None2 | None3 => Mode::NoLibrary,
        }
    }

    fn python(self) -> Python {
        match self {
            Six2 | Future2 | None2 => Python::Two,
            Py3 | Six3 | Future3 | None3 => Python::Three,
        }
    }

    fn name(self) -> String {
        let python = if self.python() == Python::Two { "Python 2.7" } else { "Python 3" };
        format!("{} on {python}", self.mode().name())
    }
}

/// A difference from Python 2.7's output, and why it is expected.
struct Difference {
    program: &'static str,
    runs: &'static [Run],
    /// What explains the lines: one cause or several.
    causes: &'static [Cause],
    /// The lines of the comparison that differ: `-` what Python 2.7 printed and the run
    /// did not, `+` what the run printed instead (see [`transcript`]).
    lines: &'static [&'static str],
}

/// Why a run's output differs from Python 2.7's.
enum Cause {
    /// An unsafe fix, or a construct left without a fix, as the rule's documentation
    /// states: the rule reported something on the program in that mode, and the words are
    /// in its `## Fix safety` section.
    Documented { rule: &'static str, because: &'static str },
    /// `--target py2-py3`: the rule has no fix with this `--compat-library` (`compat.rs`;
    /// without a library, `unicode` has no name on both versions). It reported the
    /// construct, and still does after `--fix --unsafe-fixes`: the user is told.
    NoCompatFix { rule: &'static str },
    /// A bug in py3port, not fixed yet (FIXME): a wrong fix, a missing one, or a missing
    /// diagnostic. Listed in `docs/behaviour.md`; once it is fixed, the run's output changes
    /// and the test fails until the entry goes.
    Bug { rule: &'static str, fixme: &'static str },
    /// A change of Python 3 that no rule reports (and sometimes none could: code built as
    /// text and run by `exec`).
    Unreported { what: &'static str },
}

impl Cause {
    fn rule(&self) -> Option<&'static str> {
        match self {
            Cause::Documented { rule, .. } | Cause::NoCompatFix { rule } | Cause::Bug { rule, .. } => Some(rule),
            Cause::Unreported { .. } => None,
        }
    }

    /// How the results table shows it.
    fn label(&self) -> String {
        match self {
            Cause::Documented { rule, .. } => format!("{rule} documented"),
            Cause::NoCompatFix { rule } => format!("{rule} no 2-and-3 fix"),
            Cause::Bug { rule, .. } => format!("{rule} BUG"),
            Cause::Unreported { .. } => "unreported".to_owned(),
        }
    }
}

#[path = "behaviour/differences.rs"]
mod differences;
use differences::DIFFERENCES;

// ---------------------------------------------------------------------------------------
// Interpreters.

struct Interpreters {
    python2: PathBuf,
    python3: PathBuf,
}

/// The interpreter's real executable (not pyenv's shim, which costs a process per run),
/// after checking that it runs and has `six` and `future`.
fn resolve(command: &str, pyenv_version: Option<&str>, what: &str) -> PathBuf {
    let mut probe = Command::new(command);
    if let Some(version) = pyenv_version {
        probe.env("PYENV_VERSION", version);
    }
    let install = match pyenv_version {
        Some(version) => {
            format!("`pyenv install {version}`, then `PYENV_VERSION={version} {command} -m pip install six future`")
        }
        None => format!("Python 3 as `{command}`, then `{command} -m pip install six future`"),
    };
    let output =
        probe.args(["-c", "import sys, six, future; sys.stdout.write(sys.executable)"]).output().unwrap_or_else(
            |error| panic!("{what} is required by this test and `{command}` does not run ({error}): install {install}"),
        );
    assert!(
        output.status.success(),
        "{what} with `six` and `future` is required by this test: install {install}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    PathBuf::from(String::from_utf8(output.stdout).unwrap())
}

fn interpreters() -> Interpreters {
    Interpreters {
        python2: resolve("python2.7", Some("2.7.18"), "Python 2.7"),
        python3: resolve("python3", None, "Python 3"),
    }
}

// ---------------------------------------------------------------------------------------
// Programs.

struct Program {
    name: String,
    /// The file, or the directory of a program with several modules.
    source: PathBuf,
    /// What the interpreter runs, relative to the program's directory.
    entry: String,
    stdin: Option<Vec<u8>>,
}

/// `name.py` is a program; a directory `name/` is one whose entry point is `main.py`;
/// `name.stdin`, when it exists, is what the program reads from standard input.
fn programs() -> Vec<Program> {
    let dir = programs_dir();
    let mut programs = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else { continue };
        let entry = if path.is_dir() {
            assert!(path.join("main.py").is_file(), "{}: a program directory needs a main.py", path.display());
            "main.py".to_owned()
        } else if path.extension().is_some_and(|e| e == "py") {
            format!("{stem}.py")
        } else {
            continue;
        };
        let stdin = std::fs::read(dir.join(format!("{stem}.stdin"))).ok();
        programs.push(Program { name: stem, source: path, entry, stdin });
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    programs
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "__pycache__" {
                copy_tree(&entry.path(), &target);
            }
        } else if !entry.file_name().to_string_lossy().ends_with(".pyc") {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies the program into `dir` (its file, or its directory's contents).
fn place(program: &Program, dir: &Path) {
    if program.source.is_dir() {
        copy_tree(&program.source, dir);
    } else {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::copy(&program.source, dir.join(&program.entry)).unwrap();
    }
}

// ---------------------------------------------------------------------------------------
// Running Python.

const TIMEOUT: Duration = Duration::from_secs(30);

/// Runs the program in `code` (a fixed or original tree) with `python`, in a fresh copy of
/// the tree so that runs cannot see each other's files, and returns its transcript.
fn run_python(python: &Path, program: &Program, code: &Path, work: &Path) -> String {
    copy_tree(code, work);
    let tmp = work.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut child = Command::new(python)
        .arg(&program.entry)
        .current_dir(work)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", work)
        .env("TMPDIR", &tmp)
        .env("LC_ALL", "C.UTF-8")
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        // Python 3 shows the deprecation warnings of `__main__`, Python 2.7 none: what is
        // compared is behaviour on this Python 3, not what a later one will remove.
        .env("PYTHONWARNINGS", "ignore::DeprecationWarning")
        .stdin(if program.stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{} does not start: {error}", python.display()));
    if let Some(input) = &program.stdin {
        let mut stdin = child.stdin.take().unwrap();
        // A program that stops reading early closes the pipe: that is its business.
        let _ = stdin.write_all(input);
    }
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        stdout.read_to_end(&mut buffer).unwrap();
        buffer
    });
    let err = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        stderr.read_to_end(&mut buffer).unwrap();
        buffer
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let (stdout, stderr) = (out.join().unwrap(), err.join().unwrap());
    let work_text = work.display().to_string();
    let normalise = |bytes: &[u8]| addresses(&String::from_utf8_lossy(bytes).replace(&work_text, "<dir>"));
    transcript(&normalise(&stdout), &normalise(&stderr), status.map(|s| s.code().unwrap_or(-1)))
}

/// `<map object at 0x7f5cfd997e80>` with its address replaced by `0x?`, which changes
/// from run to run.
fn addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" at 0x") {
        let (before, after) = rest.split_at(at + " at 0x".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        if after[digits..].starts_with('>') && digits >= 6 {
            out.push('?');
        } else {
            out.push_str(&after[..digits]);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// What a run is compared by: its standard output line by line; then standard error, each
/// line prefixed `stderr: `, with a traceback reduced to its last line (`stderr:
/// Traceback: NameError: ...`), since its file names and line numbers move with the fixes;
/// `(no newline at end)` where the output does not end a line; and `exit: N` unless it
/// exited with 0.
fn transcript(stdout: &str, stderr: &str, status: Option<i32>) -> String {
    let mut lines: Vec<String> = stdout.lines().map(str::to_owned).collect();
    if !stdout.is_empty() && !stdout.ends_with('\n') {
        lines.push("(no newline at end)".to_owned());
    }
    let mut in_traceback = false;
    for line in stderr.lines() {
        if line == "Traceback (most recent call last):" {
            in_traceback = true;
        } else if in_traceback && (line.starts_with(' ') || line.is_empty()) {
            // A frame, or the source line of a frame.
        } else if in_traceback {
            lines.push(format!("stderr: Traceback: {line}"));
            in_traceback = false;
        } else {
            lines.push(format!("stderr: {line}"));
        }
    }
    if !stderr.is_empty() && !stderr.ends_with('\n') {
        lines.push("stderr: (no newline at end)".to_owned());
    }
    match status {
        Some(0) => {}
        Some(code) => lines.push(format!("exit: {code}")),
        None => lines.push(format!("exit: timed out after {} s", TIMEOUT.as_secs())),
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// The lines that differ, `-` for the reference's and `+` for the run's.
fn diff(reference: &str, run: &str) -> Vec<String> {
    TextDiff::from_lines(reference, run)
        .iter_all_changes()
        .filter_map(|change| {
            let sign = match change.tag() {
                ChangeTag::Equal => return None,
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
            };
            Some(format!("{sign}{}", change.value().trim_end_matches('\n')))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Running py3port.

/// Fixes the tree in `dir` for `mode`; returns what it said on standard error that
/// signals a problem (a fix dropped because it would have broken the file).
fn fix(dir: &Path, mode: Mode) -> Vec<String> {
    let output = Binary::cargo_bin("py3port")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--no-cache", "--select", "ALL", "--fix", "--unsafe-fixes"])
        .args(mode.arguments())
        .arg(".")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "py3port check --fix {} failed in {}:\n{stderr}",
        mode.name(),
        dir.display()
    );
    stderr.lines().filter(|line| line.contains("dropped")).map(str::to_owned).collect()
}

/// The codes of the rules that report something in the tree in `dir` for `mode`, down to
/// medium confidence (nothing is written).
fn reported(dir: &Path, mode: Mode) -> BTreeSet<String> {
    let output = Binary::cargo_bin("py3port")
        .unwrap()
        .current_dir(dir)
        .args([
            "check",
            "--no-cache",
            "--select",
            "ALL",
            "--output-format",
            "json",
            "--min-confidence",
            "medium",
            "--unsafe-fixes",
        ])
        .args(mode.arguments())
        .arg(".")
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&output.stderr));
    let diagnostics: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    diagnostics.iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

/// Each rule's `## Fix safety` section, with its whitespace collapsed.
fn fix_safety_docs() -> BTreeMap<String, String> {
    let output = Binary::cargo_bin("py3port").unwrap().args(["rules", "--output-format", "json"]).output().unwrap();
    assert!(output.status.success());
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    rules
        .iter()
        .map(|rule| {
            let docs = rule["docs"].as_str().unwrap();
            let section = docs.split("## Fix safety").nth(1).unwrap_or("");
            let section = section.split("\n## ").next().unwrap();
            (rule["code"].as_str().unwrap().to_owned(), collapse(section))
        })
        .collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// The test.

struct Outcome {
    /// The original under Python 2.7: the reference.
    reference: String,
    /// The original under Python 3.
    unported: String,
    runs: BTreeMap<Run, String>,
    /// The rules that report something on the original, per mode.
    reported: BTreeMap<Mode, BTreeSet<String>>,
    /// The rules that still report something after `--fix --unsafe-fixes`, per mode.
    remaining: BTreeMap<Mode, BTreeSet<String>>,
    dropped: Vec<String>,
}

fn run_program(program: &Program, pythons: &Interpreters, work: &Path) -> Outcome {
    let root = work.join(&program.name);
    let original = root.join("original");
    place(program, &original);
    let reference = run_python(&pythons.python2, program, &original, &root.join("run-original-2"));
    let unported = run_python(&pythons.python3, program, &original, &root.join("run-original-3"));
    let mut runs = BTreeMap::new();
    let mut reported_by_mode = BTreeMap::new();
    let mut remaining = BTreeMap::new();
    let mut dropped = Vec::new();
    for mode in Mode::ALL {
        let fixed = root.join(format!("fixed-{mode:?}"));
        place(program, &fixed);
        reported_by_mode.insert(mode, reported(&fixed, mode));
        dropped.extend(fix(&fixed, mode).into_iter().map(|line| format!("{}: {line}", mode.name())));
        remaining.insert(mode, reported(&fixed, mode));
        for run in Run::ALL.into_iter().filter(|run| run.mode() == mode) {
            let python = if run.python() == Python::Two { &pythons.python2 } else { &pythons.python3 };
            let transcript = run_python(python, program, &fixed, &root.join(format!("run-{run:?}")));
            runs.insert(run, transcript);
        }
    }
    Outcome { reference, unported, runs, reported: reported_by_mode, remaining, dropped }
}

/// Counts `lines` as a multiset.
fn bag<'a>(lines: impl IntoIterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut bag = BTreeMap::new();
    for line in lines {
        *bag.entry(line).or_insert(0) += 1;
    }
    bag
}

#[test]
fn fixed_programs_print_what_python_2_printed() {
    let started = Instant::now();
    let pythons = interpreters();
    let docs = fix_safety_docs();
    let programs = programs();
    assert!(programs.len() >= 30, "only {} programs in {}", programs.len(), programs_dir().display());
    let names: BTreeSet<&str> = programs.iter().map(|p| p.name.as_str()).collect();

    let mut failures = Vec::new();
    // The table itself must make sense before anything runs.
    for difference in DIFFERENCES {
        let program = difference.program;
        if !names.contains(program) {
            failures.push(format!("DIFFERENCES names `{program}`, which is not a program"));
        }
        if difference.causes.is_empty() {
            failures.push(format!("DIFFERENCES: an entry for {program} gives no cause"));
        }
        for cause in difference.causes {
            let Some(rule) = cause.rule() else { continue };
            match (docs.get(rule), cause) {
                (None, _) => failures.push(format!("DIFFERENCES: {program} names rule {rule}, which does not exist")),
                (Some(section), Cause::Documented { because, .. }) if !section.contains(&collapse(because)) => {
                    failures.push(format!(
                        "{program} / {rule}: `{because}` is not in the rule's `## Fix safety` section:\n  {section}"
                    ));
                }
                _ => {}
            }
        }
        for line in difference.lines {
            if !(line.starts_with('-') || line.starts_with('+')) {
                failures.push(format!("{program}: `{line}` starts with neither - nor +"));
            }
        }
    }

    let work = tempfile::tempdir().unwrap();
    let outcomes: Vec<Outcome> =
        programs.par_iter().map(|program| run_program(program, &pythons, work.path())).collect();

    let mut used = vec![false; DIFFERENCES.len()];
    let mut table = Vec::new();
    for (program, outcome) in programs.iter().zip(&outcomes) {
        let name = program.name.as_str();
        if outcome.reference.contains("exit: ") || outcome.reference.contains("stderr: Traceback") {
            failures.push(format!("{name}: the original fails under Python 2.7:\n{}", outcome.reference));
        }
        if outcome.unported == outcome.reference {
            failures.push(format!("{name}: the original prints the same under Python 3, so it tests nothing"));
        }
        for line in &outcome.dropped {
            failures.push(format!("{name}: {line}"));
        }
        let mut row = vec![name.to_owned()];
        for (run, transcript) in &outcome.runs {
            let mode = run.mode();
            let actual = diff(&outcome.reference, transcript);
            let mut expected = Vec::new();
            let mut labels = Vec::new();
            for (index, difference) in DIFFERENCES.iter().enumerate() {
                if difference.program != name || !difference.runs.contains(run) {
                    continue;
                }
                used[index] = true;
                expected.extend(difference.lines.iter().copied());
                for cause in difference.causes {
                    labels.push(cause.label());
                    let problem = match cause {
                        Cause::Documented { rule, .. } if !outcome.reported[&mode].contains(*rule) => {
                            Some(format!("{rule} reports nothing on the program"))
                        }
                        Cause::NoCompatFix { rule } if mode == Mode::Py3 => {
                            Some(format!("{rule}: NoCompatFix is for `--target py2-py3` runs"))
                        }
                        Cause::NoCompatFix { rule } if !outcome.remaining[&mode].contains(*rule) => Some(format!(
                            "{rule} reports nothing after the fixes, so it does not explain the difference"
                        )),
                        _ => None,
                    };
                    if let Some(problem) = problem {
                        failures.push(format!(
                            "{name}, {}: a cause does not hold: {problem} in {}",
                            run.name(),
                            mode.name()
                        ));
                    }
                }
            }
            if bag(actual.iter().map(String::as_str)) != bag(expected.iter().copied()) {
                failures.push(format!(
                    "{name}, {}: the output differs from Python 2.7's other than as DIFFERENCES says.\n\
                     differing lines:\n{}\nexpected differing lines:\n{}\nrules reported in this mode: {}\n\
                     rules still reporting after the fixes: {}\nfull output of the run:\n{}",
                    run.name(),
                    indent(&actual.join("\n")),
                    indent(&expected.join("\n")),
                    outcome.reported[&mode].iter().cloned().collect::<Vec<_>>().join(" "),
                    outcome.remaining[&mode].iter().cloned().collect::<Vec<_>>().join(" "),
                    indent(transcript)
                ));
            }
            labels.sort_unstable();
            labels.dedup();
            row.push(if actual.is_empty() { "same".to_owned() } else { labels.join(", ") });
        }
        table.push(row);
    }
    for (difference, used) in DIFFERENCES.iter().zip(used) {
        if !used {
            failures.push(format!("DIFFERENCES: an entry for {} applies to no run", difference.program));
        }
    }

    // The results: the generated part of `docs/behaviour.md`, also shown with `--nocapture`.
    let mut results = String::new();
    let runs = programs.len() * Run::ALL.len();
    let count = |what: &dyn Fn(&str) -> bool| -> usize {
        table.iter().map(|row| row.iter().skip(1).filter(|cell| what(cell)).count()).sum()
    };
    let same = count(&|cell| cell == "same");
    let bugs = count(&|cell| cell.contains("BUG"));
    let unreported = count(&|cell| cell.contains("unreported"));
    let identical = table.iter().filter(|row| row.iter().skip(1).all(|cell| cell == "same")).count();
    let _ = writeln!(
        results,
        "{} programs, {identical} of them identical in every run. {runs} runs of fixed code: {same} print \
         what Python 2.7 printed; {} differ as declared, {bugs} of them because of a known bug and \
         {unreported} because of a change no rule reports.\n",
        programs.len(),
        runs - same,
    );
    let _ = writeln!(results, "| program | {} |", Run::ALL.iter().map(|r| r.name()).collect::<Vec<_>>().join(" | "));
    let _ = writeln!(results, "|---|{}", "---|".repeat(Run::ALL.len()));
    for row in &table {
        let _ = writeln!(results, "| {} |", row.join(" | "));
    }
    let per_run: Vec<String> = (1..=Run::ALL.len())
        .map(|column| {
            let same = table.iter().filter(|row| row[column] == "same").count();
            format!("{same}/{}", table.len())
        })
        .collect();
    let _ = writeln!(results, "| **same** | {} |", per_run.join(" | "));
    // The known bugs and the unreported changes.
    let mut notes: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for difference in DIFFERENCES {
        for cause in difference.causes {
            let note = match cause {
                Cause::Bug { rule, fixme } => format!("**{rule}** (bug): {fixme}"),
                Cause::Unreported { what } => format!("Unreported: {what}"),
                _ => continue,
            };
            let programs = notes.entry(note).or_default();
            if !programs.contains(&difference.program) {
                programs.push(difference.program);
            }
        }
    }
    let _ = writeln!(results, "\nKnown bugs and unreported changes:\n");
    for (note, programs) in &notes {
        let _ = writeln!(results, "- {note} ({})", programs.join(", "));
    }
    println!("{results}\n{:.1} s", started.elapsed().as_secs_f64());
    if failures.is_empty() {
        check_docs(&results, &mut failures);
    }
    assert!(failures.is_empty(), "{} problems:\n\n{}", failures.len(), failures.join("\n\n"));
}

const DOCS_START: &str = "<!-- behaviour-results:start (generated by crates/py3port-cli/tests/behaviour.rs) -->\n";
const DOCS_END: &str = "<!-- behaviour-results:end -->";

/// `docs/behaviour.md` shows the results between its markers; `UPDATE_DOCS=1` rewrites them.
fn check_docs(results: &str, failures: &mut Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/behaviour.md");
    let docs = std::fs::read_to_string(&path).unwrap_or_default();
    let (Some(start), Some(end)) = (docs.find(DOCS_START), docs.find(DOCS_END)) else {
        failures.push(format!("{} has no results markers", path.display()));
        return;
    };
    let current = &docs[start + DOCS_START.len()..end];
    if current == results {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{results}{}", &docs[..start + DOCS_START.len()], &docs[end..]);
        std::fs::write(&path, updated).unwrap();
    } else {
        failures.push(format!(
            "docs/behaviour.md is out of date (run `UPDATE_DOCS=1 cargo test -p py3port-cli --test behaviour`):\n{}",
            indent(&diff(current, results).join("\n"))
        ));
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("    {line}\n")).collect()
}
