//! The generated documentation stays in sync with the code: one page per rule under
//! `docs/rules/`, the rule index, and the settings table. Run with `UPDATE_DOCS=1` to
//! regenerate. Also runs each rule's examples: the `## Example` block must produce
//! exactly one diagnostic of the rule, the `Use instead:` block none.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use py3port_core::{
    Family, FileContext, FixAvailability, RULES, Rule, SETTINGS, SettingScope, SettingValue, Settings, check,
};

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs")
}

fn rule_page(rule: Rule) -> String {
    let meta = rule.meta();
    let fixers = if meta.lib2to3_fixers().is_empty() { "none".to_owned() } else { meta.lib2to3_fixers().join(", ") };
    let rows: Vec<String> = meta.catalogue_rows().iter().map(u16::to_string).collect();
    let mut page = format!("# {} ({})\n\n", meta.name, meta.code);
    writeln!(page, "| Family | Default severity | Enabled by default | Fix | lib2to3 fixers | Catalogue rows |")
        .unwrap();
    writeln!(page, "|---|---|---|---|---|---|").unwrap();
    writeln!(
        page,
        "| {} | {} | {} | {} | {} | {} |\n",
        meta.family.as_str(),
        meta.severity.as_str(),
        if meta.default_enabled { "yes" } else { "no" },
        meta.fix_availability().as_str(),
        fixers,
        if rows.is_empty() { "none".to_owned() } else { rows.join(", ") }
    )
    .unwrap();
    page.push_str(&meta.docs());
    page
}

fn index_page() -> String {
    let mut page = String::from("# Rules\n\nGenerated from the registry; `py3port rules` lists the same.\n\n");
    page.push_str("| Code | Name | Family | Fix | Default | Summary |\n|---|---|---|---|---|---|\n");
    for meta in RULES {
        let fix = match meta.fix_availability() {
            FixAvailability::Always => "always",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Never => "",
        };
        writeln!(
            page,
            "| {} | [{}]({}.md) | {} | {} | {} | {} |",
            meta.code,
            meta.name,
            meta.name,
            meta.family.as_str(),
            fix,
            if meta.default_enabled { "on" } else { "off" },
            meta.summary()
        )
        .unwrap();
    }
    page
}

fn settings_page() -> String {
    let mut page = String::from(
        "# Settings\n\nOne table for every front end: `[tool.py3port]` in `pyproject.toml` or `py3port.toml` use the TOML key; \
the language server (`initializationOptions`, `workspace/configuration` section `py3port`), the VS Code extension \
(`py3port.<key>`) and the JavaScript package use the camelCase key.\n\n",
    );
    page.push_str(
        "| TOML | LSP / VS Code / JS | Type | Default | Read by | Description |\n|---|---|---|---|---|---|\n",
    );
    for doc in SETTINGS {
        let scope = match doc.scope {
            SettingScope::Analysis => "every front end",
            SettingScope::Files => "CLI, language server",
        };
        writeln!(
            page,
            "| `{}` | `{}` | `{}` | `{}` | {} | {} |",
            doc.kebab, doc.camel, doc.ty, doc.default, scope, doc.description
        )
        .unwrap();
    }
    page
}

/// Compares a generated file with the one on disk, or writes it with `UPDATE_DOCS=1`.
fn sync(path: &Path, expected: &str, stale: &mut Vec<String>) {
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return;
    }
    if std::fs::read_to_string(path).ok().as_deref() != Some(expected) {
        stale.push(path.display().to_string());
    }
}

#[test]
fn generated_docs_are_up_to_date() {
    let dir = docs_dir();
    let mut stale = Vec::new();
    for meta in RULES {
        sync(&dir.join(format!("rules/{}.md", meta.name)), &rule_page(meta.rule), &mut stale);
    }
    sync(&dir.join("rules/README.md"), &index_page(), &mut stale);
    sync(&dir.join("settings.md"), &settings_page(), &mut stale);
    // No page for a rule that does not exist.
    for entry in std::fs::read_dir(dir.join("rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let known = name == "README.md" || RULES.iter().any(|m| format!("{}.md", m.name) == name);
        assert!(known, "docs/rules/{name} belongs to no rule");
    }
    assert!(
        stale.is_empty(),
        "generated docs are out of date (run `UPDATE_DOCS=1 cargo test -p py3port-core --test docs`): {stale:?}"
    );
}

/// The ```python blocks of a section, by its heading text.
fn code_block_after(docs: &str, heading: &str) -> Option<String> {
    let start = docs.find(heading)? + heading.len();
    let rest = &docs[start..];
    let open = rest.find("```python\n")? + "```python\n".len();
    let close = rest[open..].find("```")?;
    // The block must belong to this section, not a later one.
    let next_section = rest.find("\n## ").unwrap_or(rest.len());
    (open < next_section || heading == "Use instead:").then(|| rest[open..open + close].to_owned())
}

#[test]
fn rule_examples_behave_as_documented() {
    let mut problems = Vec::new();
    for meta in RULES {
        let docs = meta.docs();
        assert!(docs.contains("## What it does"), "{}: docs need `## What it does`", meta.code);
        assert!(docs.contains("## Why is this bad?"), "{}: docs need `## Why is this bad?`", meta.code);
        assert!(docs.contains("## Example"), "{}: docs need `## Example`", meta.code);
        assert!(docs.contains("Use instead:"), "{}: docs need `Use instead:`", meta.code);
        assert!(docs.contains("## Fix safety"), "{}: docs need `## Fix safety`", meta.code);
        assert!(meta.summary().ends_with('.'), "{}: the summary is one sentence", meta.code);
        if meta.decl_has_check() {
            let mut settings = Settings::default();
            settings.set("select", SettingValue::List(vec![SettingValue::String(meta.code.into())])).unwrap();
            // The examples are Python 2 code, too short to show it by themselves, and
            // medium-confidence findings count; what they become must be clean with the
            // default settings.
            let mut python2 = settings.clone();
            python2.set("source", SettingValue::String("py2".into())).unwrap();
            python2.set("min-confidence", SettingValue::String("medium".into())).unwrap();
            // The examples of the rules that need the package layout say where they are.
            let context = FileContext {
                module_name: Some("mypackage.views".into()),
                siblings: Some(vec!["models".into(), "views".into()]),
                ..FileContext::default()
            };
            let count = |code: &str, settings: &Settings| {
                check(code, settings, &context).diagnostics.iter().filter(|d| d.rule == meta.rule).count()
            };
            // Leftovers are Python 3 code.
            let mut python3 = settings.clone();
            python3.set("source", SettingValue::String("py3".into())).unwrap();
            let example_settings = if meta.rule.family() == Family::Leftovers { &python3 } else { &python2 };
            match code_block_after(&docs, "## Example") {
                Some(example) if count(&example, example_settings) == 1 => {}
                Some(example) => problems.push(format!(
                    "{}: the example gives {} diagnostics:\n{example}",
                    meta.code,
                    count(&example, example_settings)
                )),
                None => problems.push(format!("{}: no ```python block under ## Example", meta.code)),
            }
            match code_block_after(&docs, "Use instead:") {
                Some(instead) if count(&instead, &settings) == 0 => {}
                Some(instead) => problems.push(format!(
                    "{}: `Use instead` still gives {} diagnostics:\n{instead}",
                    meta.code,
                    count(&instead, &settings)
                )),
                None => problems.push(format!("{}: no ```python block under `Use instead:`", meta.code)),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
