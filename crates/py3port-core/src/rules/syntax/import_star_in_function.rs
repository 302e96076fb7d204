//! PY3112: `from m import *` inside a function or class.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `from module import *` anywhere but at module level.
    ///
    /// ## What it does
    /// Checks for star imports inside a function or a class body.
    ///
    /// ## Why is this bad?
    /// Python 3 allows `import *` only at module level; elsewhere it is a syntax error.
    /// Python 2 allowed it with a warning, and it stopped the compiler from optimising
    /// the function's local variables.
    ///
    /// ## Example
    /// ```python
    /// def draw():
    ///     from turtle import *
    ///     forward(100)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def draw():
    ///     from turtle import forward
    ///     forward(100)
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: which names the function uses from the module is not known
    /// without importing it.
    fix: Never,
    kinds: [ImportFromStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [15],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !ast::named_children(node).into_iter().any(|child| NodeKind::of(child) == NodeKind::WildcardImport) {
        return;
    }
    let Some(scope) = ast::ancestor(node, &[NodeKind::FunctionDefinition, NodeKind::ClassDefinition]) else { return };
    let place = if NodeKind::of(scope) == NodeKind::FunctionDefinition { "a function" } else { "a class body" };
    let diagnostic = cx.diagnostic(
        Rule::ImportStarInFunction,
        node,
        format!("`import *` inside {place} is a syntax error on Python 3; import the names it uses"),
    );
    cx.report(diagnostic);
}
