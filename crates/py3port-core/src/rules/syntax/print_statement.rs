//! PY3101: the Python 2 `print` statement, in all its forms.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::compat::{Compat, PRINT_FUNCTION};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::settings::Target;
use crate::syntax_kind::{Field, NodeKind, field, field_children};
use crate::text::TextRange;

declare_rule! {
    /// The Python 2 `print` statement, which Python 3 rejects or reads differently.
    ///
    /// ## What it does
    /// Checks for the `print` statement in all its forms: `print x, y`, `print >>f, x`,
    /// `print x,` (no newline), a bare `print`, and the forms Python 3 parses as
    /// something else: `print -1` (a subtraction), `print (a), b` (a tuple) and
    /// `print (a, b)`, which on Python 2 prints a tuple. Files that import
    /// `print_function` from `__future__` are already using the function and are only
    /// checked for leftover statements, which are errors there too.
    ///
    /// ## Why is this bad?
    /// `print` is a function on Python 3: `print x` is a syntax error, a bare `print` is
    /// an expression that silently does nothing, `print -1` subtracts one from the
    /// function and raises `TypeError`, and `print (a, b)` prints `a b` where Python 2
    /// printed `('a', 'b')`.
    ///
    /// ## Example
    /// ```python
    /// print "Hello", name
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// print("Hello", name)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the call 2to3 writes, without 2to3's double parentheses around a
    /// single parenthesised argument: `print ("x")` is left alone, because it prints the
    /// same on both. `print >>f, x` becomes `print(x, file=f)`.
    ///
    /// `print x,` becomes `print(x, end=' ')`, which is unsafe: Python 2's "soft space"
    /// wrote the space only if more output followed on the line, so the output can gain
    /// a trailing space. After a string literal ending in a newline or a tab, Python 2
    /// wrote no space at all, and the fix writes `end=''`.
    ///
    /// `print (a, b)` becomes `print((a, b))`, which keeps the Python 2 output (a tuple).
    /// The same text is a plain call in code already written for Python 3, so outside
    /// files that are otherwise Python 2 the diagnostic has medium confidence and the
    /// fix is unsafe; and without a space before the parenthesis, as in `print(a, b)`,
    /// the tuple output was probably never wanted (it is what a port writes, half-way
    /// through a file), so the diagnostic has medium confidence even in Python 2 files
    /// and the fix is only displayed.
    fix: Sometimes,
    kinds: [PrintStatement, ExpressionStatement],
    check: Some(check),
    lib2to3: ["print"],
    catalogue: [1],
}

/// Recorded where a `print` reads as a call only because `print_function` is imported,
/// so that removing the import (PY3501) is not offered.
pub(crate) const NEEDS_PRINT_FUNCTION: &str = "needs-print-function";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::PrintStatement => statement(cx, node),
        NodeKind::ExpressionStatement => match classify(cx, node) {
            Some(_) if cx.module.future.print_function => cx.mark(NEEDS_PRINT_FUNCTION),
            Some(form) => expression(cx, node, form),
            None => {}
        },
        _ => {}
    }
}

/// How an expression statement starting with `print` reads as a Python 2 statement.
enum Form<'t> {
    /// `print` alone.
    Bare(Node<'t>),
    /// `print (a, b)` or `print()`: a call on Python 3 that prints something else.
    Tuple { leaf: Node<'t>, arguments: Node<'t>, empty: bool },
    /// `print -1`, `print (a), b`, `print(a)[0]`.
    Other(Node<'t>),
}

/// Python 2 statements that tree-sitter reads as Python 3 expressions starting with the
/// name `print`, and that mean something else on Python 3.
fn classify<'t>(cx: &Checker<'_>, node: Node<'t>) -> Option<Form<'t>> {
    // Most statements do not start with `print`: say so before walking down to the leaf.
    if !cx.source.get(node.start_byte()..).is_some_and(|rest| rest.starts_with("print")) {
        return None;
    }
    let leaf = ast::first_leaf(node);
    if leaf.start_byte() != node.start_byte() || NodeKind::of(leaf) != NodeKind::Identifier || cx.text(leaf) != "print"
    {
        return None;
    }
    // `print = x`, `print.x`: not a statement in any Python 2 that parses.
    let mut ancestor = leaf.parent();
    while let Some(current) = ancestor.filter(|current| *current != node) {
        if matches!(
            NodeKind::of(current),
            NodeKind::Assignment | NodeKind::AugmentedAssignment | NodeKind::Attribute | NodeKind::KeywordArgument
        ) {
            return None;
        }
        ancestor = current.parent();
    }
    let children = ast::code_children(node);
    if children.len() == 1 && children[0] == leaf {
        return Some(Form::Bare(leaf));
    }
    if children.len() == 1
        && NodeKind::of(children[0]) == NodeKind::Call
        && field(children[0], Field::Function) == Some(leaf)
    {
        let call = children[0];
        let arguments = field(call, Field::Arguments)?;
        if NodeKind::of(arguments) != NodeKind::ArgumentList {
            return None; // `print(x for x in y)`: a generator either way.
        }
        let args = ast::code_children(arguments);
        if args.iter().any(|arg| {
            matches!(NodeKind::of(*arg), NodeKind::KeywordArgument | NodeKind::ListSplat | NodeKind::DictionarySplat)
        }) {
            return None; // Python 3 only syntax.
        }
        let parts = ast::children(arguments);
        let trailing_comma = parts.len() >= 2 && parts[parts.len() - 2].kind() == ",";
        if args.len() == 1 && !trailing_comma {
            return None; // `print(x)` prints x on both.
        }
        return Some(Form::Tuple { leaf, arguments, empty: args.is_empty() });
    }
    Some(Form::Other(leaf))
}

fn message(cx: &Checker<'_>) -> &'static str {
    if cx.module.future.print_function {
        "`print` statement is a syntax error on Python 3 (and here on Python 2 too: `print_function` is imported)"
    } else {
        "`print` statement is a syntax error on Python 3"
    }
}

fn statement(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(keyword) = node.child(0) else { return };
    let args = field_children(node, Field::Argument);
    let target = ast::named_children(node)
        .into_iter()
        .find(|child| NodeKind::of(*child) == NodeKind::Chevron)
        .and_then(|chevron| chevron.named_child(0));
    let trailing_comma = node.child(node.child_count().saturating_sub(1)).is_some_and(|last| last.kind() == ",");
    // `print ("x")`, read as the statement (error recovery, or no separator before the
    // next statement on the line): the same text is the Python 3 call printing the same.
    if let [only] = args[..]
        && target.is_none()
        && !trailing_comma
        && NodeKind::of(only) == NodeKind::ParenthesizedExpression
    {
        return;
    }

    let mut extras = Vec::new();
    if let Some(last) = args.last().filter(|_| trailing_comma) {
        extras.push(format!("end={}", soft_space_end(cx, *last)));
    }
    if let Some(target) = target {
        extras.push(format!("file={}", cx.text(target)));
    }
    let end = node.end_byte() as u32;
    let edits = match (args.first(), args.last()) {
        (Some(first), Some(last)) => vec![
            Edit::replace(TextRange::new(keyword.end_byte() as u32, first.start_byte() as u32), "("),
            Edit::replace(
                TextRange::new(last.end_byte() as u32, end),
                if extras.is_empty() { ")".to_owned() } else { format!(", {})", extras.join(", ")) },
            ),
        ],
        _ => vec![Edit::replace(TextRange::new(keyword.end_byte() as u32, end), format!("({})", extras.join(", ")))],
    };
    let applicability = if trailing_comma && !args.is_empty() { Applicability::Unsafe } else { Applicability::Safe };
    let fix = Fix::new("Replace with a `print()` call", edits, applicability);
    let diagnostic = cx.diagnostic(Rule::PrintStatement, node, message(cx)).with_fix(cx.fix_if_clean(node, fix));
    // `print x` becomes `print(x)`, which Python 2 prints the same way without the
    // `print_function` import; every other form needs it.
    let single = args.len() == 1 && extras.is_empty();
    report(cx, diagnostic, DialectGate::Any, !single);
}

/// What `print x,` leaves after `x`, as `end=`: Python 2's soft space, `' '`, unless `x`
/// is a string literal (or a `%` format of one) that ends in whitespace other than a
/// space, after which Python 2 wrote no space: `''`.
fn soft_space_end(cx: &Checker<'_>, last: Node<'_>) -> &'static str {
    let mut node = ast::unparenthesize(last);
    if NodeKind::of(node) == NodeKind::BinaryOperator
        && field(node, Field::Operator).is_some_and(|operator| operator.kind() == "%")
        && let Some(left) = field(node, Field::Left)
    {
        node = ast::unparenthesize(left);
    }
    if NodeKind::of(node) == NodeKind::ConcatenatedString
        && let Some(part) = ast::named_children(node).pop()
    {
        node = part;
    }
    if NodeKind::of(node) != NodeKind::String {
        return "' '";
    }
    let text = cx.text(node);
    let Some(quote) = text.find(['\'', '"']) else { return "' '" };
    if text[..quote].contains(['r', 'R']) {
        return "' '";
    }
    let quotes =
        if text[quote..].starts_with(&text[quote..quote + 1].repeat(3)) && text.len() >= quote + 6 { 3 } else { 1 };
    let Some(body) = text.get(quote + quotes..text.len() - quotes) else { return "' '" };
    // An escape at the end: an odd run of backslashes before its letter.
    let escaped = |letters: &[char]| {
        body.strip_suffix(letters).is_some_and(|rest| (rest.len() - rest.trim_end_matches('\\').len()) % 2 == 1)
    };
    if body.ends_with(['\n', '\t', '\r', '\x0b', '\x0c']) || escaped(&['n', 't', 'r', 'v', 'f']) { "''" } else { "' '" }
}

/// Reports a print diagnostic; with `target = "py2-py3"`, says whether its fix needs
/// `from __future__ import print_function` on Python 2.
fn report(cx: &mut Checker<'_>, diagnostic: crate::diagnostic::Diagnostic, gate: DialectGate, needs_future: bool) {
    let mut candidate = Candidate::new(diagnostic, gate);
    if cx.settings.target == Target::Py2Py3 {
        candidate.compat = Some(if needs_future { Compat::Future(PRINT_FUNCTION) } else { Compat::Same });
    }
    cx.push(candidate);
}

/// Reports a Python 2 `print` statement that tree-sitter reads as an expression.
fn expression(cx: &mut Checker<'_>, node: Node<'_>, form: Form<'_>) {
    let leaf = match form {
        Form::Bare(leaf) => {
            let fix = Fix::safe("Replace with `print()`", vec![Edit::insert(leaf.end_byte() as u32, "()")]);
            let diagnostic = cx
                .diagnostic(
                    Rule::PrintStatement,
                    node,
                    "Bare `print` does nothing on Python 3; on Python 2 it printed an empty line",
                )
                .with_fix(cx.fix_if_clean(node, fix));
            report(cx, diagnostic, DialectGate::Any, true);
            return;
        }
        Form::Tuple { leaf, arguments, empty } => {
            tuple_print(cx, node, leaf, arguments, empty);
            return;
        }
        Form::Other(leaf) => leaf,
    };
    let children = ast::code_children(node);
    let last = node.child(node.child_count().saturating_sub(1));
    let trailing_comma = last.is_some_and(|last| last.kind() == ",");
    let Some(last_named) = children.last() else { return };
    let rest = &cx.source[leaf.end_byte()..last_named.end_byte()];
    let extra = if trailing_comma { format!(", end={}", soft_space_end(cx, *last_named)) } else { String::new() };
    let fix = Fix::new(
        "Replace with a `print()` call",
        vec![Edit::replace(
            TextRange::new(leaf.end_byte() as u32, node.end_byte() as u32),
            format!("({}{extra})", rest.trim_start()),
        )],
        if trailing_comma { Applicability::Unsafe } else { Applicability::Safe },
    );
    let diagnostic = cx
        .diagnostic(
            Rule::PrintStatement,
            node,
            "`print` statement that Python 3 parses as an expression: it no longer prints anything",
        )
        .with_fix(cx.fix_if_clean(node, fix));
    // `print -1` is one value, printed the same by `print(-1)` on Python 2.
    let single = !trailing_comma && !crate::ast::has_top_level_comma(rest);
    report(cx, diagnostic, DialectGate::NotPython3, !single);
}

/// `print (a, b)` and `print()`: a call on Python 3, a tuple printed on Python 2.
fn tuple_print(cx: &mut Checker<'_>, statement: Node<'_>, leaf: Node<'_>, arguments: Node<'_>, empty: bool) {
    let spaced = arguments.start_byte() > leaf.end_byte();
    let message = if empty {
        "`print()` prints `()` on Python 2 but an empty line on Python 3"
    } else {
        "`print (a, b)` prints a tuple on Python 2 but its items on Python 3"
    };
    let fix = Fix::new(
        "Keep the Python 2 output: print the tuple",
        vec![
            Edit::replace(TextRange::new(leaf.end_byte() as u32, arguments.start_byte() as u32 + 1), "(("),
            Edit::insert(arguments.end_byte() as u32 - 1, ")"),
        ],
        if spaced { Applicability::Safe } else { Applicability::DisplayOnly },
    );
    let mut diagnostic =
        cx.diagnostic(Rule::PrintStatement, statement, message).with_fix(cx.fix_if_clean(statement, fix));
    // `print(a, b)`, written as a call, is what a fix or a person porting the file writes:
    // medium confidence even in Python 2 files.
    if !spaced && !empty {
        diagnostic = diagnostic.with_confidence(crate::diagnostic::Confidence::Medium);
    }
    // `print((a, b))` prints the tuple on both versions.
    report(cx, diagnostic, DialectGate::NotPython3HighInPython2, false);
}
