//! PY3530: the aliases of `OSError`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::is_load;
use crate::rules::leftovers::{report, report_module_use};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `IOError`, `EnvironmentError`, `WindowsError`, `socket.error`, `select.error`, `mmap.error` and `os.error`: names of `OSError` since Python 3.3.
    ///
    /// ## What it does
    /// Checks uses of the builtin aliases (unless the module rebinds them) and of the
    /// module attributes (where the module is the imported one).
    ///
    /// ## Why is this bad?
    /// Python 3.3 (PEP 3151) merged them into `OSError`; the old names remain only as
    /// aliases and hide that one `except OSError:` catches them all.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     data = open(path).read()
    /// except IOError:
    ///     data = ""
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     data = open(path).read()
    /// except OSError:
    ///     data = ""
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `OSError`; it is safe: the names are the same class. In the tuple of
    /// an `except` clause, the names that become the same are written once
    /// (`except (IOError, OSError):` to `except OSError:`).
    fix: Always,
    kinds: [Identifier, Attribute],
    names: ["IOError", "EnvironmentError", "WindowsError", "error"],
    check: Some(check),
    lib2to3: [],
    catalogue: [168],
}

/// Whether `node` names an alias of `OSError`.
fn is_alias(cx: &Checker<'_>, node: Node<'_>) -> bool {
    match NodeKind::of(node) {
        NodeKind::Identifier => {
            let name = cx.text(node);
            matches!(name, "IOError" | "EnvironmentError" | "WindowsError" | "OSError") && !cx.rebinds(name)
        }
        NodeKind::Attribute => {
            field(node, Field::Attribute).is_some_and(|a| cx.text(a) == "error")
                && field(node, Field::Object).is_some_and(|o| {
                    NodeKind::of(o) == NodeKind::Identifier && matches!(cx.text(o), "socket" | "select" | "mmap" | "os")
                })
        }
        _ => false,
    }
}

/// The edit: `OSError` in place of the name, or, in the tuple of an `except` clause,
/// the tuple with the aliases written once.
fn edit(cx: &Checker<'_>, node: Node<'_>) -> Edit {
    let tuple = cx.parent(node).filter(|p| {
        NodeKind::of(*p) == NodeKind::Tuple
            && p.parent().is_some_and(|q| {
                NodeKind::of(q) == NodeKind::ExceptClause
                    || NodeKind::of(q) == NodeKind::AsPattern
                        && q.parent().is_some_and(|r| NodeKind::of(r) == NodeKind::ExceptClause)
            })
    });
    if let Some(tuple) = tuple {
        let items = ast::named_children(tuple);
        if items.iter().all(|item| NodeKind::of(*item) != NodeKind::Comment) {
            let mut names: Vec<&str> = Vec::new();
            for item in &items {
                let name = if is_alias(cx, *item) { "OSError" } else { cx.text(*item) };
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let text = if names.len() == 1 { names[0].to_owned() } else { format!("({})", names.join(", ")) };
            return Edit::replace(ast::range(tuple), text);
        }
    }
    Edit::replace(ast::range(node), "OSError")
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let fix = Fix::safe("Use `OSError`", vec![edit(cx, node)]);
    if NodeKind::of(node) == NodeKind::Identifier {
        let name = cx.text(node);
        let parent = cx.parent(node);
        // The attribute part of `socket.error` is the Attribute case.
        if !matches!(name, "IOError" | "EnvironmentError" | "WindowsError")
            || parent
                .is_some_and(|p| NodeKind::of(p) == NodeKind::Attribute && field(p, Field::Attribute) == Some(node))
            || !is_load(cx, node)
            || cx.rebinds(name)
        {
            return;
        }
        report(cx, Rule::OsErrorAlias, ast::range(node), format!("`{name}` is `OSError` on Python 3"), fix);
        return;
    }
    let (Some(object), Some(attribute)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(attribute) != "error" {
        return;
    }
    let module = cx.text(object);
    if !matches!(module, "socket" | "select" | "mmap" | "os") {
        return;
    }
    report_module_use(
        cx,
        Rule::OsErrorAlias,
        ast::range(node),
        module,
        format!("`{module}.error` is `OSError` on Python 3"),
        fix,
    );
}
