//! Golden tests of every output format on one small project (reviewed insta snapshots),
//! the SARIF output validated against the official SARIF 2.1.0 schema, and colour.

use std::path::Path;

use assert_cmd::Command;

/// A project with a Python 2 file (non-ASCII text, fixes safe and not, three severities),
/// a clean file and an empty package file.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir(&app).unwrap();
    std::fs::write(app.join("__init__.py"), "").unwrap();
    std::fs::write(
        app.join("legacy.py"),
        "# -*- coding: utf-8 -*-\nimport urllib2\nname = u\"café 😀\"; print \"hello\", name\nif d.has_key(\"k\"):\n    x = 0777\nprint \"a\" % (1,),\n",
    )
    .unwrap();
    std::fs::write(app.join("clean.py"), "print(\"fine\")\n").unwrap();
    std::fs::write(dir.path().join("py3port.toml"), "severity = { PY3105 = \"warning\", PY3302 = \"info\" }\n")
        .unwrap();
    dir
}

fn output(dir: &Path, format: &str, extra: &[&str]) -> String {
    let output = Command::cargo_bin("py3port")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(["check", "--no-cache", "--output-format", format])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn concise_format() {
    insta::assert_snapshot!(output(project().path(), "concise", &[]));
}

#[test]
fn full_format_shows_source_and_fixes() {
    insta::assert_snapshot!(output(project().path(), "full", &[]));
}

#[test]
fn grouped_format_groups_by_file_with_source_lines() {
    insta::assert_snapshot!(output(project().path(), "grouped", &[]));
}

#[test]
fn github_format_is_workflow_commands() {
    insta::assert_snapshot!(output(project().path(), "github", &[]));
}

#[test]
fn gitlab_format_is_code_quality_json() {
    let text = output(project().path(), "gitlab", &[]);
    let issues: serde_json::Value = serde_json::from_str(&text).unwrap();
    let fingerprints: std::collections::HashSet<&str> =
        issues.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fingerprints.len(), issues.as_array().unwrap().len(), "fingerprints are unique");
    insta::assert_snapshot!(text);
}

#[test]
fn rdjson_format_counts_columns_in_utf8_bytes() {
    let text = output(project().path(), "rdjson", &[]);
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let print = document["diagnostics"].as_array().unwrap().iter().find(|d| d["code"]["value"] == "PY3101").unwrap();
    // `print` follows `name = u"café 😀"; `: 18 characters, 22 bytes.
    assert_eq!(print["location"]["range"]["start"], serde_json::json!({"line": 3, "column": 23}));
    insta::assert_snapshot!(text);
}

#[test]
fn junit_format_has_a_suite_per_file() {
    insta::assert_snapshot!(output(project().path(), "junit", &[]));
}

#[test]
fn sarif_format() {
    insta::assert_snapshot!(output(project().path(), "sarif", &[]));
}

#[test]
fn sarif_output_is_valid_against_the_2_1_0_schema() {
    let schema: serde_json::Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let dir = project();
    for extra in [&[][..], &["--unsafe-fixes"][..]] {
        let log: serde_json::Value = serde_json::from_str(&output(dir.path(), "sarif", extra)).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 5);
    }
    // The validator does reject what the schema forbids.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]});
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_rules_link_their_docs_and_fingerprints_survive_unrelated_edits() {
    let dir = project();
    let before: serde_json::Value = serde_json::from_str(&output(dir.path(), "sarif", &[])).unwrap();
    let rules = before["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let print = rules.iter().find(|r| r["id"] == "PY3101").unwrap();
    assert_eq!(print["helpUri"], "https://py3port.github.io/py3port/rules/print-statement/");
    let legacy = dir.path().join("app/legacy.py");
    let text = std::fs::read_to_string(&legacy).unwrap();
    std::fs::write(&legacy, format!("\"\"\"A docstring.\"\"\"\n\n{text}")).unwrap();
    let after: serde_json::Value = serde_json::from_str(&output(dir.path(), "sarif", &[])).unwrap();
    let fingerprints = |log: &serde_json::Value| -> Vec<(String, u64)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["py3portLineHash/v1"].as_str().unwrap().to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let (before, after) = (fingerprints(&before), fingerprints(&after));
    assert_eq!(before.len(), after.len());
    for ((fingerprint_before, line_before), (fingerprint_after, line_after)) in before.iter().zip(&after) {
        assert_eq!(fingerprint_before, fingerprint_after);
        assert_eq!(line_before + 2, *line_after);
    }
}

#[test]
fn colour_follows_color_and_no_color() {
    let dir = project();
    let run = |args: &[&str], no_color: Option<&str>| {
        let mut command = Command::cargo_bin("py3port").unwrap();
        command.current_dir(dir.path()).args(["check", "--no-cache"]).args(args);
        match no_color {
            Some(value) => command.env("NO_COLOR", value),
            None => command.env_remove("NO_COLOR"),
        };
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    let coloured = run(&["--color", "always"], None);
    assert!(coloured.contains("\x1b[1;31mPY3101\x1b[0m"), "{coloured}");
    // An explicit `--color always` wins over NO_COLOR, as in ruff.
    assert!(run(&["--color", "always"], Some("1")).contains("\x1b["));
    assert!(!run(&["--color", "never"], None).contains('\x1b'));
    // `auto` colours only a terminal; the test's pipe is not one.
    assert!(!run(&[], None).contains('\x1b'));
    let full = run(&["--color", "always", "--output-format", "full"], None);
    assert!(full.contains("\x1b[1;31m^^^^^^^^^^^^^^^^^^^ PY3101\x1b[0m"), "{full}");
}

#[test]
fn no_color_rules_for_a_terminal() {
    use py3port_cli::output::ColorChoice;
    assert!(ColorChoice::Auto.enabled(true, None));
    assert!(!ColorChoice::Auto.enabled(true, Some("1".as_ref())));
    // An empty NO_COLOR does not count (no-color.org).
    assert!(ColorChoice::Auto.enabled(true, Some("".as_ref())));
    assert!(!ColorChoice::Auto.enabled(false, None));
    assert!(ColorChoice::Always.enabled(false, Some("1".as_ref())));
    assert!(!ColorChoice::Never.enabled(true, None));
}
