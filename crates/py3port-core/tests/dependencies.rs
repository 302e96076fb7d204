//! Dependency fixtures: every file under `tests/dependencies/` is a manifest (its kind
//! comes from the name after the first `.`: `PY3601.requirements.txt`,
//! `poetry.pyproject.toml`, `extras.setup.py`, `pipenv.Pipfile`), checked with every
//! dependency rule; its diagnostics and fixes are snapshotted, and the fixes converge.
//! A fixture names the project's imports in `# py3port-imports: yaml six` lines (for the
//! unused-requirement rule) and PyPI's answers in `# py3port-pypi: name version
//! requires_python` lines (for `--online`).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use py3port_core::deps::{
    DepsContext, ManifestKind, ProjectImports, ReleaseInfo, check_dependencies, fix_dependencies,
};
use py3port_core::{Family, FixAvailability, FixMode, Rule, SettingValue, Settings};

fn kind_of(path: &Path) -> ManifestKind {
    let name = path.file_name().unwrap().to_string_lossy();
    let (_, rest) = name.split_once('.').expect("fixture names are `<name>.<manifest name>`");
    ManifestKind::from_path(rest).unwrap_or_else(|| panic!("{name}: not a manifest name"))
}

struct Fixture {
    kind: ManifestKind,
    source: String,
    settings: Settings,
    imports: Option<ProjectImports>,
    releases: Vec<ReleaseInfo>,
}

fn fixture(path: &Path) -> Fixture {
    let source = std::fs::read_to_string(path).expect("fixtures are UTF-8");
    let mut settings = Settings::default();
    settings.set("select", SettingValue::List(vec![SettingValue::String("PY36".into())])).unwrap();
    let mut imports = None;
    let mut releases = Vec::new();
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("# py3port-imports:") {
            imports.get_or_insert_with(ProjectImports::new).extend(rest.split_whitespace());
        } else if let Some(rest) = line.strip_prefix("# py3port-pypi:") {
            let mut parts = rest.split_whitespace();
            let (name, version) = (parts.next().unwrap(), parts.next().unwrap());
            let requires_python = parts.collect::<Vec<_>>().join(" ");
            releases.push(ReleaseInfo {
                name: name.to_owned(),
                version: version.to_owned(),
                requires_python: (!requires_python.is_empty()).then_some(requires_python),
                classifiers: Vec::new(),
            });
        } else if let Some(rest) = line.strip_prefix("# py3port-fixture-settings:") {
            for pair in rest.split_whitespace() {
                let (key, value) = pair.split_once('=').expect("key=value");
                settings.set(key, SettingValue::String(value.to_owned())).expect("a valid setting");
            }
        }
    }
    Fixture { kind: kind_of(path), source, settings, imports, releases }
}

fn harness(path: &Path) -> String {
    let fixture = fixture(path);
    let context = DepsContext { imports: fixture.imports.as_ref(), releases: &fixture.releases, project_name: None };
    let analysis = check_dependencies(fixture.kind, &fixture.source, &fixture.settings, &context);
    for diagnostic in &analysis.diagnostics {
        assert_eq!(diagnostic.rule.family(), Family::Dependencies);
        if diagnostic.rule.meta().fix_availability() == FixAvailability::Never {
            assert!(diagnostic.fix.is_none(), "{} declares no fix", diagnostic.rule.code());
        }
        assert!(diagnostic.range.end() as usize <= fixture.source.len());
    }
    let outcome = fix_dependencies(fixture.kind, &fixture.source, &fixture.settings, &context, FixMode::Unsafe);
    let again = fix_dependencies(fixture.kind, &outcome.output, &fixture.settings, &context, FixMode::Unsafe);
    assert_eq!(again.applied_count(), 0, "{}: fixing twice changed the file again", path.display());
    // A fixed `setup.py` is still Python.
    if fixture.kind == ManifestKind::SetupPy {
        assert_eq!(common::python3_syntax_error(&outcome.output), None, "{}:\n{}", path.display(), outcome.output);
    }
    // A fixed TOML file still parses.
    if matches!(fixture.kind, ManifestKind::Pyproject | ManifestKind::Pipfile) {
        assert!(toml::de::DeTable::parse(&outcome.output).is_ok(), "{}:\n{}", path.display(), outcome.output);
    }
    format!(
        "{}\n--- fixes applied (safe and unsafe): {} ---\n{}",
        common::render_diagnostics(&fixture.source, &analysis.diagnostics),
        outcome.applied_count(),
        common::diff(&fixture.source, &outcome.output)
    )
}

#[test]
fn dependency_fixtures() {
    insta::glob!("dependencies/*", |path| {
        insta::assert_snapshot!(harness(path));
    });
}

/// Every dependency rule has a fixture that triggers it.
#[test]
fn every_dependency_rule_has_a_fixture() {
    let mut seen = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dependencies");
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        let fixture = fixture(&path);
        let context =
            DepsContext { imports: fixture.imports.as_ref(), releases: &fixture.releases, project_name: None };
        for d in check_dependencies(fixture.kind, &fixture.source, &fixture.settings, &context).diagnostics {
            seen.insert(d.rule);
        }
    }
    let missing: Vec<_> = Rule::all()
        .filter(|rule| rule.family() == Family::Dependencies && !seen.contains(rule))
        .map(Rule::code)
        .collect();
    assert!(missing.is_empty(), "dependency rules without a triggering fixture: {missing:?}");
}

/// The `pip-requirements` blocks of a section, by its heading text.
fn requirements_block_after(docs: &str, heading: &str) -> Option<String> {
    let start = docs.find(heading)? + heading.len();
    let rest = &docs[start..];
    let open = rest.find("```pip-requirements\n")? + "```pip-requirements\n".len();
    let close = rest[open..].find("```")?;
    Some(rest[open..open + close].to_owned())
}

/// The dependency rules' docs examples behave as documented: the example gives exactly
/// one diagnostic of the rule, `Use instead` none. The unused-requirement example runs
/// in a project that imports `yaml`; the PyPI example with a recorded answer.
#[test]
fn dependency_rule_examples_behave_as_documented() {
    let mut imports = ProjectImports::new();
    imports.extend(["yaml"]);
    let releases = [ReleaseInfo {
        name: "oauth2".into(),
        version: "1.5.211".into(),
        requires_python: None,
        classifiers: vec!["Programming Language :: Python :: 2.7".into()],
    }];
    let mut problems = Vec::new();
    for meta in py3port_core::RULES.iter().filter(|m| m.family == Family::Dependencies) {
        let docs = meta.docs();
        let mut settings = Settings::default();
        settings.set("select", SettingValue::List(vec![SettingValue::String(meta.code.into())])).unwrap();
        let context = DepsContext { imports: Some(&imports), releases: &releases, project_name: None };
        let count = |text: &str| {
            check_dependencies(ManifestKind::Requirements, text, &settings, &context)
                .diagnostics
                .iter()
                .filter(|d| d.rule == meta.rule)
                .count()
        };
        match requirements_block_after(&docs, "## Example") {
            Some(example) if count(&example) == 1 => {}
            other => problems.push(format!("{}: the example gives {:?}", meta.code, other.map(|e| count(&e)))),
        }
        match requirements_block_after(&docs, "Use instead:") {
            Some(instead) if count(&instead) == 0 => {}
            other => problems.push(format!("{}: `Use instead` gives {:?}", meta.code, other.map(|e| count(&e)))),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Malformed input gives diagnostics or nothing, never a panic.
#[test]
fn malformed_manifests_do_not_panic() {
    let inputs = [
        "[project\ndependencies = [\"MySQL-python\"",
        "[project]\ndependencies = \"not a list\"\n",
        "[project]\ndependencies = [1, 2, {a = 3}]\n",
        "[tool.poetry.dependencies]\nDjango = [\"^1.4\", 3]\nx = 5\n\"\" = \"*\"\n",
        "[packages]\nMySQL-python = {version = 12}\n",
        "-r\n-e\n--hash\n\\\n@\nname @\nname[\nname;\n;;\n==1.0\nDjango===\n",
        "setup(install_requires=[\n",
        "setup(install_requires=BASE, extras_require=EXTRAS)\nBASE = BASE + BASE\nEXTRAS = {1: 2}\n",
        "[options]\ninstall_requires =\n\t\n  ===\n[options.extras_require\n",
        "\u{feff}MySQL-python\r\nPIL \\\r\n",
        "é==1\n😀\n",
    ];
    let kinds = [
        ManifestKind::Requirements,
        ManifestKind::Constraints,
        ManifestKind::SetupPy,
        ManifestKind::SetupCfg,
        ManifestKind::Pyproject,
        ManifestKind::Pipfile,
    ];
    let mut imports = ProjectImports::new();
    imports.extend(["os"]);
    let context = DepsContext { imports: Some(&imports), ..DepsContext::default() };
    for kind in kinds {
        for input in inputs {
            let analysis = check_dependencies(kind, input, &Settings::default(), &context);
            for d in &analysis.diagnostics {
                assert!(
                    input.is_char_boundary(d.range.start() as usize) && input.is_char_boundary(d.range.end() as usize)
                );
            }
            let outcome = fix_dependencies(kind, input, &Settings::default(), &context, FixMode::Unsafe);
            assert!(outcome.output.len() <= input.len() * 4 + 64);
        }
    }
    // A requirements file's MySQL-python is still found after a BOM.
    let analysis =
        check_dependencies(ManifestKind::Requirements, inputs[9], &Settings::default(), &DepsContext::default());
    assert!(analysis.diagnostics.iter().any(|d| d.rule == Rule::NoPython3Package));
}

/// Lines put together from fragments of every manifest syntax, in every kind of
/// manifest: no panic, every range on a character boundary, and fixes converge.
#[test]
fn generated_manifests_do_not_panic() {
    const FRAGMENTS: &[&str] = &[
        "MySQL-python",
        "PIL",
        "futures",
        "Django",
        "[",
        "]",
        "==",
        "1.4.22",
        ">=",
        "~=",
        ";",
        " ",
        "python_version",
        "<",
        "'3'",
        "\"",
        "@",
        "https://x/y.zip",
        "#egg=",
        "-e ",
        "-r ",
        "--hash=sha256:0",
        "\\\n",
        "#",
        "noqa",
        "\n",
        "=",
        "{",
        "}",
        "version",
        ",",
        "é",
        "😀",
        "\r\n",
        "[project]",
        "dependencies",
        "[packages]",
        "setup(",
        "install_requires",
        ")",
        "(",
        "'''",
        "[tool.poetry.dependencies]",
        "^",
        "*",
        "\t",
        "and",
        "or",
    ];
    let kinds = [
        ManifestKind::Requirements,
        ManifestKind::Constraints,
        ManifestKind::SetupPy,
        ManifestKind::SetupCfg,
        ManifestKind::Pyproject,
        ManifestKind::Pipfile,
    ];
    let mut imports = ProjectImports::new();
    imports.extend(["os"]);
    let context = DepsContext { imports: Some(&imports), ..DepsContext::default() };
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..400 {
        let length = (next() % 40) as usize;
        let text: String = (0..length).map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize]).collect();
        for kind in kinds {
            let analysis = check_dependencies(kind, &text, &Settings::default(), &context);
            for d in &analysis.diagnostics {
                let (start, end) = (d.range.start() as usize, d.range.end() as usize);
                assert!(start <= end && end <= text.len(), "{kind:?} {text:?}");
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{kind:?} {text:?}");
            }
            let outcome = fix_dependencies(kind, &text, &Settings::default(), &context, FixMode::Unsafe);
            let again = fix_dependencies(kind, &outcome.output, &Settings::default(), &context, FixMode::Unsafe);
            assert_eq!(again.applied_count(), 0, "{kind:?} {text:?} -> {:?}", outcome.output);
        }
    }
}

/// `docs/dependencies.md` lists the bundled table, generated from it (`UPDATE_DOCS=1`
/// regenerates it).
#[test]
fn dependency_table_page_is_up_to_date() {
    use py3port_core::deps::table::{self, PackageKind};
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut page = String::from(
        "# The dependency table\n\nGenerated from `crates/py3port-core/data/dependencies.toml` by \
`crates/py3port-core/tests/dependencies.rs`; `data/README.md` says how it was built. The `PY36xx` rules read it: \
[no-python3-package](rules/no-python3-package.md) (`no-python3`), [stdlib-backport](rules/stdlib-backport.md) \
(`backport`), [python2-only-pin](rules/python2-only-pin.md) and [superseded-package](rules/superseded-package.md) \
(`min-version`).\n\n",
    );
    for (kind, title) in [
        (PackageKind::NoPython3, "Distributions that never supported Python 3"),
        (PackageKind::Backport, "Backports of the standard library"),
        (PackageKind::MinVersion, "Distributions whose old releases are Python 2 only"),
    ] {
        let entries: Vec<_> = table::packages().iter().filter(|p| p.kind == kind).collect();
        page.push_str(&format!("## {title} ({})\n\n", entries.len()));
        page.push_str(
            "| Distribution | Replacement | Drop-in | Python 3 from | Note | Source |\n|---|---|---|---|---|---|\n",
        );
        for p in entries {
            let since = match (p.kind, &p.first_python3_version, p.stdlib_since) {
                (PackageKind::Backport, _, Some(minor)) => format!("stdlib 3.{minor}"),
                (_, Some(version), _) => version.clone(),
                _ => String::new(),
            };
            let imports = match (&p.import_from, &p.import_to) {
                (Some(from), Some(to)) if from != to => format!(" (`import {from}` becomes `import {to}`)"),
                _ => String::new(),
            };
            page.push_str(&format!(
                "| `{}` | {}{} | {} | {} | {} | {} |\n",
                p.name,
                p.replacement.as_deref().map(|r| format!("`{r}`")).unwrap_or_default(),
                imports,
                if p.drop_in { "yes" } else { "" },
                since,
                cell(&p.note),
                cell(&p.source)
            ));
        }
        page.push('\n');
    }
    page.push_str(&format!(
        "## Import names\n\n{} distributions imported under another name, and {} tools and plugins used without an \
import, in `crates/py3port-core/data/import_names.toml`, keep [unused-requirement](rules/unused-requirement.md) \
from false alarms.\n",
        table::distributions().len(),
        table::tools().len()
    ));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/dependencies.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &page).unwrap();
    } else {
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some(page.as_str()),
            "docs/dependencies.md is out of date (UPDATE_DOCS=1)"
        );
    }
}
