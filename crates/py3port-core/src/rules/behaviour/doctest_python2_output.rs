//! PY3441: doctests whose expected output is Python 2's.

use tree_sitter::Node;

use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// A doctest that shows Python 2 output (`u'text'`, `10L`) or uses a `print` statement.
    ///
    /// ## What it does
    /// Checks string literals holding doctests (`>>> ` prompts) for expected output
    /// with a `u''` string repr or a long's `L` suffix, and for prompts with a `print`
    /// statement. Files that are already Python 3 are not checked.
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
    /// There is no fix: expected output is data the test compares against, and a
    /// doctest meant to pass on both versions needs `print()` or a version-neutral
    /// form.
    fix: Never,
    kinds: [String],
    check: Some(check),
    lib2to3: [],
    catalogue: [142],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let text = cx.text(node);
    if !text.contains(">>> ") {
        return;
    }
    let base = node.start_byte() as u32;
    let mut expecting_output = false;
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let content = trimmed.trim_end();
        if let Some(source) = content.strip_prefix(">>> ") {
            expecting_output = true;
            let statement = source.trim_start();
            let is_print_statement = statement.strip_prefix("print").is_some_and(|rest| {
                rest.starts_with([' ', '\t']) && !rest.trim_start().starts_with(['(', '=']) || rest.starts_with(" >>")
            });
            if is_print_statement {
                let range =
                    TextRange::new(base + (start + indent) as u32, base + (start + indent + content.len()) as u32);
                report(cx, range, "This doctest uses a `print` statement, a syntax error on Python 3");
            }
            continue;
        }
        if content.starts_with("...") {
            continue;
        }
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
