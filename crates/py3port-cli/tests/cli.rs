//! End-to-end tests of the `py3port` binary: exit codes, output formats, standard input,
//! configuration, and fixes that keep everything of the file outside the edits.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn py3port() -> Command {
    let mut command = Command::cargo_bin("py3port").expect("the binary is built");
    command.env_remove("NO_COLOR");
    command
}

fn run(dir: &Path, args: &[&str]) -> Output {
    py3port().current_dir(dir).args(args).output().expect("py3port runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn example_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/legacy_app"))
}

#[test]
fn the_bundled_sample_has_findings_and_exits_1() {
    let output = run(example_dir(), &["check", "--no-cache", "."]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("inventory/cli.py:10:5: PY3101 [*] `print` statement is a syntax error on Python 3"),
        "{text}"
    );
    assert!(text.contains("Found "), "{text}");
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.py"), "print('fine')\n").unwrap();
    assert_eq!(run(dir.path(), &["check"]).status.code(), Some(0));
    std::fs::write(dir.path().join("old.py"), "print 'old'\n").unwrap();
    assert_eq!(run(dir.path(), &["check"]).status.code(), Some(1));
    assert_eq!(run(dir.path(), &["check", "--exit-zero"]).status.code(), Some(0));
    assert_eq!(run(dir.path(), &["check", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(dir.path(), &["check", "missing.py"]).status.code(), Some(2));
    let bad = run(dir.path(), &["check", "--select", "PY9999"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown rule selector `PY9999`"));
}

#[test]
fn json_output_is_shaped_like_ruffs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), "s = 'é😀'; print s\n").unwrap();
    let output = run(dir.path(), &["check", "--output-format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let first = &json.as_array().unwrap()[0];
    assert_eq!(first["code"], "PY3101");
    assert_eq!(first["name"], "print-statement");
    assert_eq!(first["family"], "syntax");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["confidence"], "high");
    assert_eq!(first["dialect"], "python2");
    assert_eq!(first["filename"], "a.py");
    // Columns count code points, 1-based: `print` starts after 10 characters.
    assert_eq!(first["location"], serde_json::json!({"row": 1, "column": 11}));
    assert_eq!(first["end_location"], serde_json::json!({"row": 1, "column": 18}));
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(first["fix"]["edits"][0]["content"], "(");
    assert_eq!(first["url"], "https://py3port.github.io/py3port/rules/print-statement/");
}

#[test]
fn standard_input_is_checked_and_fixed() {
    let output =
        py3port().args(["check", "-", "--stdin-filename", "x.py"]).write_stdin("print 'hi'\n").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("x.py:1:1: PY3101"));
    let fixed =
        py3port().args(["check", "-", "--fix"]).write_stdin("print 'hi'\r\nexec code in ns\r\n").output().unwrap();
    assert_eq!(stdout(&fixed), "print('hi')\r\nexec(code, ns)\r\n");
    assert_eq!(fixed.status.code(), Some(0));
}

#[test]
fn fixes_keep_encoding_bom_line_endings_and_whitespace() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.py");
    let original: &[u8] = b"# -*- coding: latin-1 -*-\r\nname = 'Jos\xe9'  \r\nif name <> 'x':\r\n\tprint name,\t\r\n";
    std::fs::write(&latin1, original).unwrap();
    let bom = dir.path().join("bom.py");
    std::fs::write(&bom, b"\xef\xbb\xbfx = `1`\n").unwrap();
    let output = run(dir.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        std::fs::read(&latin1).unwrap(),
        b"# -*- coding: latin-1 -*-\r\nname = 'Jos\xe9'  \r\nif name != 'x':\r\n\tprint(name, end=' ')\t\r\n"
    );
    assert_eq!(std::fs::read(&bom).unwrap(), b"\xef\xbb\xbfx = repr(1)\n");
}

#[cfg(unix)]
#[test]
fn fixes_keep_permissions_and_never_write_through_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("script.py");
    std::fs::write(&script, "print 'x'\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o751)).unwrap();
    assert_eq!(run(dir.path(), &["check", "--fix", "script.py"]).status.code(), Some(0));
    assert_eq!(std::fs::metadata(&script).unwrap().permissions().mode() & 0o777, 0o751);

    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("target.py");
    std::fs::write(&target, "print 'outside'\n").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.py")).unwrap();
    // Walking a directory does not follow the link at all.
    let walked = run(dir.path(), &["check", "--fix"]);
    assert_eq!(walked.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "print 'outside'\n");
    // Naming the link explicitly is an error, and the target is untouched.
    let named = run(dir.path(), &["check", "--fix", "link.py"]);
    assert_eq!(named.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "print 'outside'\n");
}

#[test]
fn diff_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), "x = 0777\n").unwrap();
    let output = run(dir.path(), &["check", "--diff"]);
    assert!(stdout(&output).contains("-x = 0777\n+x = 0o777\n"), "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(dir.path().join("a.py")).unwrap(), "x = 0777\n");
}

#[test]
fn undecodable_binary_and_oversized_files_get_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin.py"), b"x = '\xe9'\n").unwrap();
    std::fs::write(dir.path().join("binary.py"), b"\x7fELF\x00\x01\x02").unwrap();
    std::fs::write(dir.path().join("big.py"), "x = 1\n".repeat(200)).unwrap();
    std::fs::write(dir.path().join("py3port.toml"), "max-file-size = 1000\n").unwrap();
    let output = run(dir.path(), &["check", "--fix"]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "latin.py:1:1: PY3191 File not analysed: byte 5 is not valid UTF-8, and there is no coding cookie"
        ),
        "{text}"
    );
    assert!(text.contains("binary.py:1:1: PY3191 File not analysed: it contains NUL bytes"), "{text}");
    assert!(
        text.contains(
            "big.py:1:1: PY3190 File not analysed: 1200 bytes is over the `max-file-size` limit of 1000 bytes"
        ),
        "{text}"
    );
    assert_eq!(std::fs::read(dir.path().join("latin.py")).unwrap(), b"x = '\xe9'\n");
}

#[test]
fn configuration_is_discovered_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), "print 'x'\nx = 0777\n").unwrap();
    std::fs::write(dir.path().join("pyproject.toml"), "[tool.py3port]\nignore = [\"PY3101\"]\n").unwrap();
    let text = stdout(&run(dir.path(), &["check"]));
    assert!(!text.contains("PY3101") && text.contains("PY3105"), "{text}");
    // The command line overrides the file.
    let text = stdout(&run(dir.path(), &["check", "--select", "PY3101"]));
    assert!(text.contains("PY3101") && !text.contains("PY3105"), "{text}");
    std::fs::write(dir.path().join("pyproject.toml"), "[tool.py3port]\ntarget-version = \"py27\"\n").unwrap();
    let output = run(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("invalid value for `target-version`"));
}

#[test]
fn discovery_honours_gitignore_extensions_and_shebangs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "ignored.py\n").unwrap();
    for name in ["ignored.py", "gui.pyw", "module.py"] {
        std::fs::write(dir.path().join(name), "print 'x'\n").unwrap();
    }
    std::fs::write(dir.path().join("tool"), "#!/usr/bin/env python2\nprint 'x'\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "print 'x'\n").unwrap();
    std::fs::create_dir(dir.path().join(".venv")).unwrap();
    std::fs::write(dir.path().join(".venv/lib.py"), "print 'x'\n").unwrap();
    let text = stdout(&run(dir.path(), &["check"]));
    let files: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split(':').next())
        .filter(|f| !f.starts_with("Found") && !f.starts_with('['))
        .collect();
    assert_eq!(files, ["gui.pyw", "module.py", "tool"], "{text}");
}

#[test]
fn rules_are_listed_and_documented() {
    let output = py3port().args(["rules", "--output-format", "json"]).output().unwrap();
    let rules: Value = serde_json::from_slice(&output.stdout).unwrap();
    let print = rules.as_array().unwrap().iter().find(|r| r["code"] == "PY3101").unwrap();
    assert_eq!(print["name"], "print-statement");
    assert_eq!(print["family"], "syntax");
    assert_eq!(print["default_enabled"], true);
    assert_eq!(print["fix_availability"], "sometimes");
    assert_eq!(print["lib2to3_fixers"], serde_json::json!(["print"]));
    let docs = stdout(&py3port().args(["rule", "print-statement"]).output().unwrap());
    assert!(docs.starts_with("# print-statement (PY3101)") && docs.contains("## Fix safety"), "{docs}");
    assert_eq!(py3port().args(["rule", "PY9999"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn statistics_show_counts_and_dialects() {
    let output = run(example_dir(), &["check", "--no-cache", "--statistics"]);
    let text = stdout(&output);
    assert!(text.lines().next().unwrap().contains("PY3101\t[*] print-statement"), "{text}");
    assert!(text.contains("Files by dialect: "), "{text}");
}

#[test]
fn neutral_files_of_a_mostly_python2_project_are_read_as_python2() {
    let dir = tempfile::tempdir().unwrap();
    let neutral = "def first(items):\n    return map(str, items)[0]\n";
    std::fs::write(dir.path().join("neutral.py"), neutral).unwrap();
    std::fs::write(dir.path().join("a.py"), "print 'a'\n").unwrap();
    std::fs::write(dir.path().join("b.py"), "print 'b'\n").unwrap();
    let text = stdout(&run(dir.path(), &["check", "neutral.py", "a.py", "b.py"]));
    assert!(text.contains("neutral.py:2:12: PY3405"), "two Python 2 files to none:\n{text}");
    // Fixing decides the same way before it writes.
    let diff = stdout(&run(dir.path(), &["check", "--diff", "neutral.py", "a.py", "b.py"]));
    assert!(diff.contains("+    return list(map(str, items))[0]"), "{diff}");

    // More Python 3 files than Python 2 ones: the neutral file may be Python 3 already.
    for name in ["c.py", "d.py", "e.py"] {
        std::fs::write(dir.path().join(name), "print(f'{1}')\n").unwrap();
    }
    let text = stdout(&run(dir.path(), &["check", "neutral.py", "a.py", "b.py", "c.py", "d.py", "e.py"]));
    assert!(!text.contains("PY3405"), "{text}");
    // Checked alone, the file is neutral.
    assert!(!stdout(&run(dir.path(), &["check", "neutral.py"])).contains("PY3405"));
}
