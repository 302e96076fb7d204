//! End-to-end tests of dependency readiness: `py3port check` finds the manifests with the
//! code (following `-r` includes), reports and fixes them (a `setup.py` gets its code
//! and dependency fixes together), finds unused requirements over a whole project only,
//! puts a dependencies section in `py3port report`, and `--online` answers from its
//! cache without the network.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::cargo_bin("py3port").expect("the binary is built");
    // Any request to PyPI fails at once: the tests never use the network.
    command.env("PY3PORT_PYPI_URL", "http://127.0.0.1:9/pypi");
    command.current_dir(dir).args(args).output().expect("py3port runs")
}

fn json(output: &Output) -> Vec<Value> {
    serde_json::from_slice::<Value>(&output.stdout).expect("valid JSON").as_array().unwrap().clone()
}

/// `(file:row:column, code)` of each finding in the dependency family.
fn findings(output: &Output) -> Vec<(String, String)> {
    json(output)
        .iter()
        .filter(|m| m["family"] == "dependencies")
        .map(|m| {
            (
                format!("{}:{}:{}", m["filename"].as_str().unwrap(), m["location"]["row"], m["location"]["column"]),
                m["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/__init__.py", "import yaml\nimport MySQLdb\nfrom PIL import Image\n");
    write(root, "app/jobs.py", "from concurrent import futures\nimport requests\n");
    write(
        root,
        "requirements.txt",
        "-r requirements/base.txt\nMySQL-python==1.2.5  # the driver\nfutures==3.3.0\nsimplejson==3.17.6\n",
    );
    write(root, "requirements/base.txt", "PyYAML==5.4.1\nrequests\nPIL\n");
    write(
        root,
        "setup.py",
        "from setuptools import setup\nprint \"building\"\nsetup(name='app', install_requires=['PIL>=1.1', 'six'])\n",
    );
    dir
}

#[test]
fn manifests_are_checked_with_the_code() {
    let dir = project();
    let output = run(dir.path(), &["check", "--no-cache", "--output-format", "json", "."]);
    assert_eq!(output.status.code(), Some(1));
    let mut found = findings(&output);
    found.sort();
    assert_eq!(
        found,
        [
            ("requirements.txt:2:1".to_owned(), "PY3601".to_owned()),
            ("requirements.txt:3:1".to_owned(), "PY3602".to_owned()),
            ("requirements.txt:4:1".to_owned(), "PY3605".to_owned()),
            ("requirements/base.txt:3:1".to_owned(), "PY3601".to_owned()),
            ("setup.py:3:38".to_owned(), "PY3601".to_owned()),
            ("setup.py:3:50".to_owned(), "PY3605".to_owned()),
        ]
    );
    // The code of setup.py is checked too.
    assert!(json(&output).iter().any(|m| m["filename"] == "setup.py" && m["code"] == "PY3101"));
    // Text output names the rule and the replacement.
    let text = run(dir.path(), &["check", "--no-cache", "."]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(
            "requirements.txt:2:1: PY3601 [*] `MySQL-python` never supported Python 3; use `mysqlclient` instead"
        ),
        "{text}"
    );
}

#[test]
fn unused_requirements_need_the_whole_project() {
    let dir = project();
    // One file is not the project: no unused-requirement findings.
    let output = run(dir.path(), &["check", "--no-cache", "--output-format", "json", "requirements.txt"]);
    let codes: Vec<String> = findings(&output).into_iter().map(|(_, code)| code).collect();
    assert_eq!(codes, ["PY3601", "PY3602", "PY3601"]);
    // Ignoring the family leaves the manifests alone.
    let output = run(dir.path(), &["check", "--no-cache", "--output-format", "json", "--extend-ignore", "PY36", "."]);
    assert!(findings(&output).is_empty());
}

/// The imports behind unused-requirement findings come from the check's own parse, and
/// from the cache on a warm run; a cache entry written by a run that did not record
/// imports (one file checked) is a miss, not a file that imports nothing.
#[test]
fn unused_requirements_are_the_same_cold_warm_and_after_a_partial_run() {
    let dir = project();
    let fresh = findings(&run(dir.path(), &["check", "--no-cache", "--output-format", "json", "."]));
    // Only `simplejson` and `six` are unused: the imports of both modules count.
    let unused: Vec<&str> = fresh.iter().filter(|(_, code)| code == "PY3605").map(|(at, _)| at.as_str()).collect();
    assert_eq!(unused, ["setup.py:3:50", "requirements.txt:4:1"], "{fresh:?}");

    let cache = dir.path().join("cache");
    let cache = cache.to_str().unwrap();
    let partial = ["check", "--cache-dir", cache, "--output-format", "json", "app/jobs.py", "app/__init__.py"];
    run(dir.path(), &partial);
    let after_partial = findings(&run(dir.path(), &["check", "--cache-dir", cache, "--output-format", "json", "."]));
    assert_eq!(after_partial, fresh);
    let warm = findings(&run(dir.path(), &["check", "--cache-dir", cache, "--output-format", "json", "."]));
    assert_eq!(warm, fresh);
}

#[test]
fn fix_rewrites_manifests_and_setup_py_together() {
    let dir = project();
    let output = run(dir.path(), &["check", "--no-cache", "--fix", "."]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stdout));
    let read = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();
    // Safe fixes only: the unused `simplejson` stays (its removal is unsafe).
    assert_eq!(read("requirements.txt"), "-r requirements/base.txt\nmysqlclient  # the driver\nsimplejson==3.17.6\n");
    // PIL to Pillow is unsafe (Pillow has no top-level `import Image`): PIL stays.
    assert_eq!(read("requirements/base.txt"), "PyYAML==5.4.1\nrequests\nPIL\n");
    assert_eq!(
        read("setup.py"),
        "from setuptools import setup\nprint(\"building\")\nsetup(name='app', install_requires=['PIL>=1.1', 'six'])\n"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("PY3605"), "{stdout}");
    // Nothing left to fix safely.
    let again = run(dir.path(), &["check", "--no-cache", "--fix", "."]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("Applied"), "{}", String::from_utf8_lossy(&again.stdout));
    // --unsafe-fixes removes the unused requirement.
    run(dir.path(), &["check", "--no-cache", "--fix", "--unsafe-fixes", "."]);
    assert_eq!(read("requirements.txt"), "-r requirements/base.txt\nmysqlclient  # the driver\n");
    assert_eq!(read("requirements/base.txt"), "PyYAML==5.4.1\nrequests\nPillow\n");
}

#[test]
fn diff_shows_manifest_fixes_without_writing() {
    let dir = project();
    let output = run(dir.path(), &["check", "--no-cache", "--diff", "."]);
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.contains("-MySQL-python==1.2.5  # the driver\n-futures==3.3.0\n+mysqlclient  # the driver\n"),
        "{diff}"
    );
    assert!(diff.contains("--- setup.py\n"), "{diff}");
    let requirements = std::fs::read_to_string(dir.path().join("requirements.txt")).unwrap();
    assert!(requirements.contains("MySQL-python==1.2.5"));
}

#[test]
fn report_has_a_dependencies_section() {
    let dir = project();
    let output = run(dir.path(), &["report", "--no-cache", "--json", "-", "--html", "report.html", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Dependencies: 3 manifests, 6 findings (3 blocking the port)"), "{stdout}");
    let start = stdout.find('{').unwrap();
    let end = stdout.rfind('}').unwrap();
    let data: Value = serde_json::from_str(&stdout[start..=end]).unwrap();
    let section = &data["dependencies"];
    assert_eq!(section["manifests"], serde_json::json!(["requirements/base.txt", "requirements.txt", "setup.py"]));
    assert_eq!(section["by_rule"]["PY3601"], 3);
    assert_eq!(section["findings"][0]["message"], "`PIL` never supported Python 3; use `Pillow` instead");
    assert_eq!(section["findings"][0]["fix"], "Replace `PIL` with `Pillow` (imports of `Image` become `PIL.Image`)");
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("<h2>Dependencies</h2>"));
    assert!(html.contains("requirements/base.txt:3"));
}

#[test]
fn online_answers_come_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", "import ldap\nimport simplejson\nimport unrecorded\n");
    write(root, "requirements.txt", "python-ldap==2.4.10\nsimplejson==3.17.6\nunrecorded==1.0\n");
    let recorded = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pypi");
    for name in ["python-ldap-2.4.10.json", "simplejson-3.17.6.json"] {
        write(root, &format!("cache/pypi/{name}"), &std::fs::read_to_string(recorded.join(name)).unwrap());
    }
    let args = ["check", "--no-cache", "--cache-dir", "cache", "--output-format", "json", "--online", "."];
    let output = run(root, &args);
    assert_eq!(findings(&output), [("requirements.txt:1:1".to_owned(), "PY3606".to_owned())]);
    let message = &json(&output)[0]["message"];
    assert_eq!(message, "PyPI says `python-ldap==2.4.10` does not run on Python 3: its classifiers name Python 2 only");
    // The release that is not in the cache could not be asked about: a warning, not an error.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--online: cannot ask PyPI") && stderr.contains("unrecorded"), "{stderr}");
    // Without --online, PyPI is not consulted.
    let output = run(root, &["check", "--no-cache", "--cache-dir", "cache", "--output-format", "json", "."]);
    assert!(findings(&output).is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).is_empty());
}

#[test]
fn standard_input_named_as_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let input = "MySQL-python==1.2.5\nsimplejson\n";
    let mut command = Command::cargo_bin("py3port").unwrap();
    let args = ["check", "--stdin-filename", "requirements.txt", "--output-format", "json", "-"];
    let output = command.current_dir(dir.path()).args(args).write_stdin(input).output().unwrap();
    assert_eq!(findings(&output), [("requirements.txt:1:1".to_owned(), "PY3601".to_owned())]);
    let mut command = Command::cargo_bin("py3port").unwrap();
    let args = ["check", "--stdin-filename", "requirements.txt", "--fix", "-"];
    let output = command.current_dir(dir.path()).args(args).write_stdin(input).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "mysqlclient\nsimplejson\n");
    // Nothing to fix: the input comes back as it was.
    let mut command = Command::cargo_bin("py3port").unwrap();
    let output = command.current_dir(dir.path()).args(args).write_stdin("requests\n").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "requests\n");
}
