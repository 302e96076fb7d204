//! PY3526: `if six.PY2:` and the other branches on the Python version that Python 3
//! decides once and for all.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::leftovers::{dedented_block, report};
use crate::semantic::version_check;
use crate::syntax_kind::{Field, NodeKind, field, field_children};
use crate::text::TextRange;

declare_rule! {
    /// A branch on the Python version (`six.PY2`, `sys.version_info < (3,)`, `sys.version_info[0] == 2`) in Python 3 code.
    ///
    /// ## What it does
    /// Checks `if` and `elif` conditions and conditional expressions whose value is the
    /// same on every Python 3: `six.PY2` and `six.PY3` (and those names imported from
    /// six or `future.utils`), comparisons of `sys.version_info`, its first item,
    /// `.major`, `sys.version` and `sys.hexversion` with Python 3, flags named for the
    /// version (`PY2`, `IS_PY3K`), and `not`, `and` and `or` of them where the version
    /// alone decides.
    ///
    /// ## Why is this bad?
    /// Once Python 2 is gone, the Python 2 branch is dead code and the test is noise.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// if six.PY2:
    ///     text_type = unicode
    /// else:
    ///     text_type = str
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// text_type = str
    /// ```
    ///
    /// ## Fix safety
    /// The fix keeps the branch Python 3 runs, re-indented (lines inside multi-line
    /// strings are left as they are), and removes the rest; an `elif` Python 3 never
    /// takes is removed, one it always takes becomes the `else`. It is safe when the
    /// test is on `six.PY2` or `sys`. It is unsafe when the test is a bare flag (`PY2`,
    /// `IS_PY3K`, whether imported from six or defined by the project), which is taken to
    /// mean what its name says, or when the condition calls something.
    fix: Sometimes,
    kinds: [IfStatement, ConditionalExpression],
    check: Some(check),
    lib2to3: [],
    catalogue: [163],
}

/// Whether the condition is false on every Python 3 (or true), and whether the fix is
/// safe: the test is on `six` or `sys` and nothing that would no longer run is a call.
fn decided(cx: &Checker<'_>, condition: Node<'_>) -> Option<(bool, bool)> {
    let py2_only = version_check(cx.source, condition)?;
    let mut known = true;
    let mut calls = false;
    ast::walk_named(condition, |node| {
        match NodeKind::of(node) {
            NodeKind::Identifier => {
                let name = cx.text(node);
                // A bare flag (`PY2`) is taken at its word.
                if name != "sys" && name != "six" {
                    known = false;
                }
            }
            NodeKind::Attribute => {
                let text = cx.text(node);
                let root = text.split('.').next().unwrap_or_default().trim();
                if root != "sys" && root != "six" {
                    known = false;
                }
                return false;
            }
            NodeKind::Call => {
                calls |= !cx.text(node).starts_with("sys.version.startswith");
                return false;
            }
            _ => {}
        }
        true
    });
    Some((py2_only, known && !calls))
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::ConditionalExpression {
        conditional(cx, node);
        return;
    }
    let indent = cx.indentation_at(node.start_byte() as u32).to_owned();
    if let Some(condition) = field(node, Field::Condition)
        && let Some((py2_only, safe)) = decided(cx, condition)
    {
        let alternatives = field_children(node, Field::Alternative);
        let fix = if py2_only {
            match alternatives.first() {
                None => Some(remove_statement(cx, node)),
                Some(&clause) if NodeKind::of(clause) == NodeKind::ElseClause => {
                    let body = field(clause, Field::Body);
                    body.and_then(|body| dedented_block(cx, body, &indent))
                        .map(|text| Edit::replace(ast::range(node), text))
                }
                // `elif` becomes `if`.
                Some(&clause) => Some(Edit::replace(
                    TextRange::from_usize(node.start_byte()..clause.start_byte() + "elif".len()),
                    "if",
                )),
            }
        } else {
            field(node, Field::Consequence)
                .and_then(|body| dedented_block(cx, body, &indent))
                .map(|text| Edit::replace(ast::range(node), text))
        };
        push(cx, ast::range(condition), py2_only, safe, fix.map(|edit| vec![edit]));
    }
    // `elif` clauses.
    let alternatives = field_children(node, Field::Alternative);
    for (index, &clause) in alternatives.iter().enumerate() {
        if NodeKind::of(clause) != NodeKind::ElifClause {
            continue;
        }
        let Some(condition) = field(clause, Field::Condition) else { continue };
        let Some((py2_only, safe)) = decided(cx, condition) else { continue };
        let previous_end = match index {
            0 => field(node, Field::Consequence).map(|c| c.end_byte()),
            _ => Some(alternatives[index - 1].end_byte()),
        };
        let edits = if py2_only {
            // Python 3 never takes it: gone.
            previous_end.map(|start| vec![Edit::delete(TextRange::from_usize(start..clause.end_byte()))])
        } else {
            // Python 3 always takes it: it is the `else`, and what follows never runs.
            condition.next_sibling().filter(|colon| colon.kind() == ":").map(|colon| {
                vec![
                    Edit::replace(TextRange::from_usize(clause.start_byte()..colon.end_byte()), "else:"),
                    Edit::delete(TextRange::from_usize(clause.end_byte()..node.end_byte())),
                ]
            })
        };
        push(cx, ast::range(condition), py2_only, safe, edits);
    }
}

/// `a if six.PY2 else b`.
fn conditional(cx: &mut Checker<'_>, node: Node<'_>) {
    let parts = ast::code_children(node);
    let [consequence, condition, alternative] = parts[..] else { return };
    let Some((py2_only, safe)) = decided(cx, condition) else { return };
    let kept = if py2_only { alternative } else { consequence };
    let edit = Edit::replace(ast::range(node), cx.text(kept));
    push(cx, ast::range(condition), py2_only, safe, Some(vec![edit]));
}

fn push(cx: &mut Checker<'_>, range: TextRange, py2_only: bool, safe: bool, edits: Option<Vec<Edit>>) {
    let (message, title) = if py2_only {
        ("The condition is false on every Python 3: this branch is Python 2 code", "Remove the Python 2 branch")
    } else {
        ("The condition is true on every Python 3: the other branches are Python 2 code", "Keep the Python 3 branch")
    };
    let fix = edits.and_then(|edits| if safe { Fix::safe(title, edits) } else { Fix::unsafe_edits(title, edits) });
    report(cx, Rule::VersionBranch, range, message, fix);
}
