//! Per-rule fixtures: every file under `tests/fixtures/` is checked with every rule, its
//! diagnostics and fixes are snapshotted, and the harness invariants hold on each:
//! fixes converge, never add a parse error, and the fixed file compiles under Python 3
//! unless each remaining compile error lies on a diagnostic that has no fix.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use py3port_core::{FileContext, FixAvailability, FixMode, ProjectPython, Rule, SettingValue, Settings, check, fix};

fn all_rules() -> Settings {
    let mut settings = Settings::default();
    settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
    settings.set("min-confidence", SettingValue::String("medium".into())).unwrap();
    settings
}

/// The file context a fixture asks for in a `# py3port-fixture: module=pkg.mod
/// siblings=a,b project=mostly-python2` line: what the CLI learns from the package
/// layout on disk and the project's metadata and other files.
fn fixture_context(source: &str) -> FileContext {
    let mut context = FileContext::default();
    for line in source.lines().filter_map(|line| line.strip_prefix("# py3port-fixture:")) {
        for pair in line.split_whitespace() {
            match pair.split_once('=') {
                Some(("module", value)) => context.module_name = Some(value.to_owned()),
                Some(("siblings", value)) => context.siblings = Some(value.split(',').map(str::to_owned).collect()),
                Some(("project-methods", value)) => {
                    context.project_methods = value.split(',').map(str::to_owned).collect()
                }
                Some(("project", "python2-only")) => context.project = ProjectPython::Python2Only,
                Some(("project", "mostly-python2")) => context.project = ProjectPython::MostlyPython2,
                _ => panic!("unknown fixture setting {pair:?}"),
            }
        }
    }
    context
}

/// The settings a fixture asks for in `# py3port-fixture-settings: target=py2-py3
/// compat-library=six` lines, over every rule at medium confidence; the leftovers
/// (`PY35`, off by default) only for the fixtures of `leftovers/`, which are Python 3
/// code. (Every fixture is also fixed with every rule: see `harness`.)
fn fixture_settings(source: &str, path: &Path) -> Settings {
    let mut settings = all_rules();
    if !path.components().any(|c| c.as_os_str() == "leftovers") {
        settings.set("extend-ignore", SettingValue::List(vec![SettingValue::String("PY35".into())])).unwrap();
    }
    for line in source.lines().filter_map(|line| line.strip_prefix("# py3port-fixture-settings:")) {
        for pair in line.split_whitespace() {
            let (key, value) = pair.split_once('=').expect("key=value");
            settings.set(key, SettingValue::String(value.to_owned())).expect("a valid setting");
        }
    }
    settings
}

/// Runs the harness on one fixture; returns the snapshot text.
fn harness(path: &Path) -> String {
    let source = std::fs::read_to_string(path).expect("fixtures are UTF-8");
    let settings = fixture_settings(&source, path);
    let context = fixture_context(&source);
    let analysis = check(&source, &settings, &context);

    if source.starts_with("# py3port: expect-clean") {
        let default = check(&source, &Settings::default(), &context);
        assert!(
            default.diagnostics.is_empty(),
            "{} must be clean:\n{}",
            path.display(),
            common::render(&source, &default)
        );
    }

    for diagnostic in &analysis.diagnostics {
        match diagnostic.rule.meta().fix_availability() {
            FixAvailability::Never => assert!(diagnostic.fix.is_none(), "{} declares no fix", diagnostic.rule.code()),
            // With `target = "py2-py3"`, a fix without a 2-and-3 form is withheld.
            FixAvailability::Always if settings.target == py3port_core::Target::Py2Py3 => {}
            FixAvailability::Always => {
                assert!(diagnostic.fix.is_some(), "{} declares a fix always: {diagnostic:?}", diagnostic.rule.code())
            }
            FixAvailability::Sometimes => {}
        }
    }

    let outcome = fix(&source, &settings, &context, FixMode::Unsafe);
    assert!(outcome.converged, "{}: fixes did not converge in {} rounds", path.display(), outcome.rounds);
    assert!(
        outcome.dropped.is_empty(),
        "{}: fixes were dropped for adding parse errors: {:?}",
        path.display(),
        outcome.dropped
    );
    assert!(
        common::error_count(&outcome.output) <= common::error_count(&source),
        "{}: fixes added parse errors:\n{}",
        path.display(),
        outcome.output
    );
    // Suppressed diagnostics are not fixed on purpose, so such fixtures may not compile.
    let suppresses = source.contains("# noqa") || source.contains("py3port: ignore");
    if let Some((line, message)) = common::python3_syntax_error(&outcome.output).filter(|_| !suppresses) {
        let index = py3port_core::LineIndex::new(&outcome.output);
        let explained = outcome.remaining.diagnostics.iter().any(|d| {
            d.fix.is_none() && (index.line_of(d.range.start()) + 1..=index.line_of(d.range.end()) + 1).contains(&line)
        });
        assert!(
            explained,
            "{}: the fixed file does not compile under Python 3 (line {line}: {message}) and no unfixable diagnostic explains it:\n{}",
            path.display(),
            outcome.output
        );
    }
    // 2-and-3 fixes keep Python 2.7 compiling what it compiled.
    if settings.target == py3port_core::Target::Py2Py3
        && common::python2_syntax_error(&source).is_none()
        && let Some((line, message)) = common::python2_syntax_error(&outcome.output)
    {
        panic!(
            "{}: with target py2-py3 the fixed file no longer compiles under Python 2.7 (line {line}: {message}):\n{}",
            path.display(),
            outcome.output
        );
    }
    // A second run finds nothing more to fix.
    let again = fix(&outcome.output, &settings, &context, FixMode::Unsafe);
    assert_eq!(again.applied_count(), 0, "{}: fixing twice changed the file again", path.display());
    // With the leftovers too, the fixes still converge: none undoes another's work.
    let mut everything = settings.clone();
    everything.extend_ignore.clear();
    let all = fix(&source, &everything, &context, FixMode::Unsafe);
    assert!(all.converged, "{}: with every rule, fixes did not converge in {} rounds", path.display(), all.rounds);
    assert!(all.dropped.is_empty(), "{}: with every rule, fixes were dropped: {:?}", path.display(), all.dropped);

    format!(
        "{}\n--- fixes applied (safe and unsafe): {} ---\n{}",
        common::render(&source, &analysis),
        outcome.applied_count(),
        common::diff(&source, &outcome.output)
    )
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/**/*.py", |path| {
        insta::assert_snapshot!(harness(path));
    });
}

/// Every rule that looks at code has a fixture that triggers it.
#[test]
fn every_rule_has_a_fixture() {
    let mut seen = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                let source = std::fs::read_to_string(&path).unwrap();
                for d in check(&source, &fixture_settings(&source, &path), &fixture_context(&source)).diagnostics {
                    seen.insert(d.rule);
                }
            }
        }
    }
    let engine_only = [Rule::FileTooLarge, Rule::UndecodableSource];
    // The dependency rules read manifests, not code: `tests/dependencies.rs` has theirs.
    let missing: Vec<_> = Rule::all()
        .filter(|rule| {
            !seen.contains(rule) && !engine_only.contains(rule) && rule.family() != py3port_core::Family::Dependencies
        })
        .map(Rule::code)
        .collect();
    assert!(missing.is_empty(), "rules without a triggering fixture: {missing:?}");
}
