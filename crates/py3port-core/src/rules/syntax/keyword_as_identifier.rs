//! PY3115: `async`, `await` and `nonlocal` used as names.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `async`, `await` or `nonlocal` used as a name.
    ///
    /// ## What it does
    /// Checks for variables, parameters, attributes and keyword arguments named `async`,
    /// `await` (keywords since Python 3.7) or `nonlocal` (a keyword since 3.0), as in
    /// `apply_async(task, async=True)` or `def send(self, async=False)`.
    ///
    /// ## Why is this bad?
    /// Keywords cannot be names: each use is a syntax error on Python 3.7 and later.
    ///
    /// ## Example
    /// ```python
    /// client.send(message, async=True)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// client.send(message, **{"async": True})
    /// ```
    ///
    /// ## Fix safety
    /// Uses that can keep the name are fixed safely: a keyword argument becomes
    /// `**{"async": value}`, reading an attribute becomes `getattr(obj, "async")`, and a
    /// plain attribute assignment becomes `setattr(obj, "async", value)`; the called
    /// code still receives the same name. Definitions (parameters, variables, methods)
    /// must be renamed, and every caller with them, so they have no fix.
    fix: Sometimes,
    kinds: [Identifier],
    names: ["async", "await", "nonlocal"],
    check: Some(check),
    lib2to3: [],
    catalogue: [18],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let text = cx.text(node);
    if !matches!(text, "async" | "await" | "nonlocal") {
        return;
    }
    let parent = cx.parent(node);
    let parent_kind = parent.map(NodeKind::of);
    let fix = match (parent, parent_kind) {
        (Some(argument), Some(NodeKind::KeywordArgument)) if field(argument, Field::Name) == Some(node) => {
            field(argument, Field::Value).and_then(|value| {
                Fix::safe(
                    format!("Pass `{text}` through `**{{\"{text}\": ...}}`"),
                    vec![Edit::replace(ast::range(argument), format!("**{{\"{text}\": {}}}", cx.text(value)))],
                )
            })
        }
        (Some(attribute), Some(NodeKind::Attribute)) if field(attribute, Field::Attribute) == Some(node) => {
            attribute_fix(cx, attribute, text)
        }
        _ => None,
    };
    let diagnostic = Diagnostic::new(
        Rule::KeywordAsIdentifier,
        ast::range(node),
        format!("`{text}` is a keyword on Python 3 and cannot be used as a name"),
    )
    .with_fix(fix);
    cx.report(diagnostic);
}

fn attribute_fix(cx: &Checker<'_>, attribute: Node<'_>, name: &str) -> Option<Fix> {
    let object = field(attribute, Field::Object)?;
    let object_text = cx.text(object);
    let parent = attribute.parent()?;
    if NodeKind::of(parent) == NodeKind::Assignment && field(parent, Field::Left) == Some(attribute) {
        let value = field(parent, Field::Right)?;
        let statement = parent.parent().filter(|s| NodeKind::of(*s) == NodeKind::ExpressionStatement)?;
        if NodeKind::of(value) == NodeKind::Assignment
            || statement.named_child_count() != 1
            || field(parent, Field::Type).is_some()
        {
            return None;
        }
        return Fix::safe(
            format!("Replace with `setattr(..., \"{name}\", ...)`"),
            vec![Edit::replace(ast::range(parent), format!("setattr({object_text}, \"{name}\", {})", cx.text(value)))],
        );
    }
    let is_target = match NodeKind::of(parent) {
        NodeKind::Assignment | NodeKind::AugmentedAssignment => field(parent, Field::Left) == Some(attribute),
        NodeKind::DeleteStatement | NodeKind::PatternList | NodeKind::ForStatement | NodeKind::ExpressionList => true,
        _ => false,
    };
    if is_target {
        return None;
    }
    Fix::safe(
        format!("Replace with `getattr(..., \"{name}\")`"),
        vec![Edit::replace(ast::range(attribute), format!("getattr({object_text}, \"{name}\")"))],
    )
}
