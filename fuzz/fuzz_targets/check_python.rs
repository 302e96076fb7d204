//! Mutated Python (seeded with Python 2 files) under each fix target and source dialect:
//! no panic, fixes converge, never add a parse error, and a second fix finds nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use py3port_core::{FileContext, FixMode, ProjectPython, Rule, SettingValue, fix};
use py3port_fuzz::{all_rules, error_regions};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut settings = all_rules();
    let (target, library) = match selector % 4 {
        0 => ("py3", "six"),
        1 => ("py2-py3", "six"),
        2 => ("py2-py3", "future"),
        _ => ("py2-py3", "none"),
    };
    settings.set("target", SettingValue::String(target.into())).unwrap();
    settings.set("compat-library", SettingValue::String(library.into())).unwrap();
    let source = ["auto", "py2", "py3"][usize::from(selector / 4 % 3)];
    settings.set("source", SettingValue::String(source.into())).unwrap();
    let project = [ProjectPython::Unknown, ProjectPython::MostlyPython2, ProjectPython::Python3Only]
        [usize::from(selector / 12 % 3)];
    let context = FileContext { project, ..FileContext::default() };

    let outcome = fix(text, &settings, &context, FixMode::Unsafe);
    assert!(outcome.converged, "fixes did not converge in {} rounds", outcome.rounds);
    assert!(error_regions(&outcome.output) <= error_regions(text), "fixes added a parse error");
    // `source = "py2"` declares the text Python 2 whatever it holds: once it is fixed, the
    // declaration no longer holds (the `input()` written for `raw_input()` would read as
    // Python 2's evaluating `input()`), so idempotence is asked of the other sources only.
    if source == "py2" {
        return;
    }
    // Known and documented: PY3402 (2to3's opt-in `dict` fixer) is no more idempotent than
    // 2to3 in a file that stays Python 2, and PY3411 reads the `input()` that a fix of
    // `raw_input()` wrote as Python 2's `input()` in a file that keeps Python 2 syntax
    // after its fixes (the rules' docs say so; docs/fix-validity.md, B1).
    let again = fix(&outcome.output, &settings, &context, FixMode::Unsafe);
    let reapplied: Vec<_> = again
        .applied
        .iter()
        .filter(|(rule, _)| !matches!(**rule, Rule::DictKeysListWrap | Rule::InputBuiltin))
        .collect();
    assert!(reapplied.is_empty(), "a second fix changed the fixed text again: {reapplied:?}");
});
