//! Helpers shared by the integration tests: running Python, rendering diagnostics.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

use py3port_core::{Analysis, LineIndex, PositionEncoding, parse};

/// The Python 3 interpreter for compile checks. Missing Python fails loudly: a test
/// that needs it must never pass by skipping.
pub fn python3() -> &'static str {
    static CHECKED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    CHECKED.get_or_init(|| {
        let ok = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
        assert!(ok, "python3 is required by this test and was not found on PATH");
    });
    "python3"
}

/// Compiles `source` with Python 3; returns the 1-based line of the first syntax error.
pub fn python3_syntax_error(source: &str) -> Option<(u32, String)> {
    let script = "import sys\nsrc = sys.stdin.buffer.read().decode('utf-8')\ntry:\n    compile(src, '<fixture>', 'exec', dont_inherit=True)\nexcept SyntaxError as e:\n    print(e.lineno or 0)\n    print(e.msg)\n";
    let mut child = Command::new(python3())
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().expect("stdin").write_all(source.as_bytes()).expect("write to python3");
    let output = child.wait_with_output().expect("python3 finishes");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    let line = lines.next()?.trim().parse().ok()?;
    Some((line, lines.next().unwrap_or_default().to_owned()))
}

/// A human-readable rendering of an analysis, for snapshots.
pub fn render(source: &str, analysis: &Analysis) -> String {
    render_diagnostics(source, &analysis.diagnostics)
}

/// [`render`] of diagnostics alone (the dependency rules make no `Analysis`).
pub fn render_diagnostics(source: &str, diagnostics: &[py3port_core::Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let start = index.line_column(d.range.start(), source, PositionEncoding::Utf32);
        let end = index.line_column(d.range.end(), source, PositionEncoding::Utf32);
        let fix = match &d.fix {
            Some(fix) => format!("[{}: {}]", fix.applicability.as_str(), fix.title),
            None => "[no fix]".to_owned(),
        };
        out.push_str(&format!(
            "{}:{}-{}:{} {} {} ({}) {}\n",
            start.line + 1,
            start.column + 1,
            end.line + 1,
            end.column + 1,
            d.rule.code(),
            fix,
            d.confidence.as_str(),
            d.message
        ));
    }
    out
}

/// A unified diff of `before` and `after`, or a note that nothing changed.
pub fn diff(before: &str, after: &str) -> String {
    if before == after {
        return "(no change)\n".to_owned();
    }
    similar::TextDiff::from_lines(before, after).unified_diff().context_radius(2).header("before", "after").to_string()
}

/// The Python 2.7 interpreter, through pyenv (`PYENV_VERSION=2.7.18`). Missing Python 2.7
/// fails loudly: the `py2-py3` tests must never pass by skipping.
pub fn python2() -> Command {
    static CHECKED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    let command = || {
        let mut command = Command::new("python2.7");
        command.env("PYENV_VERSION", "2.7.18");
        command
    };
    CHECKED.get_or_init(|| {
        let ok = command().arg("--version").output().is_ok_and(|o| o.status.success());
        assert!(ok, "python2.7 (pyenv's 2.7.18) is required by this test and was not found");
    });
    command()
}

/// Compiles `source` (as the bytes of a file) with Python 2.7; returns the 1-based line
/// of the first syntax error.
pub fn python2_syntax_error(source: &str) -> Option<(u32, String)> {
    let script = "import sys\nsrc = sys.stdin.read()\ntry:\n    compile(src, '<fixture>', 'exec', 0, True)\nexcept SyntaxError as e:\n    print(e.lineno or 0)\n    print(e.msg)\n";
    let mut child =
        python2().args(["-c", script]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("python2.7 runs");
    child.stdin.take().expect("stdin").write_all(source.as_bytes()).expect("write to python2.7");
    let output = child.wait_with_output().expect("python2.7 finishes");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    let line = lines.next()?.trim().parse().ok()?;
    Some((line, lines.next().unwrap_or_default().to_owned()))
}

/// [`python2_syntax_error`] for many sources, in one Python 2.7 process.
pub fn python2_syntax_errors(sources: &[&str]) -> Vec<Option<(u32, String)>> {
    // Each source is compiled as the bytes of a file, as `python2_syntax_error` does.
    let script = "import json, sys\nfor line in sys.stdin:\n    src = json.loads(line).encode('utf-8')\n    try:\n        compile(src, '<fixture>', 'exec', 0, True)\n        print(json.dumps(None))\n    except SyntaxError as e:\n        print(json.dumps([e.lineno or 0, e.msg]))\n    sys.stdout.flush()\n";
    syntax_errors(python2(), script, sources)
}

/// [`python3_syntax_error`] for many sources, in one Python 3 process.
pub fn python3_syntax_errors(sources: &[&str]) -> Vec<Option<(u32, String)>> {
    let script = "import json, sys\nfor line in sys.stdin:\n    src = json.loads(line)\n    try:\n        compile(src, '<fixture>', 'exec', dont_inherit=True)\n        print(json.dumps(None))\n    except SyntaxError as e:\n        print(json.dumps([e.lineno or 0, e.msg]))\n    sys.stdout.flush()\n";
    syntax_errors(Command::new(python3()), script, sources)
}

fn syntax_errors(mut command: Command, script: &str, sources: &[&str]) -> Vec<Option<(u32, String)>> {
    let mut child =
        command.args(["-c", script]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("python runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input: String = sources.iter().map(|source| serde_json::to_string(source).unwrap() + "\n").collect();
    // Written from a thread, so that a full stdout pipe cannot block both sides.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).expect("write to python"));
    let output = child.wait_with_output().expect("python finishes");
    writer.join().expect("the writer finishes");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 answers");
    let answers: Vec<Option<(u32, String)>> =
        stdout.lines().map(|line| serde_json::from_str(line).expect("a JSON answer")).collect();
    assert_eq!(answers.len(), sources.len(), "python answered for every source");
    answers
}

/// The number of ERROR and MISSING nodes in the parse of `source`.
pub fn error_count(source: &str) -> usize {
    let parsed = parse(source);
    let mut count = 0;
    let mut cursor = parsed.tree.walk();
    'walk: loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            count += 1;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    count
}
