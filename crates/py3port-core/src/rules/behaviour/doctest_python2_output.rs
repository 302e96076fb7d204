//! PY3441: doctests whose expected output is Python 2's.

use tree_sitter::Node;

use crate::checker::{Candidate, Checker, DialectGate};
use crate::compat::{Compat, PRINT_FUNCTION};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// A doctest that shows Python 2 output (`u'text'`, `10L`) or uses a `print` statement.
    ///
    /// ## What it does
    /// Checks string literals holding doctests (`>>> ` prompts) for expected output
    /// with a `u''` string repr or a long's `L` suffix, and for `print` statements after
    /// a `>>> ` prompt or on a `... ` continuation line. Files that are already Python 3
    /// are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 writes `'text'` and `10`: the doctest fails. 2to3's `-d` mode rewrote
    /// only the code after the prompts, never the expected output, and no other tool
    /// looks inside docstrings.
    ///
    /// ## Example
    /// ```python
    /// def title(name):
    ///     """
    ///     >>> title(u"ada")
    ///     u'Ada'
    ///     """
    ///     return name.title()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def title(name):
    ///     """
    ///     >>> title("ada")
    ///     'Ada'
    ///     """
    ///     return name.title()
    /// ```
    ///
    /// ## Fix safety
    /// A `print` statement after a prompt becomes a `print()` call (not `print x,` or
    /// `print >>f, x`); it is safe. With `target = "py2-py3"`, a call of several values
    /// needs `print_function` on Python 2, which the doctests of a module run with: it is
    /// fixed together with the module's `print` statements, all or none. Expected output
    /// has no fix: it is data the test compares against, and a doctest meant to pass on
    /// both versions needs a version-neutral form.
    fix: Sometimes,
    kinds: [String],
    check: Some(check),
    lib2to3: [],
    catalogue: [142],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let text = cx.text(node);
    // Every string comes here: a prebuilt searcher, not `str::contains`'s per call.
    static PROMPT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(">>> "));
    if PROMPT.find(text.as_bytes()).is_none() {
        return;
    }
    let base = node.start_byte() as u32;
    let mut expecting_output = false;
    // After a `>>> ` prompt, before the expected output: `... ` lines continue the code.
    let mut in_source = false;
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let content = trimmed.trim_end();
        let source = content.strip_prefix(">>> ").or_else(|| content.strip_prefix("... ").filter(|_| in_source));
        if let Some(source) = source {
            expecting_output = true;
            in_source = true;
            let statement = source.trim_start();
            let is_print_statement = statement.strip_prefix("print").is_some_and(|rest| {
                rest.starts_with([' ', '\t']) && !rest.trim_start().starts_with(['(', '=']) || rest.starts_with(" >>")
            });
            if is_print_statement {
                let range =
                    TextRange::new(base + (start + indent) as u32, base + (start + indent + content.len()) as u32);
                let statement_start = range.end() - statement.len() as u32;
                print_statement(cx, range, statement_start, statement);
            }
            continue;
        }
        if content.starts_with("...") || content == ">>>" {
            continue;
        }
        in_source = false;
        if content.is_empty() || content.starts_with("\"\"\"") || content.starts_with("'''") {
            expecting_output = false;
            continue;
        }
        if !expecting_output {
            continue;
        }
        if let Some(what) = python2_repr(content) {
            let range = TextRange::new(base + (start + indent) as u32, base + (start + indent + content.len()) as u32);
            report(
                cx,
                range,
                &format!("This doctest expects Python 2 output ({what}); Python 3 prints it differently"),
            );
        }
    }
}

/// `>>> print x, y` becomes `>>> print(x, y)`: the same output on Python 3, and on
/// Python 2 with `print_function` imported (a single value prints the same without
/// it). `print x,` (no newline) and `print >>f, x` get no fix. A module that gains
/// `print_function` on Python 2 runs its doctests with it too, so with
/// `target = "py2-py3"` these fixes join the import's group, all or none.
fn print_statement(cx: &mut Checker<'_>, range: TextRange, statement_start: u32, statement: &str) {
    let arguments = statement["print".len()..].trim();
    let fix = (!arguments.ends_with(',') && !arguments.starts_with(">>") && !arguments.contains('#'))
        .then(|| {
            Fix::safe(
                "Use `print()`",
                vec![Edit::replace(TextRange::new(statement_start, range.end()), format!("print({arguments})"))],
            )
        })
        .flatten();
    let diagnostic = Diagnostic::new(
        Rule::DoctestPython2Output,
        range,
        "This doctest uses a `print` statement, a syntax error on Python 3",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.compat =
        Some(if crate::ast::has_top_level_comma(arguments) { Compat::Future(PRINT_FUNCTION) } else { Compat::Same });
    cx.push(candidate);
}

fn report(cx: &mut Checker<'_>, range: TextRange, message: &str) {
    let diagnostic = Diagnostic::new(Rule::DoctestPython2Output, range, message);
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}

/// What in an expected-output line is Python 2's repr: a `u'...'` string or a long.
fn python2_repr(line: &str) -> Option<&'static str> {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let boundary = i == 0 || matches!(bytes[i - 1], b'(' | b'[' | b'{' | b' ' | b',' | b':' | b'=');
        if !boundary {
            continue;
        }
        if b == b'u' && matches!(bytes.get(i + 1), Some(b'\'' | b'"')) {
            return Some("a `u''` string");
        }
        if b.is_ascii_digit() {
            let digits = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let after = bytes.get(i + digits);
            let end_ok = bytes.get(i + digits + 1).is_none_or(|c| matches!(c, b')' | b']' | b'}' | b',' | b' '));
            if matches!(after, Some(b'L' | b'l')) && end_ok {
                return Some("a long's `L` suffix");
            }
        }
    }
    None
}
