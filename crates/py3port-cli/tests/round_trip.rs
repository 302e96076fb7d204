//! The whole journey on a real Python 2 project (web.py 0.37, see `tests/data`): `--target
//! py2-py3 --fix` makes code that Python 2.7 and Python 3 both compile and that passes
//! web.py's own doctests on Python 2.7 as before; once the project declares Python 3 only,
//! `--target py3 --select PY35 --fix` removes the compatibility layer (six, `__future__`,
//! shims) without changing what the doctests see on Python 3.
//!
//! Needs Python 2.7 (pyenv's `2.7.18`, with `six` installed) and Python 3; it fails, saying
//! so, when either is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Binary;

/// Python 2.7 through pyenv's shim, or on the `PATH`.
fn python2() -> Command {
    let mut command = Command::new("python2.7");
    command.env("PYENV_VERSION", "2.7.18");
    command
}

fn python3() -> Command {
    Command::new("python3")
}

fn require(mut command: Command, what: &str) {
    let ok = command.args(["-c", "import six"]).output().is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{what} with `six` is required by this test (pyenv's 2.7.18: `PYENV_VERSION=2.7.18 python2.7 -m pip install six`)"
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(python_files(&path));
        } else if path.extension().is_some_and(|e| e == "py") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The files that `python` cannot compile, with the error (nothing is written).
fn compile_errors(mut python: Command, dir: &Path) -> Vec<String> {
    let script = "import sys\nfor path in sys.argv[1:]:\n    try:\n        compile(open(path, 'rb').read(), path, 'exec')\n    except SyntaxError as error:\n        print('%s: %s' % (path, error))\n";
    let output = python.arg("-c").arg(script).args(python_files(dir)).output().expect("python runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect()
}

/// web.py's doctests, module by module: the summary line of each (attempted, failed,
/// or why it could not be imported).
fn doctests(mut python: Command, dir: &Path) -> String {
    let script = r#"
import doctest, importlib, sys
sys.path.insert(0, sys.argv[1])
for name in ["utils", "template", "net", "http", "form", "db", "webapi", "application", "session"]:
    try:
        module = importlib.import_module("web." + name)
    except Exception as error:
        print("%s: import failed: %s" % (name, type(error).__name__))
        continue
    result = doctest.testmod(module, report=False, optionflags=doctest.ELLIPSIS)
    print("%s: %d attempted, %d failed" % (name, result.attempted, result.failed))
"#;
    let output = python.env("PYTHONDONTWRITEBYTECODE", "1").arg("-c").arg(script).arg(dir).output().unwrap();
    // Only the summaries: the reports of failures name lines, which the fixes move.
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.contains(" attempted, ") || line.contains("import failed"))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn py3port(dir: &Path, args: &[&str]) {
    let output = Binary::cargo_bin("py3port").unwrap().current_dir(dir).args(args).output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "py3port {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read_all(dir: &Path) -> String {
    python_files(dir).iter().map(|path| std::fs::read_to_string(path).unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn web_py_goes_to_2_and_3_code_then_drops_the_compatibility_layer() {
    require(python2(), "Python 2.7");
    require(python3(), "Python 3");
    let original = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/webpy-0.37"));
    let work = tempfile::tempdir().unwrap();
    let project = work.path().join("web.py");
    copy_tree(original, &project);

    // Where it starts: Python 2.7 compiles it and Python 3 does not.
    assert_eq!(compile_errors(python2(), &project), Vec::<String>::new());
    assert!(!compile_errors(python3(), &project).is_empty());
    let doctests_on_2 = doctests(python2(), &project);
    assert!(doctests_on_2.contains("utils: 185 attempted"), "{doctests_on_2}");

    // The rollout: code for both, with six.
    py3port(
        &project,
        &["check", "--no-cache", "--target", "py2-py3", "--compat-library", "six", "--fix", "--unsafe-fixes", "."],
    );
    let both = read_all(&project);
    assert!(both.contains("six.iteritems(") && both.contains("from __future__ import print_function"));
    assert_eq!(compile_errors(python2(), &project), Vec::<String>::new(), "Python 2.7 no longer compiles it");
    assert_eq!(compile_errors(python3(), &project), Vec::<String>::new(), "Python 3 does not compile it");
    assert_eq!(doctests(python2(), &project), doctests_on_2, "the doctests changed on Python 2.7");
    let doctests_on_3 = doctests(python3(), &project);

    // Python 2 is dropped: the project says so, and the leftovers go.
    std::fs::write(project.join("pyproject.toml"), "[project]\nname = \"web.py\"\nrequires-python = \">=3.8\"\n")
        .unwrap();
    py3port(&project, &["check", "--no-cache", "--target", "py3", "--select", "PY35", "--fix", "--unsafe-fixes", "."]);
    let python3_only = read_all(&project);
    for layer in ["import six", "six.", "from six", "__future__", "import __builtin__"] {
        assert!(!python3_only.contains(layer), "`{layer}` is still there");
    }
    assert_eq!(compile_errors(python3(), &project), Vec::<String>::new(), "Python 3 does not compile it");
    assert_eq!(doctests(python3(), &project), doctests_on_3, "removing the layer changed the doctests on Python 3");
}
