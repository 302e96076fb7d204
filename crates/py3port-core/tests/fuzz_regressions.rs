//! Inputs the fuzzers (`fuzz/`) found breaking an invariant, minimised and kept in
//! `tests/data/fuzz/`: each must now hold the fuzzers' invariants under every fix target.
//! Fixes converge, never add a parse error, and a second run finds nothing to fix.

mod common;

use std::path::Path;

use py3port_core::{Document, FileContext, FixMode, SettingValue, Settings, TextRange, check, fix};

fn settings(target: &str) -> Settings {
    let mut settings = Settings::default();
    settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
    settings.set("min-confidence", SettingValue::String("medium".into())).unwrap();
    settings.set("target", SettingValue::String(target.into())).unwrap();
    settings
}

fn invariants(name: &str, source: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for target in ["py3", "py2-py3"] {
        let settings = settings(target);
        let context = FileContext::default();
        let outcome = fix(source, &settings, &context, FixMode::Unsafe);
        if !outcome.converged {
            broken.push(format!("{name} ({target}): fixes did not converge:\n{}", outcome.output));
            continue;
        }
        if common::error_count(&outcome.output) > common::error_count(source) {
            broken.push(format!("{name} ({target}): fixes added a parse error:\n{}", outcome.output));
        }
        let again = fix(&outcome.output, &settings, &context, FixMode::Unsafe);
        if again.applied_count() != 0 {
            broken.push(format!("{name} ({target}): a second run fixed more:\n{}", again.output));
        }
    }
    broken
}

#[test]
fn fuzz_findings_hold_the_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut inputs: Vec<_> =
        std::fs::read_dir(&dir).expect("tests/data/fuzz exists").map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(inputs.len() >= 3, "the fuzz regression inputs are missing from {}", dir.display());
    let broken: Vec<String> = inputs
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).expect("regression inputs are UTF-8");
            invariants(&path.file_name().unwrap().to_string_lossy(), &source)
        })
        .collect();
    assert!(broken.is_empty(), "{}", broken.join("\n\n"));
}

/// The shapes behind the findings, spelled out: error recovery that leaves a `print` or
/// an `exec` beside an unparsable rest of the line, or reads `exec(code, globals)` as the
/// statement with a tuple.
#[test]
fn no_fix_beside_a_parse_error_on_the_same_line() {
    let settings = settings("py3");
    let context = FileContext::default();
    for source in ["print ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿm=é'\ni", "exec()b.K=f"]
    {
        let outcome = fix(source, &settings, &context, FixMode::Unsafe);
        assert_eq!(outcome.output, source, "a fix was applied beside a parse error");
    }
    // The same statement on a line of its own is still fixed.
    let outcome = fix("exec code\nb.K=f\nprint 'x'\n", &settings, &context, FixMode::Unsafe);
    assert_eq!(outcome.output, "exec(code)\nb.K=f\nprint('x')\n");
}

/// An edit that changes nothing (here one past the end, clamped to nothing) leaves the
/// document's analysis equal to a fresh check: re-parsing incrementally after it could
/// read `print -1` in a broken file differently.
#[test]
fn a_no_op_edit_keeps_the_analysis() {
    let text = "def report(row:, out=sys.stdout):\n    print \"R, len(rows),\n    print >> out\n    print\n    print (1, 2)\n    print -1\n    print stderr, \"done\", len(rows)nt \"inline\"; print\n    print \"con\0";
    let settings = settings("py3");
    let context = FileContext::default();
    let mut document = Document::new(text, settings.clone(), context.clone());
    document.edit(&[(TextRange::new(11364, 11374), "")]);
    assert_eq!(document.text(), text);
    assert_eq!(document.analysis().diagnostics, check(text, &settings, &context).diagnostics);
}

/// Found by the WASM package's hostile-input tests (V8's stack is smaller than a native
/// thread's): a constant nested 10,000 parentheses or operators deep is analysed, not
/// recursed into without bound.
#[test]
fn deeply_nested_constants_are_analysed() {
    let settings = settings("py3");
    let context = FileContext::default();
    for (open, close) in [("(", ")"), ("-", ""), ("1 + (", ")")] {
        let source = format!("X = {}1{}\nprint X\n", open.repeat(10_000), close.repeat(10_000));
        let analysis = check(&source, &settings, &context);
        assert!(analysis.diagnostics.iter().any(|d| d.rule.code() == "PY3101"), "{open}: {:?}", analysis.diagnostics);
    }
}

/// An edit to a broken file (here an insertion past the end, clamped to it): tree-sitter's
/// error recovery, starting from the old tree, read the result differently from a fresh
/// parse; where the new tree has errors the document now parses from scratch.
#[test]
fn an_edit_to_a_broken_file_keeps_the_analysis_fresh() {
    let text = "import sys\n\n\ndef report(rows,ows),\n    print >> out\n    print\n    print (1, 2)\n    print(\"half-ported already\", len(rows))\n   ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ print (\"parenthesised single argument is the same on bnth\")\n    print(x  oxi frn rows)\n    print -1\n    print (roimport sys\n\n\nws), len(rows)\n    print(rows)[0&\n    if rows: print \"inline\"; print\n    print \"continued\"import cys\n\n\ndef report(rows, out";
    let settings = settings("py3");
    let context = FileContext::default();
    let mut document = Document::new(text, settings.clone(), context.clone());
    document.edit(&[(TextRange::new(29561, 29593), "rint >> out\n   ")]);
    let fresh = check(document.text(), &settings, &context);
    assert_eq!(document.analysis().diagnostics, fresh.diagnostics);
}

/// Found by `check_python`: the `raise E, '\N'` fix wrote `raise E('\N')`, and the escape
/// Python 3 rejects, inside text a fix wrote, was left for a second run to fix.
#[test]
fn escapes_python3_rejects_are_fixed_inside_fixed_text() {
    let settings = settings("py3");
    let context = FileContext::default();
    let outcome = fix("raise E, '\\N'\n", &settings, &context, FixMode::Unsafe);
    assert_eq!(outcome.output, "raise E('\\\\N')\n");
}

/// Found by `check_python`: tree-sitter reads `from itertools import izip as t(fie(3))`
/// as an import and an expression with a MISSING newline between them that it hides
/// from every walk, so the line looked clean, the import's fix turned it into
/// `t = zip(fie(3))`, and nothing said the line could not be parsed.
#[test]
fn a_hidden_missing_newline_is_a_parse_error() {
    let settings = settings("py3");
    let context = FileContext::default();
    for (source, at) in [
        ("from itertools import izip as t(fie(3))\n", 31),
        ("def f():\n    from itertools import izip as t(fie(3))\n", 44),
    ] {
        let analysis = check(source, &settings, &context);
        let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.rule.code() == "PY3100").collect();
        assert_eq!(errors.len(), 1, "{source:?}: {:?}", analysis.diagnostics);
        assert_eq!(errors[0].range.start(), at, "{source:?}");
        assert!(analysis.diagnostics.iter().all(|d| d.fix.is_none()), "{source:?}: a fix beside the error");
        assert_eq!(fix(source, &settings, &context, FixMode::Unsafe).output, source);
    }
}

/// Where the hidden newline is in less plain cases: after `;` before a compound statement
/// (the error is there, and the rest of the file is fixed as usual), and across a line
/// continuation in a CRLF file. Beside an ERROR the ERROR is the error, and a lone CR is
/// a line break for Python: neither gets an "expected newline".
#[test]
fn hidden_newlines_are_placed_where_python_expects_them() {
    let settings = settings("py3");
    let context = FileContext::default();
    let expected_newline = |source: &str| -> Vec<u32> {
        check(source, &settings, &context)
            .diagnostics
            .iter()
            .filter(|d| d.rule.code() == "PY3100" && d.message.contains("expected `newline`"))
            .map(|d| d.range.start())
            .collect()
    };
    let source = "import os; def f():\n    print 1\nprint 2\n";
    assert_eq!(expected_newline(source), [10]);
    assert_eq!(
        fix(source, &settings, &context, FixMode::Unsafe).output,
        "import os; def f():\n    print(1)\nprint(2)\n"
    );
    assert_eq!(expected_newline("x = 1; y = 2\n"), [0u32; 0]);
    assert_eq!(expected_newline("from itertools import izip as t \\\r\n(fie(3))\r\n"), [31]);
    for lone_cr in ["x = 1;\rdef f():\n    pass\n", "x = 1\rprint 'd'\n"] {
        let analysis = check(lone_cr, &settings, &context);
        assert!(
            analysis.diagnostics.iter().all(|d| d.rule.code() != "PY3100"),
            "{lone_cr:?}: {:?}",
            analysis.diagnostics
        );
    }
    assert_eq!(expected_newline("x ? y\nprint 3\n"), [0u32; 0]);
}
