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
    /// version (`PY2`, `IS_PY3K`), comparisons of `sys.version_info` with a tuple that
    /// every Python 3 from the `target-version` on answers alike (`sys.version_info <
    /// (2, 6)`, `sys.version_info >= (3, 6)` with a target of 3.6 or later), and `not`,
    /// `and` and `or` of them where the version alone decides.
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
    /// mean what its name says, when the condition calls something, or when only the
    /// `target-version` decides it (the project may still support older Pythons than the
    /// setting says).
    fix: Sometimes,
    kinds: [IfStatement, ConditionalExpression],
    check: Some(check),
    lib2to3: [],
    catalogue: [163],
}

/// Whether the condition is false on every Python 3 (or true), and whether the fix is
/// safe: the test is on `six` or `sys` and nothing that would no longer run is a call.
fn decided(cx: &Checker<'_>, condition: Node<'_>) -> Option<Decision> {
    // Python 3 itself decides, or (less surely) the oldest Python 3 the project targets.
    let target = cx.settings.target_version.0;
    let (py2_only, since) =
        match version_check(cx.source, condition).or_else(|| py3_value(cx, condition, 0).map(|value| !value)) {
            Some(py2_only) => (py2_only, None),
            None => (!py3_value(cx, condition, target)?, Some(target)),
        };
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
    Some(Decision { py2_only, safe: known && !calls && since.is_none(), since })
}

/// What Python 3 makes of a condition.
#[derive(Clone, Copy)]
struct Decision {
    /// False on every Python 3 (else true on every one).
    py2_only: bool,
    /// The fix can be trusted (see the rule's fix safety).
    safe: bool,
    /// Decided only from this minor version on (the `target-version`).
    since: Option<u8>,
}

/// The value of a condition on every Python 3 from `3.<oldest>` on, where comparisons
/// of `sys.version_info` with a tuple decide it (`sys.version_info < (2, 6)`,
/// `sys.version_info >= (3, 6)` when the oldest Python supported is 3.6 or later).
fn py3_value(cx: &Checker<'_>, node: Node<'_>, oldest: u8) -> Option<bool> {
    let node = ast::unparenthesize(node);
    match NodeKind::of(node) {
        NodeKind::NotOperator => field(node, Field::Argument).and_then(|a| py3_value(cx, a, oldest)).map(|v| !v),
        NodeKind::BooleanOperator => {
            let left = field(node, Field::Left).and_then(|l| py3_value(cx, l, oldest));
            let right = field(node, Field::Right).and_then(|r| py3_value(cx, r, oldest));
            match field(node, Field::Operator).map(|o| o.kind()) {
                Some("and") if left == Some(false) || right == Some(false) => Some(false),
                Some("or") if left == Some(true) || right == Some(true) => Some(true),
                _ if left.is_some() && left == right => left,
                _ => None,
            }
        }
        NodeKind::ComparisonOperator => {
            let children = ast::children(node);
            let [left, operator, right] = children[..] else { return None };
            let operator = operator.kind();
            let values: Option<Vec<bool>> = (oldest..=99)
                .map(|minor| {
                    compare(cx, left, right, minor)
                        .or_else(|| compare(cx, right, left, minor).map(std::cmp::Ordering::reverse))
                        .and_then(|order| holds(operator, order))
                })
                .collect();
            let values = values?;
            if values.iter().all(|v| *v) {
                Some(true)
            } else if values.iter().all(|v| !*v) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// How `version` (a form of `sys.version_info`) on Python `3.<minor>` compares with the
/// constant tuple `constant`; `None` where the micro version would decide.
fn compare(cx: &Checker<'_>, version: Node<'_>, constant: Node<'_>, minor: u8) -> Option<std::cmp::Ordering> {
    let text: String = cx.text(version).split_whitespace().collect();
    // `sys.version_info` has more items than any tuple compared with it here.
    let (ours, longer): (&[u32], bool) = match text.as_str() {
        "sys.version_info" => (&[3, minor as u32], true),
        "sys.version_info[:2]" | "sys.version_info[0:2]" => (&[3, minor as u32], false),
        _ => return None,
    };
    if NodeKind::of(constant) != NodeKind::Tuple {
        return None;
    }
    let items: Option<Vec<u32>> = ast::named_children(constant).iter().map(|i| cx.text(*i).parse().ok()).collect();
    let items = items?;
    if items.is_empty() || items.len() > 2 {
        return None;
    }
    let order = ours.iter().zip(&items).map(|(a, b)| a.cmp(b)).find(|o| o.is_ne());
    Some(match order {
        Some(order) => order,
        None if longer || ours.len() > items.len() => std::cmp::Ordering::Greater,
        None => std::cmp::Ordering::Equal,
    })
}

fn holds(operator: &str, order: std::cmp::Ordering) -> Option<bool> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    Some(match operator {
        "<" => order == Less,
        "<=" => order != Greater,
        ">" => order == Greater,
        ">=" => order != Less,
        "==" => order == Equal,
        "!=" => order != Equal,
        _ => return None,
    })
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::ConditionalExpression {
        conditional(cx, node);
        return;
    }
    let indent = cx.indentation_at(node.start_byte() as u32).to_owned();
    if let Some(condition) = field(node, Field::Condition)
        && let Some(decision) = decided(cx, condition)
    {
        let alternatives = field_children(node, Field::Alternative);
        let fix = if decision.py2_only {
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
        push(cx, ast::range(condition), decision, fix.map(|edit| vec![edit]));
    }
    // `elif` clauses.
    let alternatives = field_children(node, Field::Alternative);
    for (index, &clause) in alternatives.iter().enumerate() {
        if NodeKind::of(clause) != NodeKind::ElifClause {
            continue;
        }
        let Some(condition) = field(clause, Field::Condition) else { continue };
        let Some(decision) = decided(cx, condition) else { continue };
        let previous_end = match index {
            0 => field(node, Field::Consequence).map(|c| c.end_byte()),
            _ => Some(alternatives[index - 1].end_byte()),
        };
        let edits = if decision.py2_only {
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
        push(cx, ast::range(condition), decision, edits);
    }
}

/// `a if six.PY2 else b`.
fn conditional(cx: &mut Checker<'_>, node: Node<'_>) {
    let parts = ast::code_children(node);
    let [consequence, condition, alternative] = parts[..] else { return };
    let Some(decision) = decided(cx, condition) else { return };
    let kept = if decision.py2_only { alternative } else { consequence };
    let edit = Edit::replace(ast::range(node), cx.text(kept));
    push(cx, ast::range(condition), decision, Some(vec![edit]));
}

fn push(cx: &mut Checker<'_>, range: TextRange, decision: Decision, edits: Option<Vec<Edit>>) {
    let (message, title) = match (decision.py2_only, decision.since) {
        (true, None) => (
            "The condition is false on every Python 3: this branch is Python 2 code".to_owned(),
            "Remove the Python 2 branch",
        ),
        (false, None) => (
            "The condition is true on every Python 3: the other branches are Python 2 code".to_owned(),
            "Keep the Python 3 branch",
        ),
        (true, Some(minor)) => (
            format!("The condition is false on Python 3.{minor} (the target version) and later: this branch is dead"),
            "Remove the branch",
        ),
        (false, Some(minor)) => (
            format!(
                "The condition is true on Python 3.{minor} (the target version) and later: the other branches are dead"
            ),
            "Keep the branch the target version takes",
        ),
    };
    let fix =
        edits.and_then(|edits| if decision.safe { Fix::safe(title, edits) } else { Fix::unsafe_edits(title, edits) });
    report(cx, Rule::VersionBranch, range, message, fix);
}
