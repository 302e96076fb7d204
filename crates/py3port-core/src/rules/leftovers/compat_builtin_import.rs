//! PY3513: imports of what Python 3 has built in (`from builtins import str`,
//! `from six.moves import map`, `from six import callable`).

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::Fix;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::leftovers::{remove_items, report};
use crate::rules::stdlib::{from_module, is_star_import};
use crate::syntax_kind::{Field, field_children};

declare_rule! {
    /// `from builtins import ...`, `from future.builtins import ...`, `from six.moves import map, zip, ...`, `from six import callable, next` and `from io import open`: imports of the builtins themselves on Python 3.
    ///
    /// ## What it does
    /// Checks `from` imports of Python 3's builtin names from `builtins` and
    /// `future.builtins` (python-future), from `six.moves` (`filter`, `input`, `map`,
    /// `range`, `zip`) and `six` (`callable`, `next`), and of `open` from `io` among other
    /// names (`from io import open` alone is PY3512).
    ///
    /// ## Why is this bad?
    /// python-future and six give Python 2 the Python 3 builtins under these imports; on
    /// Python 3 they import the builtins, which are there without an import.
    ///
    /// ## Example
    /// ```python
    /// from builtins import map, range, str
    ///
    /// labels = list(map(str, range(3)))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// labels = list(map(str, range(3)))
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the names (the statement when none is left); it is safe: on
    /// Python 3 the imported object is the builtin. A name imported under another name
    /// (`from six.moves import range as xrange`) is left alone.
    fix: Always,
    kinds: [ImportFromStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [149],
}

/// Python 3's builtin functions and types.
const BUILTINS: &[&str] = &[
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((module, _)) = from_module(cx, node) else { return };
    let imports_builtin = |name: &str| match module.as_str() {
        "builtins" | "future.builtins" => BUILTINS.contains(&name),
        "six.moves" => matches!(name, "filter" | "input" | "map" | "range" | "zip"),
        "six" => matches!(name, "callable" | "next"),
        "io" => name == "open",
        _ => false,
    };
    if !matches!(module.as_str(), "builtins" | "future.builtins" | "six.moves" | "six" | "io") {
        return;
    }
    if is_star_import(node) {
        if module.ends_with("builtins") {
            let fix = Fix::safe("Remove the import", vec![remove_statement(cx, node)]);
            report(
                cx,
                Rule::CompatBuiltinImport,
                ast::range(node),
                format!("`from {module} import *` imports the builtins"),
                fix,
            );
        }
        return;
    }
    let items = field_children(node, Field::Name);
    let mut builtins = Vec::new();
    let mut names = Vec::new();
    for (index, &item) in items.iter().enumerate() {
        let (name, alias) = match crate::syntax_kind::NodeKind::of(item) {
            crate::syntax_kind::NodeKind::AliasedImport => (
                crate::syntax_kind::field(item, Field::Name).map(|n| cx.text(n)),
                crate::syntax_kind::field(item, Field::Alias).map(|n| cx.text(n)),
            ),
            _ => (Some(cx.text(item)), None),
        };
        let Some(name) = name else { continue };
        if imports_builtin(name) && alias.is_none_or(|alias| alias == name) {
            builtins.push(index);
            names.push(format!("`{name}`"));
        }
    }
    // `from io import open` alone is PY3512's.
    if builtins.is_empty() || module == "io" && items.len() == 1 {
        return;
    }
    let edits =
        if builtins.len() == items.len() { vec![remove_statement(cx, node)] } else { remove_items(&items, &builtins) };
    let fix = Fix::safe(if builtins.len() == 1 { "Remove the import" } else { "Remove the imports" }, edits);
    let message = format!("{} imported from `{module}`: built in on Python 3", names.join(", "));
    report(cx, Rule::CompatBuiltinImport, ast::range(node), message, fix);
}
