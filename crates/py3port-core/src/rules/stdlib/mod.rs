//! Moved or removed standard-library modules and names (`PY33xx`).

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::syntax_kind::{Field, NodeKind, field, field_children};

pub(crate) mod collections_abc_alias;
pub(crate) mod deprecated_unittest_alias;
pub(crate) mod email_legacy_module;
pub(crate) mod future_builtins_import;
pub(crate) mod itertools_function;
pub(crate) mod open_universal_newlines;
pub(crate) mod operator_function;
pub(crate) mod os_getcwdu;
pub(crate) mod removed_later_module;
pub(crate) mod removed_module;
pub(crate) mod renamed_module;
pub(crate) mod string_module_function;
pub(crate) mod sys_exc_attribute;
pub(crate) mod sys_exc_clear;
pub(crate) mod sys_exitfunc;
pub(crate) mod sys_maxint;
pub(crate) mod sys_setdefaultencoding;
pub(crate) mod tables;
pub(crate) mod types_constant;
pub(crate) mod urllib_module;

/// One module named by an import statement.
pub(crate) struct ImportedModule<'t> {
    /// The dotted name of the module (`os.path`), whitespace removed.
    pub name: String,
    /// The node of the name (`dotted_name`).
    pub node: Node<'t>,
    pub alias: Option<Node<'t>>,
}

/// The modules of `import a, b.c as d`.
pub(crate) fn imported_modules<'t>(cx: &Checker<'_>, statement: Node<'t>) -> Vec<ImportedModule<'t>> {
    field_children(statement, Field::Name)
        .into_iter()
        .filter_map(|name| {
            let (module, alias) = match NodeKind::of(name) {
                NodeKind::AliasedImport => (field(name, Field::Name)?, field(name, Field::Alias)),
                _ => (name, None),
            };
            Some(ImportedModule { name: cx.text(module).split_whitespace().collect(), node: module, alias })
        })
        .collect()
}

/// The module of `from m import ...` (`None` for relative imports: those are the
/// project's own modules), and its node.
pub(crate) fn from_module<'t>(cx: &Checker<'_>, statement: Node<'t>) -> Option<(String, Node<'t>)> {
    let module = field(statement, Field::ModuleName)?;
    (NodeKind::of(module) == NodeKind::DottedName).then(|| (cx.text(module).split_whitespace().collect(), module))
}

/// The names of `from m import a, b as c`: (name node, alias node); empty for `*`.
pub(crate) fn from_names<'t>(statement: Node<'t>) -> Vec<(Node<'t>, Option<Node<'t>>)> {
    field_children(statement, Field::Name)
        .into_iter()
        .filter_map(|name| match NodeKind::of(name) {
            NodeKind::AliasedImport => Some((field(name, Field::Name)?, field(name, Field::Alias))),
            _ => Some((name, None)),
        })
        .collect()
}

pub(crate) fn is_star_import(statement: Node<'_>) -> bool {
    ast::named_children(statement).iter().any(|child| NodeKind::of(*child) == NodeKind::WildcardImport)
}

/// Whether `module` is, or is inside, `package` (`distutils.core` is in `distutils`).
pub(crate) fn in_package(module: &str, package: &str) -> bool {
    module == package || module.strip_prefix(package).is_some_and(|rest| rest.starts_with('.'))
}

/// Whether the file belongs to a standard-library package that a later Python removed
/// (`lib2to3`, `distutils`): what it uses is reported where the package is imported.
pub(crate) fn in_removed_package(cx: &Checker<'_>) -> bool {
    cx.module.package.as_deref().is_some_and(|package| {
        tables::REMOVED_LATER.iter().any(|(removed, _, _)| {
            in_package(package, removed.split('.').next().unwrap_or(removed)) && !removed.contains('.')
        })
    })
}
