//! PY3424: an `except ... as name` variable used after its handler.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::except_target;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The name an `except` clause binds, used after the handler: Python 3 deletes it when the handler ends.
    ///
    /// ## What it does
    /// Checks `except E as error:` (and `except E, error:`) handlers that can finish
    /// normally (they do not end with `raise`, `return`, `break` or `continue`), for a
    /// read of `error` in the statements after the `try` statement, or in its `else` or
    /// `finally` clause, before any new assignment to it. Files that are already Python
    /// 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 deletes the exception variable at the end of the handler (to break the
    /// reference cycle through the traceback). The later read raises `NameError`, or
    /// `UnboundLocalError` in a function, exactly when the error happened.
    ///
    /// ## Example
    /// ```python
    /// def load(path):
    ///     error = None
    ///     try:
    ///         data = read(path)
    ///     except IOError as error:
    ///         data = None
    ///     if error:
    ///         log(error)
    ///     return data
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def load(path):
    ///     error = None
    ///     try:
    ///         data = read(path)
    ///     except IOError as exc:
    ///         error = exc
    ///         data = None
    ///     if error:
    ///         log(error)
    ///     return data
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the handler needs its own name and an assignment that keeps the
    /// exception, as above.
    fix: Never,
    kinds: [ExceptClause],
    check: Some(check),
    lib2to3: [],
    catalogue: [59],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(target) = except_target(cx, node) else { return };
    let name = cx.text(target);
    // What follows the handler up to the end of the block around the `try`, as text: a
    // name that does not occur there is not read there (a cheap test before the walk).
    let ancestors = cx.ancestors(node);
    let end = ancestors.get(1).map_or(cx.source.len(), |block| block.end_byte());
    if !ast::contains_word(cx.source.get(node.end_byte()..end).unwrap_or_default(), name) {
        return;
    }
    let Some(block) = ast::named_children(node).into_iter().find(|c| NodeKind::of(*c) == NodeKind::Block) else {
        return;
    };
    if ends_abruptly(block) {
        return;
    }
    let Some(try_statement) = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::TryStatement) else { return };
    // The `else` and `finally` clauses, then the statements after the `try`.
    let mut following: Vec<Node<'_>> = ast::named_children(try_statement)
        .into_iter()
        .filter(|c| matches!(NodeKind::of(*c), NodeKind::ElseClause | NodeKind::FinallyClause))
        .collect();
    let mut sibling = try_statement.next_named_sibling();
    while let Some(statement) = sibling {
        following.push(statement);
        sibling = statement.next_named_sibling();
    }
    for statement in following {
        match first_use(cx, statement, name) {
            Some(Use::Load(load)) => {
                let diagnostic = Diagnostic::new(
                    Rule::ExceptionVariableEscape,
                    ast::range(load),
                    format!(
                        "Python 3 deletes `{name}` at the end of its `except` handler; this read raises `NameError`"
                    ),
                );
                cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
                return;
            }
            Some(Use::Store) => return,
            None => {}
        }
    }
}

/// Whether a block always leaves by `raise`, `return`, `break` or `continue`.
fn ends_abruptly(block: Node<'_>) -> bool {
    ast::code_children(block).last().is_some_and(|last| {
        matches!(
            NodeKind::of(*last),
            NodeKind::RaiseStatement
                | NodeKind::ReturnStatement
                | NodeKind::BreakStatement
                | NodeKind::ContinueStatement
        )
    })
}

enum Use<'t> {
    Load(Node<'t>),
    Store,
}

/// The first use of `name` in `node`, in evaluation order (an assignment's value before
/// its target), outside nested scopes.
fn first_use<'t>(cx: &Checker<'_>, node: Node<'t>, name: &str) -> Option<Use<'t>> {
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        match NodeKind::of(current) {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition | NodeKind::Lambda => continue,
            NodeKind::String | NodeKind::Comment => continue,
            // A comprehension that binds the name has its own variable.
            NodeKind::ListComprehension
            | NodeKind::SetComprehension
            | NodeKind::DictionaryComprehension
            | NodeKind::GeneratorExpression
                if comprehension_binds(cx, current, name) =>
            {
                continue;
            }
            NodeKind::Identifier if cx.text(current) == name => {
                let parent = current.parent();
                let stored = parent.is_some_and(|p| {
                    matches!(NodeKind::of(p), NodeKind::Assignment | NodeKind::ForStatement | NodeKind::ForInClause)
                        && field(p, Field::Left) == Some(current)
                        || NodeKind::of(p) == NodeKind::AsPatternTarget
                });
                let attribute_name = parent.is_some_and(|p| {
                    NodeKind::of(p) == NodeKind::Attribute && field(p, Field::Attribute) == Some(current)
                        || NodeKind::of(p) == NodeKind::KeywordArgument && field(p, Field::Name) == Some(current)
                });
                if attribute_name {
                    continue;
                }
                return Some(if stored { Use::Store } else { Use::Load(current) });
            }
            _ => {}
        }
        let mut cursor = current.walk();
        let mut children: Vec<Node<'t>> = current.named_children(&mut cursor).collect();
        // Evaluation order: the value of `x = f(x)` and the iterable of `for x in x`
        // come before the target.
        if matches!(NodeKind::of(current), NodeKind::Assignment | NodeKind::ForStatement | NodeKind::ForInClause)
            && let Some(left) = field(current, Field::Left)
        {
            children.retain(|c| *c != left);
            let at = children.iter().position(|c| Some(*c) == field(current, Field::Right)).map_or(0, |i| i + 1);
            children.insert(at, left);
        }
        // Only nodes whose text holds the name (as a word: a name is a whole token) can use it.
        stack.extend(children.into_iter().rev().filter(|child| ast::contains_word(cx.text(*child), name)));
    }
    None
}

fn comprehension_binds(cx: &Checker<'_>, comprehension: Node<'_>, name: &str) -> bool {
    ast::named_children(comprehension).into_iter().any(|clause| {
        NodeKind::of(clause) == NodeKind::ForInClause
            && field(clause, Field::Left).is_some_and(|left| {
                let mut names = Vec::new();
                crate::semantic::target_names(left, &mut names);
                names.iter().any(|n| cx.text(*n) == name)
            })
    })
}
