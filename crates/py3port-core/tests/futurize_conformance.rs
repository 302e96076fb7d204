//! Conformance of the `target = "py2-py3"` fixes with futurize's own tests
//! (`data/futurize_cases.jsonl`) and python-modernize's documented examples
//! (`data/modernize_cases.jsonl`), scored as `data/README.md` says.
//!
//! Each case runs the rules that correspond to the fixers the tool ran: for a case of
//! `test_futurize.py`, every fixer of its futurize stages; for a fixer test or a modernize
//! example, its fixers. futurize's stage 1 promises code with no dependency on `future`
//! and runs as `compat-library = "none"`; stage 2 (with or without stage 1) as `"future"`;
//! modernize as `"six"`. Fixes run once each (`Rounds::SinglePass`), safe and unsafe, as
//! the tools run their fixers. Outputs are compared by Python 3 AST with the module-level
//! imports compared as a set (`data/compare_compat.py`).
//!
//! Asserted: every output compiles under Python 2.7 where the input did, and under
//! Python 3 unless a diagnostic without a fix marks the construct left; every failure is
//! explained below (a deliberate difference, no 2-and-3 form in the mode, no rule for the
//! fixer, or a known bug); the pass counts and macro averages stay at or above `FLOORS`.
//! `PY3PORT_CONFORMANCE_VERBOSE=1` prints each failure with its output.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::process::{Command, Stdio};

use py3port_core::{
    Analysis, FileContext, FixMode, LineIndex, PositionEncoding, RULES, Rounds, SettingValue, Settings, check, fix_with,
};
use serde_json::Value;

/// futurize 1.0.0's stages (`libfuturize.fixes`): the lib2to3 and libfuturize fixers
/// `futurize --stage1` and `--stage2` run.
const STAGE1: &[&str] = &[
    "apply",
    "except",
    "exec",
    "exitfunc",
    "funcattrs",
    "has_key",
    "idioms",
    "intern",
    "isinstance",
    "methodattrs",
    "ne",
    "numliterals",
    "paren",
    "reduce",
    "renames",
    "repr",
    "standarderror",
    "sys_exc",
    "throw",
    "tuple_params",
    "types",
    "ws_comma",
    "xreadlines",
    "absolute_import",
    "next_call",
    "print_with_import",
    "raise",
];
const STAGE2: &[&str] = &[
    "dict",
    "getcwdu",
    "itertools",
    "itertools_imports",
    "filter",
    "long",
    "map",
    "next",
    "nonzero",
    "operator",
    "raw_input",
    "zip",
    "basestring",
    "cmp",
    "division_safe",
    "execfile",
    "future_builtins",
    "future_standard_library",
    "future_standard_library_urllib",
    "input",
    "metaclass",
    "newstyle",
    "object",
    "unicode_keep_u",
    "xrange_with_import",
];

/// What a futurize or modernize fixer corresponds to in py3port: lib2to3 fixer names
/// (the rules that declare them) or rule codes; an empty list: no py3port rule does what
/// it does. `None`: a lib2to3 fixer of the same name.
fn targets(fixer: &str) -> Option<&'static [&'static str]> {
    Some(match fixer {
        // futurize
        "absolute_import" => &["import"],
        "next_call" => &["PY3219"],
        "print_with_import" => &["print"],
        "cmp" => &["PY3213"],
        "division_safe" => &["PY3413"],
        "future_builtins" | "object" => &[],
        "future_standard_library" => &["imports", "imports2"],
        "future_standard_library_urllib" => &["urllib"],
        "newstyle" => &["PY3428"],
        "unicode_keep_u" => &["PY3203", "PY3204"],
        "xrange_with_import" => &["xrange"],
        // modernize
        "raise_six" => &["raise"],
        "xrange_six" => &["xrange"],
        "imports_six" => &["imports", "imports2"],
        "urllib_six" => &["urllib"],
        "input_six" => &["input", "raw_input"],
        "file" => &["PY3212"],
        "open" => &[],
        "int_long_tuple" => &["long"],
        "unicode_type" => &["PY3203"],
        "unichr" => &["PY3204"],
        "next" => &["next"],
        "dict_six" => &["dict"],
        "itertools_six" => &["itertools"],
        "itertools_imports_six" => &["itertools_imports"],
        "classic_division" => &["PY3413"],
        _ => return None,
    })
}

/// The py3port rule codes for `fixer`.
fn rules_for(fixer: &str) -> Vec<&'static str> {
    let names = targets(fixer).map_or_else(|| vec![fixer], <[&str]>::to_vec);
    RULES
        .iter()
        .filter(|meta| names.iter().any(|n| *n == meta.code || meta.lib2to3_fixers().contains(n)))
        .map(|meta| meta.code)
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Suite {
    Stage1,
    Stage2,
    Modernize,
}

impl Suite {
    fn title(self) -> &'static str {
        match self {
            Suite::Stage1 => "futurize stage 1 (compat-library = \"none\")",
            Suite::Stage2 => "futurize stage 2 (compat-library = \"future\")",
            Suite::Modernize => "python-modernize (compat-library = \"six\")",
        }
    }

    fn library(self) -> &'static str {
        match self {
            Suite::Stage1 => "none",
            Suite::Stage2 => "future",
            Suite::Modernize => "six",
        }
    }
}

struct Case {
    suite: Suite,
    id: String,
    kind: String,
    /// The row of the table: the one fixer the case exercises, `(several)` or `(none)`.
    row: String,
    /// The fixers whose rules run.
    fixers: Vec<String>,
    before: String,
    after: Option<String>,
    /// Import lines both sides lose before comparing (`compare_compat.py`).
    strip: &'static str,
    /// Skipped upstream: recorded, not scored.
    skipped: bool,
    /// Whether futurize (or modernize) itself meets the case.
    reference: Option<bool>,
}

fn row_of(fixer: &Value, fixers: &[String]) -> String {
    match fixer.as_str() {
        Some(fixer) => fixer.to_owned(),
        None if fixers.is_empty() => "(none)".to_owned(),
        None => "(several)".to_owned(),
    }
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for line in include_str!("data/futurize_cases.jsonl").lines() {
        let value: Value = serde_json::from_str(line).expect("valid JSON line");
        let stages: Vec<u64> = value["stages"].as_array().expect("stages").iter().filter_map(Value::as_u64).collect();
        let suite = if stages == [1] { Suite::Stage1 } else { Suite::Stage2 };
        let pipeline = value["source"]["file"].as_str() == Some("tests/test_future/test_futurize.py");
        let exercised = strings(&value["fixers"]);
        let fixers = if pipeline {
            stages.iter().flat_map(|stage| if *stage == 1 { STAGE1 } else { STAGE2 }).map(|f| (*f).to_owned()).collect()
        } else {
            exercised.clone()
        };
        let strip = match (pipeline, value["options"]["ignore_imports"].as_bool()) {
            (true, Some(true)) => "futurize",
            (true, _) => "none",
            // futurize runs `print` as `print_with_import`, which adds the `from __future__
            // import print_function` that the fixer's own tests leave out.
            (false, _) => "future",
        };
        cases.push(Case {
            suite,
            id: value["id"].as_str().expect("id").to_owned(),
            kind: value["kind"].as_str().expect("kind").to_owned(),
            row: row_of(&value["fixer"], &exercised),
            fixers,
            before: value["before"].as_str().expect("before").to_owned(),
            after: value["after"].as_str().map(str::to_owned),
            strip,
            skipped: value["upstream"].as_str().is_some_and(|s| s.starts_with("skipped")),
            reference: value["futurize_matches"].as_bool(),
        });
    }
    for line in include_str!("data/modernize_cases.jsonl").lines() {
        let value: Value = serde_json::from_str(line).expect("valid JSON line");
        let fixers = strings(&value["fixers"]);
        cases.push(Case {
            suite: Suite::Modernize,
            id: value["id"].as_str().expect("id").to_owned(),
            kind: value["kind"].as_str().expect("kind").to_owned(),
            // An example of modernize's default fixers together.
            row: match value["fixer"].as_str().expect("fixer") {
                "default" => "(default fixers)".to_owned(),
                fixer => fixer.to_owned(),
            },
            fixers,
            before: value["before"].as_str().expect("before").to_owned(),
            after: value["after"].as_str().map(str::to_owned),
            strip: "none",
            skipped: false,
            reference: Some(true),
        });
    }
    cases
}

/// The settings for a case: its fixers' rules, `py2-py3` with the suite's library.
fn settings_for(case: &Case) -> Settings {
    let mut codes: Vec<&str> = case.fixers.iter().flat_map(|f| rules_for(f)).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut settings = Settings::default();
    // An empty selection would fall back to the defaults; PY3100 (parse errors) has no fix.
    let codes = if codes.is_empty() { vec!["PY3100"] } else { codes };
    let codes = codes.into_iter().map(|c| SettingValue::String(c.to_owned())).collect();
    settings.set("select", SettingValue::List(codes)).unwrap();
    // The cases are Python 2 snippets, too short to show it.
    settings.set("source", SettingValue::String("py2".into())).unwrap();
    settings.set("min-confidence", SettingValue::String("medium".into())).unwrap();
    settings.set("target", SettingValue::String("py2-py3".into())).unwrap();
    settings.set("compat-library", SettingValue::String(case.suite.library().into())).unwrap();
    settings
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    /// py3port writes something else on purpose.
    Deliberate,
    /// No 2-and-3 form in this mode: py3port reports without a fix.
    NoCompatFix,
    /// No py3port rule does what this fixer does.
    NoRule,
    /// A bug in py3port, not fixed yet.
    Bug,
}

impl Why {
    fn as_str(self) -> &'static str {
        match self {
            Why::Deliberate => "deliberate",
            Why::NoCompatFix => "no 2-and-3 fix in this mode",
            Why::NoRule => "no py3port rule",
            Why::Bug => "bug",
        }
    }
}

/// Failures with their reason: a case id, or a test name (a modernize fixer) for all its
/// cases. They count as failures in the figures.
const EXPLAINED: &[(&str, Why, &str)] = &[
    // futurize stage 1, compat-library = "none".
    (
        "TestFuturizeStage1.test_next_2",
        Why::Deliberate,
        "the expected output adds `(object)`, which stage 1 never does (an expected failure upstream); py3port adds it only where the class behaves differently (PY3428)",
    ),
    (
        "TestFuturizeStage1.test_absolute_import_changes",
        Why::Deliberate,
        "the case depends on a sibling `specialmodels.py` the test writes to disk, which the data does not carry (an expected failure upstream)",
    ),
    (
        "TestFuturizeStage1.test_string_exceptions",
        Why::Deliberate,
        "string exceptions are reported without a fix (PY3225): `Exception(msg)` changes what `except` clauses catch (an expected failure upstream)",
    ),
    ("Test_raise.test_with_comments#2", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_None_value", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_unknown_value_with_traceback_with_comments", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_tb_1", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_tb_2", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_tb_3", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_tb_4", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_tb_5", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_tb_6", Why::NoCompatFix, RAISE_TRACEBACK),
    ("Test_raise.test_unknown_value", Why::Deliberate, RAISE_VALUE),
    ("Test_raise.test_unknown_value_with_indent", Why::Deliberate, RAISE_VALUE),
    // futurize stage 2, compat-library = "future".
    ("TestFuturizeSimple.test_shebang_blank_with_future_division_import", Why::Deliberate, INT_DIVISION),
    ("TestFuturizeSimple.test_division", Why::Deliberate, INT_DIVISION),
    (
        "TestFuturizeStage1.test_safe_division",
        Why::NoCompatFix,
        "divisions of operands of unknown type get no fix: py3port has no `old_div()` form; where both operands are known integers it writes `//`",
    ),
    (
        "TestFuturizeStage1.test_safe_division_overloaded",
        Why::NoCompatFix,
        "a division of operands of unknown type gets no fix: py3port has no `old_div()` form",
    ),
    (
        "TestFuturizeSimple.test_oldstyle_classes",
        Why::Deliberate,
        "py3port adds `(object)` only where new-style semantics change the class (PY3428: `__slots__`, property setters, `__getattribute__`), not to every class",
    ),
    (
        "TestFuturizeSimple.test_oldstyle_classes_iterator",
        Why::Deliberate,
        "py3port renames `next` to `__next__` and keeps `next = __next__` for Python 2, with no library; futurize adds `(object)` and relies on `future`'s `object`, which maps `next` on Python 2",
    ),
    (
        "TestFuturizeSimple.test_problematic_string",
        Why::Deliberate,
        "the input is valid on neither version (a stray `.`): no fix next to a parse error (an expected failure upstream)",
    ),
    (
        "TestFuturizeSimple.test_cmp",
        Why::Deliberate,
        "`cmp(a, b)` becomes `(a > b) - (a < b)`, the same on both versions with no library, where futurize imports `past.builtins.cmp`",
    ),
    (
        "TestFuturizeSimple.test_execfile",
        Why::Deliberate,
        "`execfile(f)` becomes `exec(compile(open(f, \"rb\").read(), f, 'exec'))`, which runs on both versions with no library, where futurize imports `past.builtins.execfile`",
    ),
    ("TestFuturizeSimple.test_izip", Why::Deliberate, BUILTIN_ITERATOR),
    (
        "TestFuturizeSimple.test_UserList",
        Why::Deliberate,
        "py3port's import shim tries the Python 2 module first and needs no library; futurize relies on `standard_library.install_aliases()`",
    ),
    (
        "TestFuturizeRenamedStdlib.test_Py2_StringIO_module",
        Why::Deliberate,
        "py3port's import shims keep the Python 2 modules where they exist (an expected failure upstream: the expected `io.StringIO` takes only text on Python 2)",
    ),
    (
        "TestFuturizeSimple.test_import_builtins",
        Why::Bug,
        "`Rounds::SinglePass` drops the `xrange` and `reduce` fixes that the shared import position held back (a harness bug in fix.rs: the held-back key covers the text up to the import, which the first round changed); futurize's `future_builtins` imports of `bytes`, `filter`, `map` have no py3port rule",
    ),
    (
        "TestFuturizeSimple.test_file",
        Why::Deliberate,
        "no futurize fixer handles `file()`, so no py3port rule runs (an expected failure upstream, whose expected output also renames the argument)",
    ),
    (
        "TestFuturizeStage1.test_issue_12",
        Why::Deliberate,
        "stage 2 converts `xrange`, as futurize does; the test is about keeping `from __future__` imports first, which py3port does (an expected failure upstream)",
    ),
    ("TestFuturizeStage1.test_range_necessary_list_calls", Why::Bug, RANGE_REBOUND),
    (
        "TestConservativeFuturize.test_open",
        Why::NoRule,
        "`futurize --conservative` does not exist in futurize 1.0.0 (the test fails upstream); py3port has no such mode",
    ),
    (
        "TestFuturizeAllImports.test_all_imports",
        Why::Bug,
        "`--all-imports` (every `__future__` import, `install_aliases()`, `from builtins import *`) has no py3port counterpart, and `l = range(10)` is lazy on Python 2 after `from builtins import range` (the bug of test_range_necessary_list_calls)",
    ),
    // python-modernize, compat-library = "six".
    (
        "print#1",
        Why::Deliberate,
        "`print(x)` prints the same on Python 2 without `from __future__ import print_function`; py3port adds it only where a print needs it",
    ),
    ("zip#1", Why::Deliberate, BUILTIN_ITERATOR),
    ("map#1", Why::Deliberate, BUILTIN_ITERATOR),
    ("map#2", Why::Deliberate, BUILTIN_ITERATOR),
    ("filter#1", Why::Deliberate, BUILTIN_ITERATOR),
    ("itertools_six#1", Why::Deliberate, BUILTIN_ITERATOR),
    ("itertools_six#2", Why::Deliberate, BUILTIN_ITERATOR),
    ("itertools_six#3", Why::Deliberate, BUILTIN_ITERATOR),
    ("itertools_imports_six#1", Why::Deliberate, BUILTIN_ITERATOR),
    (
        "itertools_six#4",
        Why::NoCompatFix,
        "`itertools.ifilterfalse` gets no 2-and-3 fix (`six.moves.filterfalse` would do); modernize's own output, `itertools.filterfalse`, fails on Python 2 and contradicts its docstring",
    ),
    (
        "imports_six",
        Why::Deliberate,
        "py3port's import shim (`try: import Queue` / `except ImportError: import queue as Queue`) needs no library and keeps the module's names, where modernize imports `six.moves.queue`",
    ),
    (
        "import#1",
        Why::Deliberate,
        "modernize adds `absolute_import` to every module with an import; py3port makes implicit relative imports explicit (`from . import x`), which needs no future import",
    ),
    (
        "int_long_tuple",
        Why::Deliberate,
        "`(int, long)` becomes `(int, six.integer_types)`: the same check as modernize's `six.integer_types`",
    ),
    (
        "classic_division",
        Why::Deliberate,
        "modernize's opt-in fixer turns every `/` into `//`, wrong for floats; py3port writes `//` only where both operands are known integers",
    ),
    (
        "unichr#1",
        Why::Deliberate,
        "py3port writes `six.unichr(code)`, as modernize's changelog documents; modernize 0.8.0 itself writes `from six import unichr`",
    ),
];

const RAISE_TRACEBACK: &str = "`raise E, V, T` has no 2-and-3 form without a library (reported without a fix); futurize's `.with_traceback(T)` fails on Python 2";
const RAISE_VALUE: &str = "futurize's stage 1 imports `future.utils.raise_` for a value that may be an instance; with no library py3port writes `raise E(V)` (unsafe: wrong when V is an instance of E)";
const INT_DIVISION: &str = "both operands are int literals: py3port writes `//`, exact on both versions with no library, where futurize writes `old_div()`";
const BUILTIN_ITERATOR: &str = "py3port uses the builtin `zip`/`map`/`filter` (a list on Python 2: the same results where it is iterated) without importing the lazy one from the library, which would change the module's other calls of the builtin on Python 2";
const RANGE_REBOUND: &str = "`from builtins import range`, added for the `xrange` fix, makes the module's other `range()` calls lazy on Python 2: `l = range(10)` is no longer a list there (futurize wraps it in `list()`)";

fn explained(case: &Case) -> Option<(Why, &'static str)> {
    let test = case.id.split('#').next().unwrap_or_default();
    EXPLAINED.iter().find(|(id, _, _)| *id == case.id || *id == test).map(|(_, why, reason)| (*why, *reason))
}

/// The floors: cases passed per suite, and the macro average (percent) over the fixers
/// with py3port rules, as measured. Raise them when py3port gets better; never lower them
/// to pass.
const FLOORS: &[(Suite, usize, f64)] =
    &[(Suite::Stage1, 48, 74.6), (Suite::Stage2, 23, 51.5), (Suite::Modernize, 29, 52.1)];

/// Whether a diagnostic without a fix covers the 1-based `line` of `source`.
fn withheld_on_line(source: &str, analysis: &Analysis, line: u32) -> bool {
    let index = LineIndex::new(source);
    analysis.diagnostics.iter().any(|d| {
        let start = index.line_column(d.range.start(), source, PositionEncoding::Utf32).line + 1;
        let end = index.line_column(d.range.end(), source, PositionEncoding::Utf32).line + 1;
        d.fix.is_none() && start <= line && line <= end
    })
}

#[derive(Default)]
struct Row {
    cases: usize,
    passed: usize,
    reference: usize,
    rules: Vec<&'static str>,
}

#[test]
fn futurize_and_modernize_conformance() {
    let cases = cases();
    let context = FileContext::default();
    let mut outputs: Vec<Option<String>> = vec![None; cases.len()];
    for (index, case) in cases.iter().enumerate().filter(|(_, case)| !case.skipped) {
        let outcome = fix_with(&case.before, &settings_for(case), &context, FixMode::Unsafe, Rounds::SinglePass);
        outputs[index] = Some(outcome.output);
    }
    // The compile checks, in one Python 2.7 and one Python 3 process.
    let scored: Vec<usize> = (0..cases.len()).filter(|&i| outputs[i].is_some()).collect();
    let befores: Vec<&str> = scored.iter().map(|&i| cases[i].before.as_str()).collect();
    let fixed: Vec<&str> = scored.iter().filter_map(|&i| outputs[i].as_deref()).collect();
    let before_py2 = common::python2_syntax_errors(&befores);
    let fixed_py2 = common::python2_syntax_errors(&fixed);
    let fixed_py3 = common::python3_syntax_errors(&fixed);

    let mut results: BTreeMap<usize, bool> = BTreeMap::new();
    let mut comparisons = Vec::new();
    let mut broken = Vec::new();
    for (n, &index) in scored.iter().enumerate() {
        let case = &cases[index];
        let settings = settings_for(case);
        let output = fixed[n];
        // 2-and-3 output: Python 2.7 still compiles what it compiled, and Python 3 compiles
        // it unless a fix was withheld (a diagnostic without a fix on the line).
        if before_py2[n].is_none() {
            if let Some((line, message)) = &fixed_py2[n] {
                broken
                    .push(format!("{}: Python 2.7 no longer compiles it (line {line}: {message}):\n{output}", case.id));
            }
            if let Some((line, message)) = &fixed_py3[n]
                && !withheld_on_line(output, &check(output, &settings, &context), *line)
            {
                broken.push(format!(
                    "{}: Python 3 does not compile it and no diagnostic says why (line {line}: {message}):\n{output}",
                    case.id
                ));
            }
        }
        match case.kind.as_str() {
            "check" => comparisons.push((index, output.to_owned(), case.after.clone().expect("check has after"))),
            "unchanged" => {
                results.insert(index, output == case.before);
            }
            // futurize must not crash and its output must run: it compiles on both.
            "converts" => {
                results.insert(index, fixed_py2[n].is_none() && fixed_py3[n].is_none());
            }
            "warns" => {
                let reported = !check(&case.before, &settings, &context).diagnostics.is_empty();
                results.insert(index, reported && Some(output) == case.after.as_deref());
            }
            other => panic!("unknown case kind {other}"),
        }
    }
    assert!(broken.is_empty(), "fixed outputs that do not compile:\n\n{}", broken.join("\n\n"));

    let mut child = Command::new(common::python3())
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/compare_compat.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for (index, output, after) in &comparisons {
            let line = serde_json::to_string(&(output, after, cases[*index].strip)).unwrap();
            writeln!(stdin, "{line}").unwrap();
        }
    }
    let answer = child.wait_with_output().expect("python3 finishes");
    let verdicts: Vec<String> = String::from_utf8(answer.stdout).unwrap().lines().map(str::to_owned).collect();
    assert_eq!(verdicts.len(), comparisons.len(), "compare_compat.py answered every case");
    let mut verdict_of = BTreeMap::new();
    for ((index, _, _), verdict) in comparisons.iter().zip(verdicts) {
        results.insert(*index, verdict == "equal");
        verdict_of.insert(*index, verdict);
    }

    let verbose = std::env::var_os("PY3PORT_CONFORMANCE_VERBOSE").is_some();
    let mut report = String::new();
    let mut unexplained = Vec::new();
    let mut measured = Vec::new();
    for suite in [Suite::Stage1, Suite::Stage2, Suite::Modernize] {
        let mut rows: BTreeMap<String, Row> = BTreeMap::new();
        let mut failures = Vec::new();
        let mut not_scored = Vec::new();
        for (index, case) in cases.iter().enumerate().filter(|(_, c)| c.suite == suite) {
            if case.skipped {
                not_scored.push(case.id.clone());
                continue;
            }
            let row = rows.entry(case.row.clone()).or_default();
            row.cases += 1;
            row.reference += usize::from(case.reference == Some(true));
            if row.rules.is_empty() && !case.row.starts_with('(') {
                row.rules = rules_for(&case.row);
            }
            if results[&index] {
                row.passed += 1;
            } else {
                failures.push(index);
            }
        }
        let reference = if suite == Suite::Modernize { "modernize" } else { "futurize" };
        writeln!(report, "\n{}\n", suite.title()).unwrap();
        writeln!(report, "{:<32} {:>6} {:>7} {:>10}  py3port rules", "fixer", "cases", "passed", reference).unwrap();
        let mut rates = Vec::new();
        let (mut passed, mut total) = (0, 0);
        for (name, row) in &rows {
            writeln!(
                report,
                "{name:<32} {:>6} {:>7} {:>10}  {}",
                row.cases,
                row.passed,
                row.reference,
                if name.starts_with('(') {
                    String::new()
                } else if row.rules.is_empty() {
                    "(none)".to_owned()
                } else {
                    row.rules.join(" ")
                }
            )
            .unwrap();
            passed += row.passed;
            total += row.cases;
            if !name.starts_with('(') && !row.rules.is_empty() {
                rates.push(row.passed as f64 / row.cases as f64);
            }
        }
        let macro_average = 100.0 * rates.iter().sum::<f64>() / rates.len().max(1) as f64;
        writeln!(report, "{:<32} {total:>6} {passed:>7}", "all").unwrap();
        writeln!(report, "macro average over {} fixers with py3port rules: {macro_average:.1}%", rates.len()).unwrap();
        if !not_scored.is_empty() {
            writeln!(report, "not scored (skipped upstream): {}", not_scored.join(", ")).unwrap();
        }
        writeln!(report, "failures:").unwrap();
        for index in failures {
            let case = &cases[index];
            let verdict = verdict_of.get(&index).map_or(case.kind.as_str(), String::as_str);
            let no_rule = case.fixers.iter().all(|f| rules_for(f).is_empty());
            match explained(case) {
                Some((why, reason)) => {
                    writeln!(report, "  {} [{verdict}] {}: {reason}", case.id, why.as_str()).unwrap()
                }
                None if no_rule => {
                    writeln!(report, "  {} [{verdict}] {}", case.id, Why::NoRule.as_str()).unwrap();
                }
                None => {
                    writeln!(report, "  {} [{verdict}] UNEXPLAINED", case.id).unwrap();
                    unexplained.push(case.id.clone());
                }
            }
            if verbose {
                writeln!(
                    report,
                    "      before:   {:?}\n      expected: {:?}\n      actual:   {:?}",
                    case.before, case.after, outputs[index]
                )
                .unwrap();
            }
        }
        measured.push((suite, passed, macro_average));
    }
    println!("{report}");

    assert!(unexplained.is_empty(), "failures without a reason in EXPLAINED: {unexplained:?}");
    for (suite, passed, macro_average) in measured {
        let Some((_, floor, macro_floor)) = FLOORS.iter().find(|(s, _, _)| *s == suite) else {
            panic!("no floor for {suite:?}: measured {passed} passed, {macro_average:.1}%")
        };
        assert!(passed >= *floor, "{}: {passed} cases passed, below the floor of {floor}", suite.title());
        assert!(
            macro_average + 1e-9 >= *macro_floor,
            "{}: macro average {macro_average:.1}% below the floor of {macro_floor:.1}%",
            suite.title()
        );
    }
}
