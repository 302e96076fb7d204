//! The fix loop over whole files: fixes that only break the parse together, and fixes
//! inside code another fix rewrote.

use py3port_core::{FileContext, FixMode, Rule, SettingValue, Settings, fix};

fn all_rules() -> Settings {
    let mut settings = Settings::default();
    settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
    settings
}

/// Tuple parameters in functions and lambdas (the behaviour test's programs): each fix
/// parses alone, some not together; those that still parse with the others go in the same
/// round, so the file is fixed within the rounds (it used to take one round per fix and
/// run out).
#[test]
fn fixes_that_break_together_wait_their_turn_without_running_out_of_rounds() {
    let mut settings = all_rules();
    settings.set("source", SettingValue::String("py2".into())).unwrap();
    for source in [
        include_str!("../../py3port-cli/tests/behaviour/tuple_params.py"),
        include_str!("../../py3port-cli/tests/behaviour/grade_stats.py"),
    ] {
        let outcome = fix(source, &settings, &FileContext::default(), FixMode::Unsafe);
        assert!(outcome.converged, "{}", outcome.output);
        assert!(!outcome.remaining.diagnostics.iter().any(|d| d.rule == Rule::TupleParameter), "{}", outcome.output);
    }
}

/// A `print` statement turned into a call leaves the Python 2 code inside it to the other
/// rules: `range()` is still wrapped, and a `map()` whose lambda lost its tuple parameter
/// is still a `map()` that returns an iterator.
#[test]
fn code_inside_a_fixed_statement_is_still_fixed() {
    let mut settings = all_rules();
    settings.set("source", SettingValue::String("py2".into())).unwrap();
    let context = FileContext::default();
    let outcome = fix("print 'concat:', range(3) + range(3)\n", &settings, &context, FixMode::Unsafe);
    assert_eq!(outcome.output, "print('concat:', list(range(3)) + list(range(3)))\n");
    let outcome = fix(
        "points = [(1, 2)]\nprint 'sums:', map(lambda (a, b): a + b, points)\n",
        &settings,
        &context,
        FixMode::Unsafe,
    );
    assert!(!outcome.output.contains("print('sums:', map("), "{}", outcome.output);
}

/// In a project declared Python 2 only, a file whose syntax is neutral is read as Python 2:
/// the `input()` that fixing `raw_input()` wrote must not become `eval(input())` when the
/// file is fixed again (found by scripts/fix-validity on Django).
#[test]
fn fixing_twice_never_evaluates_a_prompt() {
    let settings = all_rules();
    let context = FileContext { project: py3port_core::ProjectPython::Python2Only, ..FileContext::default() };
    let once = fix("name = raw_input('name? ')\n", &settings, &context, FixMode::Unsafe);
    assert_eq!(once.output, "name = input('name? ')\n");
    let twice = fix(&once.output, &settings, &context, FixMode::Unsafe);
    assert_eq!(twice.output, once.output);
    // A file that is Python 2 by its own syntax still gets 2to3's fix.
    let python2 = fix("print 'x'\nvalue = input('n? ')\n", &settings, &context, FixMode::Unsafe);
    assert!(python2.output.contains("eval(input('n? '))"), "{}", python2.output);
}
