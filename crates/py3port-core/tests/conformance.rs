//! Conformance with lib2to3's own fixer tests (`conformance/lib2to3_cases.jsonl`),
//! scored as `conformance/README.md` says: each case runs only the rules that correspond
//! to its fixers, with safe and unsafe fixes; `check` cases compare by Python 3 AST,
//! `unchanged` cases must get no fix, `warns` cases need a diagnostic. Prints the pass
//! rate per fixer and asserts the targets.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use py3port_core::{FileContext, FixMode, RULES, SettingValue, Settings, check, fix};
use serde_json::Value;

/// Fixers whose rules are complete, with the pass rates they must reach.
const TARGETS: &[&str] = &["print", "exec", "repr", "ne", "numliterals", "except", "raise", "tuple_params", "paren"];

/// Cases where py3port deliberately differs from lib2to3, with the reason. They still
/// count as failures in the figures.
const DEVIATIONS: &[(&str, &str)] = &[];

struct Case {
    id: String,
    fixer: String,
    fixers: Vec<String>,
    kind: String,
    before: String,
    after: String,
}

fn cases() -> Vec<Case> {
    let data = include_str!("conformance/lib2to3_cases.jsonl");
    data.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).expect("valid JSON line");
            let text = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
            let fixers: Vec<String> = value["fixers"]
                .as_array()
                .expect("fixers")
                .iter()
                .map(|f| f.as_str().unwrap_or_default().to_owned())
                .collect();
            Case {
                id: text("id"),
                fixer: value["fixer"].as_str().map_or_else(|| "(several)".to_owned(), str::to_owned),
                fixers,
                kind: text("kind"),
                before: text("before"),
                after: text("after"),
            }
        })
        // lib2to3's tests of `import` mock which sibling modules exist; the data does not
        // record it, so they cannot be scored.
        .filter(|case| case.fixer != "import")
        .collect()
}

/// The settings that run exactly the rules corresponding to `fixers`, or `None`.
fn settings_for(fixers: &[String]) -> Option<Settings> {
    let codes: Vec<SettingValue> = RULES
        .iter()
        .filter(|meta| meta.lib2to3_fixers().iter().any(|f| fixers.iter().any(|c| c == f)))
        .map(|meta| SettingValue::String(meta.code.to_owned()))
        .collect();
    if codes.is_empty() {
        return None;
    }
    let mut settings = Settings::default();
    settings.set("select", SettingValue::List(codes)).unwrap();
    settings.set("min-confidence", SettingValue::String("medium".into())).unwrap();
    Some(settings)
}

#[derive(Default)]
struct Tally {
    passed: BTreeMap<String, usize>,
    total: BTreeMap<String, usize>,
}

#[test]
fn lib2to3_conformance() {
    let cases = cases();
    let context = FileContext::default();
    // (case index, output) for the AST comparisons, done in one Python process.
    let mut comparisons = Vec::new();
    let mut results: BTreeMap<usize, bool> = BTreeMap::new();
    let mut covered = vec![false; cases.len()];
    for (index, case) in cases.iter().enumerate() {
        let Some(settings) = settings_for(&case.fixers) else { continue };
        covered[index] = true;
        match case.kind.as_str() {
            "check" => {
                let outcome = fix(&case.before, &settings, &context, FixMode::Unsafe);
                comparisons.push((index, outcome.output));
            }
            "unchanged" => {
                let outcome = fix(&case.before, &settings, &context, FixMode::Unsafe);
                results.insert(index, outcome.output == case.before);
            }
            "warns" => {
                results.insert(index, !check(&case.before, &settings, &context).diagnostics.is_empty());
            }
            other => panic!("unknown case kind {other}"),
        }
    }
    let mut child = Command::new(common::python3())
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/compare.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for (index, output) in &comparisons {
            let line = serde_json::to_string(&(output, &cases[*index].after)).unwrap();
            writeln!(stdin, "{line}").unwrap();
        }
    }
    let output = child.wait_with_output().expect("python3 finishes");
    let verdicts: Vec<&str> = std::str::from_utf8(&output.stdout).unwrap().lines().collect();
    assert_eq!(verdicts.len(), comparisons.len(), "compare.py answered every case");
    let verbose = std::env::var_os("PY3PORT_CONFORMANCE_VERBOSE").is_some();
    for ((index, output), verdict) in comparisons.iter().zip(verdicts) {
        results.insert(*index, verdict == "equal");
        if verbose && verdict != "equal" {
            let case = &cases[*index];
            println!(
                "--- {}
before:   {:?}
expected: {:?}
actual:   {:?}",
                case.id, case.before, case.after, output
            );
        }
    }

    // Per fixer and kind.
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let tally = tallies.entry(case.fixer.clone()).or_default();
        *tally.total.entry(case.kind.clone()).or_default() += 1;
        if !covered[index] {
            continue;
        }
        if results[&index] {
            *tally.passed.entry(case.kind.clone()).or_default() += 1;
        } else {
            failures.push(index);
        }
    }

    println!("\nlib2to3 conformance (py3port's fixes; `import` cases left out, see the README)\n");
    println!("{:<18} {:>13} {:>13} {:>9}  rules", "fixer", "check", "unchanged", "warns");
    let mut rates = Vec::new();
    for (fixer, tally) in &tallies {
        let cell = |kind: &str| match tally.total.get(kind) {
            Some(total) => format!("{}/{}", tally.passed.get(kind).copied().unwrap_or(0), total),
            None => "-".to_owned(),
        };
        let passed: usize = tally.passed.values().sum();
        let total: usize = tally.total.values().sum();
        let rules: Vec<&str> =
            RULES.iter().filter(|m| m.lib2to3_fixers().contains(&fixer.as_str())).map(|m| m.code).collect();
        println!(
            "{fixer:<18} {:>13} {:>13} {:>9}  {}",
            cell("check"),
            cell("unchanged"),
            cell("warns"),
            if rules.is_empty() { "(not covered yet)".to_owned() } else { rules.join(" ") }
        );
        if !rules.is_empty() && fixer != "(several)" {
            rates.push(passed as f64 / total as f64);
        }
    }
    if !rates.is_empty() {
        println!(
            "\nmacro average over {} covered fixers: {:.1}%",
            rates.len(),
            100.0 * rates.iter().sum::<f64>() / rates.len() as f64
        );
    }
    if !DEVIATIONS.is_empty() {
        println!("\nDeliberate deviations (counted as failures):");
        for (id, reason) in DEVIATIONS {
            println!("  {id}: {reason}");
        }
    }
    println!("\nFailures of covered fixers:");
    for &index in &failures {
        let case = &cases[index];
        let deliberate = DEVIATIONS.iter().any(|(id, _)| *id == case.id);
        println!("  {} [{}]{}", case.id, case.kind, if deliberate { " (deliberate)" } else { "" });
    }

    for fixer in TARGETS {
        let tally = &tallies[*fixer];
        let rate = |kind: &str| {
            let total = tally.total.get(kind).copied().unwrap_or(0);
            if total == 0 { 1.0 } else { tally.passed.get(kind).copied().unwrap_or(0) as f64 / total as f64 }
        };
        assert!(rate("check") >= 0.95, "{fixer}: check cases below 95%");
        assert!(rate("unchanged") >= 1.0, "{fixer}: an unchanged case was changed");
    }
    let target_check: (usize, usize) = TARGETS.iter().fold((0, 0), |(p, t), fixer| {
        let tally = &tallies[*fixer];
        (p + tally.passed.get("check").copied().unwrap_or(0), t + tally.total.get("check").copied().unwrap_or(0))
    });
    println!("\nsyntax fixers: {}/{} check cases", target_check.0, target_check.1);
}
