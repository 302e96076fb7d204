//! End to end with a real editor: runs `tests/neovim/e2e.lua` in headless Neovim against
//! the built `py3port-lsp` binary and asserts what Neovim saw and the buffer it ended
//! with. Neovim is required: `scripts/test-all` installs it, and without it this test
//! fails rather than passing silently.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A failsafe against a hung editor; the assertions do not depend on time.
const PATIENCE: Duration = Duration::from_secs(180);

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

#[test]
fn neovim_shows_diagnostics_and_applies_quick_fix_and_fix_all() {
    let version = Command::new("nvim").arg("--version").output().unwrap_or_else(|error| {
        panic!("Neovim is required for this test (apt-get install neovim; scripts/test-all does it): {error}")
    });
    assert!(version.status.success(), "nvim --version failed");

    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("legacy.py");
    let e2e = repository().join("tests/neovim");
    std::fs::copy(e2e.join("legacy.py"), &file).unwrap();
    let out = scratch.path().join("out");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", e2e.join("e2e.lua").display()))
        .env("PY3PORT_LSP", env!("CARGO_BIN_EXE_py3port-lsp"))
        .env("PY3PORT_E2E_FILE", &file)
        .env("PY3PORT_E2E_OUT", &out)
        // Neovim's own files (the LSP log, state) stay in the scratch directory.
        .env("XDG_CACHE_HOME", scratch.path().join("cache"))
        .env("XDG_STATE_HOME", scratch.path().join("state"))
        .env("XDG_DATA_HOME", scratch.path().join("data"))
        .env("XDG_CONFIG_HOME", scratch.path().join("config"))
        .current_dir(scratch.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PATIENCE {
            child.kill().unwrap();
            panic!("Neovim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read = |suffix: &str| std::fs::read_to_string(format!("{}.{suffix}", out.display())).unwrap_or_default();
    assert!(status.success(), "Neovim failed: {}\nlog:\n{}", read("error"), read("log"));

    let log = read("log");
    let expected_log = "\
offset encoding: utf-16
diagnostic PY3302 0:7 `urllib2` does not exist on Python 3; its contents are in `urllib.request` and `urllib.error`
diagnostic PY3101 3:4 `print` statement is a syntax error on Python 3
diagnostic PY3103 4:11 Backquotes are a syntax error on Python 3; use `repr()`
diagnostic PY3104 6:20 `<>` is a syntax error on Python 3; use `!=`
diagnostic PY3302 7:11 `urllib2.urlopen` does not exist on Python 3
action quickfix.py3port.PY3101: PY3101: Replace with a `print()` call
action quickfix.py3port.noqa.PY3101: Disable PY3101 for this line
action source.fixAll.py3port: py3port: fix all safely fixable problems
after quick fix:     print(\"hello\", name)
";
    // Column 20 of `<>` is a byte column: the server sent UTF-16 column 17 (after `é😀`)
    // and Neovim converted it, so both sides agree on UTF-16.
    assert!(log.starts_with(expected_log), "log:\n{log}");
    assert!(log.contains("action source.fixAll.py3port: py3port: fix all safely fixable problems (resolved lazily)\n"));
    assert!(log.ends_with("diagnostics after fix all: 0\nserver stopped\n"), "log:\n{log}");

    let buffer = read("buffer");
    assert_eq!(
        buffer,
        "\
import urllib.request, urllib.error, urllib.parse

def greet(name):
    print(\"hello\", name)
    return repr(name)

if greet(u\"é😀\") != None:
    data = urllib.request.urlopen(\"http://x\").read()
"
    );
}
