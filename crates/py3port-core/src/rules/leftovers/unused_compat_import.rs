//! PY3542: `import six` (or `future`, `past`, `builtins`) that nothing uses any more.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{is_load, remove_statement};
use crate::rules::leftovers::remove_items;
use crate::syntax_kind::{Field, NodeKind, field_children};

declare_rule! {
    /// `import six` where the module no longer uses `six` (after the other leftovers' fixes).
    ///
    /// ## What it does
    /// Checks `import six`, `import future`, `import past` and `import builtins` (without
    /// an alias) in modules that read the name nowhere else.
    ///
    /// ## Why is this bad?
    /// Once `six.iteritems(d)` is `d.items()` and `six.text_type` is `str`, the import is
    /// all that is left of the compatibility layer, and it keeps the dependency.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// def keys(mapping):
    ///     return list(mapping)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def keys(mapping):
    ///     return list(mapping)
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the module from the statement (the statement when nothing else is
    /// left); it is safe: these packages do nothing when imported.
    fix: Always,
    kinds: [ImportStatement, Identifier],
    names: ["six", "future", "past", "builtins"],
    check: Some(check),
    lib2to3: [],
    catalogue: [],
}

/// The compatibility modules, with the marker a read of each records.
const MODULES: &[(&str, &str)] =
    &[("six", "reads-six"), ("future", "reads-future"), ("past", "reads-past"), ("builtins", "reads-builtins")];

fn marker(name: &str) -> Option<&'static str> {
    MODULES.iter().find(|(module, _)| *module == name).map(|(_, marker)| *marker)
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::Identifier {
        if let Some(marker) = marker(cx.text(node))
            && is_load(cx, node)
        {
            cx.mark(marker);
        }
        return;
    }
    let items = field_children(node, Field::Name);
    for (index, &item) in items.iter().enumerate() {
        // Plain `import six`: not `import six.moves` or `import six as s`.
        if NodeKind::of(item) != NodeKind::DottedName || item.named_child_count() != 1 {
            continue;
        }
        let name = cx.text(item);
        let Some(marker) = marker(name) else { continue };
        let edits = if items.len() == 1 { vec![remove_statement(cx, node)] } else { remove_items(&items, &[index]) };
        let fix = Fix::safe(format!("Remove `import {name}`"), edits);
        let message = format!("`{name}` is imported but no longer used");
        let mut candidate = Candidate::new(
            Diagnostic::new(Rule::UnusedCompatImport, ast::range(item), message).with_fix(fix),
            DialectGate::Any,
        );
        candidate.unless_marker = Some(marker);
        cx.push(candidate);
    }
}
