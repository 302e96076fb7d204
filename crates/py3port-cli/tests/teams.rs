//! End-to-end tests of what a team porting a codebase relies on: the baseline ratchet and
//! the changed-lines gate on real temporary git repositories, configuration (`extend`,
//! `per-file-ignores`, `unfixable`, `extend-ignore`, `config --show`), exit codes with
//! fixes, the result cache, and the migration report.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

fn py3port(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("py3port")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("py3port runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "initial"]);
    dir
}

/// `path:row:col: CODE` of each reported diagnostic.
fn findings(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter(|line| line.contains(": PY"))
        .map(|line| line.split(" [").next().unwrap().split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect()
}

const LEGACY: &str = "import urllib2\n\ndef main():\n    print 'one'\n    x = 0777\n    return x\n";

#[test]
fn baseline_hides_known_findings_across_unrelated_edits() {
    let dir = repository(&[("app.py", LEGACY)]);
    let write = py3port(dir.path(), &["check", "--no-cache", "--write-baseline", "py3port-baseline.json"]);
    assert_eq!(write.status.code(), Some(0), "{}", String::from_utf8_lossy(&write.stderr));
    let baseline: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("py3port-baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["findings"].as_array().unwrap().len(), 3);
    assert_eq!(baseline["findings"][0]["file"], "app.py");

    let checked = py3port(dir.path(), &["check", "--no-cache", "--baseline", "py3port-baseline.json"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    assert_eq!(findings(&checked), Vec::<String>::new());

    // Lines added above the old findings, and a block re-indented, bring nothing back.
    let edited = format!(
        "\"\"\"The application.\"\"\"\nimport os\n\n{}",
        LEGACY.replace("    x = 0777\n", "    if True:\n        x = 0777\n")
    );
    std::fs::write(dir.path().join("app.py"), &edited).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "unrelated edits"]);
    let checked = py3port(dir.path(), &["check", "--no-cache", "--baseline", "py3port-baseline.json"]);
    assert_eq!(findings(&checked), Vec::<String>::new());
    assert_eq!(checked.status.code(), Some(0));

    // A new finding, and a second copy of an accepted line, are reported.
    std::fs::write(dir.path().join("app.py"), format!("{edited}    print 'two'\n    print 'one'\n")).unwrap();
    let checked = py3port(dir.path(), &["check", "--no-cache", "--baseline", "py3port-baseline.json"]);
    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(findings(&checked), ["app.py:11:5: PY3101", "app.py:12:5: PY3101"]);

    // The baseline is found from another working directory, its paths being relative to it.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let checked = py3port(&sub, &["check", "--no-cache", "--baseline", "../py3port-baseline.json", ".."]);
    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(findings(&checked).len(), 2, "{}", stdout(&checked));
}

#[test]
fn a_malformed_baseline_is_an_error() {
    let dir = repository(&[("app.py", LEGACY)]);
    std::fs::write(dir.path().join("baseline.json"), "{\"findings\": 3}").unwrap();
    let output = py3port(dir.path(), &["check", "--no-cache", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a py3port baseline"));
}

#[test]
fn diff_base_reports_only_changed_lines() {
    let dir = repository(&[("app.py", LEGACY), ("other.py", "print 'untouched'\n")]);
    // An added line, a changed line, an untracked file, and a staged new file.
    let changed = LEGACY.replace("    x = 0777\n", "    x = 0755\n") + "\ndef more():\n    print 'added'\n";
    std::fs::write(dir.path().join("app.py"), changed).unwrap();
    std::fs::write(dir.path().join("new.py"), "exec 'code'\n").unwrap();
    std::fs::write(dir.path().join("staged.py"), "x = `1`\n").unwrap();
    git(dir.path(), &["add", "staged.py"]);
    let output = py3port(dir.path(), &["check", "--no-cache", "--diff-base", "HEAD"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        findings(&output),
        ["app.py:5:9: PY3105", "app.py:9:5: PY3101", "new.py:1:1: PY3102", "staged.py:1:5: PY3103"],
        "{}",
        stdout(&output)
    );
    // Once committed, nothing is new since HEAD, and the same four are new since HEAD~1.
    // A revision git does not know is an error.
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "more"]);
    let output = py3port(dir.path(), &["check", "--no-cache", "--diff-base", "HEAD"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = py3port(dir.path(), &["check", "--no-cache", "--diff-base", "HEAD~1"]);
    assert_eq!(findings(&output).len(), 4, "{}", stdout(&output));
    let output = py3port(dir.path(), &["check", "--no-cache", "--diff-base", "no-such-revision"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("bad revision 'no-such-revision'"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn diff_base_works_from_a_subdirectory() {
    let dir = repository(&[("top.py", "print 'old'\n")]);
    let pkg = dir.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(pkg.join("mod.py"), "print 'new'\n").unwrap();
    std::fs::write(dir.path().join("top.py"), "print 'old'\nprint 'changed'\n").unwrap();
    let output = py3port(&pkg, &["check", "--no-cache", "--diff-base", "HEAD", "."]);
    assert_eq!(findings(&output), ["mod.py:1:1: PY3101"], "{}", stdout(&output));
    let output = py3port(&pkg, &["check", "--no-cache", "--diff-base", "HEAD", ".."]);
    assert_eq!(findings(&output), ["../pkg/mod.py:1:1: PY3101", "../top.py:2:1: PY3101"], "{}", stdout(&output));
}

#[test]
fn configuration_extends_a_base_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("configs")).unwrap();
    std::fs::write(
        dir.path().join("configs/base.toml"),
        "ignore = [\"PY3101\"]\ntarget-version = \"py38\"\nextend-ignore = [\"PY3302\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[tool.py3port]\nextend = \"configs/base.toml\"\ntarget-version = \"py310\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.py"), LEGACY).unwrap();
    let output = py3port(dir.path(), &["check", "--no-cache"]);
    assert_eq!(findings(&output), ["a.py:5:9: PY3105"], "{}", stdout(&output));
    // --extend-select on the command line adds to what the files say.
    std::fs::write(dir.path().join("b.py"), "def f():\n    return\n").unwrap();

    let show = stdout(&py3port(dir.path(), &["config", "--show", "a.py"]));
    let base = std::path::absolute(dir.path().join("configs/base.toml")).unwrap();
    let pyproject = std::path::absolute(dir.path().join("pyproject.toml")).unwrap();
    let line = |key: &str| show.lines().find(|l| l.starts_with(&format!("{key} = "))).unwrap_or("").to_owned();
    assert!(
        line("ignore").contains("[\"PY3101\"]") && line("ignore").ends_with(&format!("# {}", base.display())),
        "{show}"
    );
    assert!(
        line("target-version").contains("\"py310\"")
            && line("target-version").ends_with(&format!("# {}", pyproject.display())),
        "{show}"
    );
    assert!(line("source").contains("\"auto\"") && line("source").ends_with("# default"), "{show}");
    assert!(show.contains("No per-file-ignores pattern matches this file."), "{show}");

    let json: serde_json::Value =
        serde_json::from_slice(&py3port(dir.path(), &["config", "--show", "a.py", "--output-format", "json"]).stdout)
            .unwrap();
    let setting = |key: &str| json["settings"].as_array().unwrap().iter().find(|s| s["key"] == key).unwrap().clone();
    assert_eq!(setting("extend-ignore")["value"], serde_json::json!(["PY3302"]));
    assert_eq!(setting("extend-ignore")["origin"], base.display().to_string());
    assert_eq!(setting("min-confidence")["origin"], "default");
    assert_eq!(
        json["configuration_files"],
        serde_json::json!([base.display().to_string(), pyproject.display().to_string()])
    );
    assert!(!json["enabled_rules"].as_array().unwrap().iter().any(|r| r == "PY3101"));
}

#[test]
fn an_extend_cycle_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("py3port.toml"), "extend = \"other.toml\"\n").unwrap();
    std::fs::write(dir.path().join("other.toml"), "extend = \"py3port.toml\"\n").unwrap();
    std::fs::write(dir.path().join("a.py"), "x = 1\n").unwrap();
    let output = py3port(dir.path(), &["check", "--no-cache"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`extend` cycle"));
}

#[test]
fn per_file_ignores_win_over_select() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tests")).unwrap();
    std::fs::write(
        dir.path().join("py3port.toml"),
        "select = [\"PY3101\", \"PY3105\"]\n[per-file-ignores]\n\"tests/*\" = [\"PY31\"]\n\"legacy_*.py\" = [\"PY3105\"]\n",
    )
    .unwrap();
    let code = "print 'x'\ny = 0777\n";
    for name in ["app.py", "tests/test_app.py", "legacy_io.py"] {
        std::fs::write(dir.path().join(name), code).unwrap();
    }
    let output = py3port(dir.path(), &["check", "--no-cache"]);
    assert_eq!(
        findings(&output),
        ["app.py:1:1: PY3101", "app.py:2:5: PY3105", "legacy_io.py:1:1: PY3101"],
        "{}",
        stdout(&output)
    );
    // Fixing honours them too: the ignored file is left alone.
    let output = py3port(dir.path(), &["check", "--fix"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(dir.path().join("tests/test_app.py")).unwrap(), code);
    assert_eq!(std::fs::read_to_string(dir.path().join("legacy_io.py")).unwrap(), "print('x')\ny = 0777\n");
    let show = stdout(&py3port(dir.path(), &["config", "--show", "tests/test_app.py"]));
    assert!(show.contains("per-file-ignores: \"tests/*\" matches this file: PY31 ignored"), "{show}");
}

#[test]
fn unfixable_rules_are_reported_but_never_fixed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("py3port.toml"), "unfixable = [\"print-statement\"]\n").unwrap();
    std::fs::write(dir.path().join("a.py"), "print 'x'\ny = 0777\n").unwrap();
    let output = py3port(dir.path(), &["check", "--no-cache"]);
    assert!(stdout(&output).contains("a.py:1:1: PY3101 `print`"), "{}", stdout(&output));
    assert!(stdout(&output).contains("a.py:2:5: PY3105 [*]"), "{}", stdout(&output));
    let output = py3port(dir.path(), &["check", "--fix"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(dir.path().join("a.py")).unwrap(), "print 'x'\ny = 0o777\n");
    // The command line can add to it.
    std::fs::write(dir.path().join("a.py"), "x = `1`\n").unwrap();
    let output = py3port(dir.path(), &["check", "--fix", "--unfixable", "PY3103"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(dir.path().join("a.py")).unwrap(), "x = `1`\n");
}

#[test]
fn exit_non_zero_on_fix() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.py");
    std::fs::write(&file, "x = 0777\n").unwrap();
    assert_eq!(py3port(dir.path(), &["check", "--fix"]).status.code(), Some(0));
    std::fs::write(&file, "x = 0777\n").unwrap();
    assert_eq!(py3port(dir.path(), &["check", "--fix", "--exit-non-zero-on-fix"]).status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x = 0o777\n");
    // Nothing left to fix: success again.
    assert_eq!(py3port(dir.path(), &["check", "--fix", "--exit-non-zero-on-fix"]).status.code(), Some(0));
}

#[test]
fn extend_ignore_adds_to_the_configured_ignores() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("py3port.toml"), "ignore = [\"PY3101\"]\n").unwrap();
    std::fs::write(dir.path().join("a.py"), "print 'x'\ny = 0777\nz = `1`\n").unwrap();
    let output = py3port(dir.path(), &["check", "--no-cache", "--extend-ignore", "PY3105"]);
    assert_eq!(findings(&output), ["a.py:3:5: PY3103"], "{}", stdout(&output));
}

/// The cache files of analyses under `dir` (not the small files of method names), and how
/// many entries they hold.
fn cache_files(dir: &Path) -> (Vec<std::path::PathBuf>, usize) {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(directory) = stack.pop() {
        for entry in std::fs::read_dir(&directory).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json")
                && !path.to_string_lossy().ends_with(".methods.json")
            {
                files.push(path);
            }
        }
    }
    let entries = files
        .iter()
        .filter_map(|file| serde_json::from_slice::<serde_json::Value>(&std::fs::read(file).ok()?).ok())
        .map(|pack| pack["entries"].as_object().map_or(0, serde_json::Map::len))
        .sum();
    (files, entries)
}

#[test]
fn the_cache_is_used_and_keyed_by_content_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), "print 'x'\n").unwrap();
    let first = py3port(dir.path(), &["check"]);
    let cache = dir.path().join(".py3port_cache");
    let (files, entries) = cache_files(&cache);
    assert_eq!((files.len(), entries), (1, 1), "one file for the run, one entry per analysed file");
    assert!(cache.join("CACHEDIR.TAG").is_file() && cache.join(".gitignore").is_file());
    // Tamper with the entry: a run that reads it shows the tampered message.
    let pack = std::fs::read_to_string(&files[0]).unwrap();
    assert!(pack.contains("`print` statement is a syntax error"), "{pack}");
    std::fs::write(&files[0], pack.replace("`print` statement is a syntax error", "FROM THE CACHE")).unwrap();
    let second = py3port(dir.path(), &["check"]);
    assert!(stdout(&second).contains("a.py:1:1: PY3101 [*] FROM THE CACHE on Python 3"), "{}", stdout(&second));
    // --no-cache, other settings, or other content: analysed afresh.
    assert_eq!(stdout(&py3port(dir.path(), &["check", "--no-cache"])), stdout(&first));
    assert!(!stdout(&py3port(dir.path(), &["check", "--target-version", "py38"])).contains("FROM THE CACHE"));
    std::fs::write(dir.path().join("a.py"), "print 'x'\n\n").unwrap();
    assert!(!stdout(&py3port(dir.path(), &["check"])).contains("FROM THE CACHE"));
    // Both contents are kept: going back to the first hits the tampered entry again.
    std::fs::write(dir.path().join("a.py"), "print 'x'\n").unwrap();
    assert!(stdout(&py3port(dir.path(), &["check"])).contains("FROM THE CACHE"));
    // A damaged cache file is a miss, not an error.
    for file in cache_files(&cache).0 {
        std::fs::write(file, "{not json").unwrap();
    }
    let damaged = py3port(dir.path(), &["check"]);
    assert_eq!(damaged.status.code(), Some(1));
    assert!(stdout(&damaged).contains("a.py:1:1: PY3101 [*] `print` statement"), "{}", stdout(&damaged));
    // --cache-dir puts it elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    py3port(dir.path(), &["check", "--cache-dir", elsewhere.path().to_str().unwrap()]);
    assert_eq!(cache_files(elsewhere.path()).1, 1);
}

/// A warm run takes the method names the project defined last time from the cache and
/// checks them against the files it reads: when a file starts or stops defining
/// `has_key`, the other files' findings change as they do without the cache.
#[test]
fn the_cache_follows_the_methods_the_project_defines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), "print 'a'\nif d.has_key('k'):\n    pass\n").unwrap();
    let plain = "class Table(object):\n    pass\n";
    let defining = "class Table(object):\n    def has_key(self, key):\n        return False\n";
    std::fs::write(dir.path().join("b.py"), plain).unwrap();
    let json = ["check", "--output-format", "json"];
    let uncached = ["check", "--output-format", "json", "--no-cache"];
    let applicability = |output: &Output| {
        let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let has_key = findings.as_array().unwrap().iter().find(|f| f["code"] == "PY3218").cloned();
        has_key.map(|f| f["fix"]["applicability"].as_str().unwrap().to_owned())
    };
    let cold = py3port(dir.path(), &json);
    assert_eq!(applicability(&cold).as_deref(), Some("safe"), "{}", stdout(&cold));
    assert_eq!(stdout(&py3port(dir.path(), &json)), stdout(&cold));

    std::fs::write(dir.path().join("b.py"), defining).unwrap();
    let defined = py3port(dir.path(), &json);
    assert_eq!(applicability(&defined).as_deref(), Some("unsafe"), "{}", stdout(&defined));
    assert_eq!(stdout(&defined), stdout(&py3port(dir.path(), &uncached)));
    assert_eq!(stdout(&py3port(dir.path(), &json)), stdout(&defined));

    std::fs::write(dir.path().join("b.py"), plain).unwrap();
    assert_eq!(stdout(&py3port(dir.path(), &json)), stdout(&cold));

    // A run over other files, all of them in the cache, records their method names in the
    // small file beside the analyses and leaves the analyses as they are.
    let cache = dir.path().join(".py3port_cache");
    let (files, entries) = cache_files(&cache);
    let analyses = std::fs::read(&files[0]).unwrap();
    let written = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
    let methods = files[0].with_extension("methods.json");
    let lists = |file: &Path| serde_json::from_slice::<Vec<serde_json::Value>>(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(lists(&methods).len(), 1, "one list of files so far");
    py3port(dir.path(), &["check", "a.py"]);
    assert_eq!(std::fs::read(&files[0]).unwrap(), analyses);
    assert_eq!(std::fs::metadata(&files[0]).unwrap().modified().unwrap(), written, "not written again");
    assert_eq!(cache_files(&cache).1, entries);
    assert_eq!(lists(&methods).len(), 2);
}

#[test]
fn the_cache_keeps_the_project_dialect_decision() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("neutral.py"), "def first(items):\n    return map(str, items)[0]\n").unwrap();
    std::fs::write(dir.path().join("a.py"), "print 'a'\n").unwrap();
    std::fs::write(dir.path().join("b.py"), "print 'b'\n").unwrap();
    let cold = stdout(&py3port(dir.path(), &["check", "--output-format", "full"]));
    let warm = stdout(&py3port(dir.path(), &["check", "--output-format", "full"]));
    assert!(cold.contains("neutral.py:2:12: PY3405"), "{cold}");
    assert!(warm.contains("2 |     return map(str, items)[0]"), "{warm}");
    assert_eq!(cold, warm);
    // Checked alone, the same bytes are neutral: the cache does not carry the hint over.
    assert!(!stdout(&py3port(dir.path(), &["check", "neutral.py"])).contains("PY3405"));
}

#[test]
fn concurrent_runs_share_the_cache_safely() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::write(dir.path().join(format!("m{i}.py")), format!("print {i}\nx = 0{i}7\n")).unwrap();
    }
    let expected = stdout(&py3port(dir.path(), &["check", "--no-cache"]));
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || stdout(&py3port(&path, &["check"])))
        })
        .collect();
    for run in runs {
        assert_eq!(run.join().unwrap(), expected);
    }
    assert_eq!(stdout(&py3port(dir.path(), &["check"])), expected);
    assert_eq!(cache_files(&dir.path().join(".py3port_cache")).1, 40);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..250 {
        std::fs::write(dir.path().join(format!("m{i}.py")), "x = 1\n").unwrap();
    }
    let output = py3port(dir.path(), &["check", "--no-cache"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn report_measures_readiness_now_and_after_fix() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(pkg.join("sub")).unwrap();
    std::fs::write(pkg.join("__init__.py"), "").unwrap();
    // Fixable syntax: not ready now, ready after the fix.
    std::fs::write(pkg.join("fixable.py"), "print 'x'\n").unwrap();
    // Not fixable safely (a print with a trailing comma needs --unsafe-fixes).
    std::fs::write(pkg.join("sub/stuck.py"), "print 'a',\n").unwrap();
    // Python 3 already.
    std::fs::write(dir.path().join("modern.py"), "print(f'{1}')\n").unwrap();
    let html = dir.path().join("report.html");
    let json = dir.path().join("report.json");
    let output = py3port(
        dir.path(),
        &["report", ".", "--verify", "--html", html.to_str().unwrap(), "--json", json.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let summary = stdout(&output);
    assert!(summary.contains("Ready for Python 3: 2 of 4 files (50.0%) now, 3 (75.0%) after"), "{summary}");
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(data["files"], 4);
    assert_eq!(data["ready_now"], 2);
    assert_eq!(data["ready_after_fix"], 3);
    assert_eq!(data["diagnostics_now"], 2);
    assert_eq!(data["diagnostics_after_fix"], 1);
    assert_eq!(data["fixes_applied"], 1);
    // The dialect mix is by each file's own syntax: the empty `__init__.py` is neutral
    // (though the analysis reads it as Python 2, like most of the project).
    assert_eq!(data["dialects"]["python2"], 2);
    assert_eq!(data["dialects"]["compatible"], 1);
    assert_eq!(data["dialects"]["python3"], 1);
    let package = data["packages"].as_array().unwrap().iter().find(|p| p["path"] == "pkg").unwrap();
    assert_eq!(
        (package["files"].as_u64(), package["ready_now"].as_u64(), package["ready_after_fix"].as_u64()),
        (Some(3), Some(1), Some(2))
    );
    let sub = data["directories"].as_array().unwrap().iter().find(|p| p["path"] == "pkg/sub").unwrap();
    assert_eq!(sub["ready_after_fix"], 0);
    assert_eq!(data["most_work"][0]["path"], "pkg/sub/stuck.py");
    assert_eq!(data["rules"][0]["code"], "PY3101");
    assert_eq!(data["rules"][0]["fixes_applied"], 1);
    // python3 compiles the ready files, and the fixed one.
    if let Some(verification) = data["verification"].as_object() {
        assert_eq!(verification["compile_now"], 2);
        assert_eq!(verification["compile_after_fix"], 3);
    }
    // Nothing was written to the sources.
    assert_eq!(std::fs::read_to_string(pkg.join("fixable.py")).unwrap(), "print 'x'\n");
    // The page is self-contained: no external script, style sheet, font or image.
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<svg") && page.contains("<style>") && page.contains("<script>"));
    for external in ["<script src", "<link", "@import", "url(", "<img"] {
        assert!(!page.contains(external), "{external}");
    }
    assert!(page.contains("pkg/sub/stuck.py"));
}
