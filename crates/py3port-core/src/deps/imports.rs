//! What a Python file imports, for unused-requirement detection: its `import`
//! statements, and the dotted module paths it names in strings that import machinery
//! reads (`importlib.import_module("yaml")`, `INSTALLED_APPS = ["rest_framework"]`,
//! `pytest_plugins = ["pytest_django"]`, `"django_redis.cache.RedisCache"`). The edge
//! collects them over the project; the core only reads text.

use rustc_hash::FxHashSet;
use tree_sitter::Node;

use crate::ast;
use crate::parse::Parsed;
use crate::syntax_kind::{Field, NodeKind, field, field_children};

/// The modules `source` imports (dotted, as written; relative imports left out) and the
/// module paths its strings name.
pub fn module_imports(source: &str, parsed: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    ast::walk_named(parsed.tree.root_node(), |node| match NodeKind::of(node) {
        NodeKind::ImportStatement => {
            for name in field_children(node, Field::Name) {
                let module = match NodeKind::of(name) {
                    NodeKind::AliasedImport => field(name, Field::Name),
                    _ => Some(name),
                };
                if let Some(module) = module {
                    out.push(dotted(source, module));
                }
            }
            false
        }
        NodeKind::ImportFromStatement => {
            if let Some(module) = field(node, Field::ModuleName).filter(|m| NodeKind::of(*m) == NodeKind::DottedName) {
                let module = dotted(source, module);
                for name in field_children(node, Field::Name) {
                    let member = match NodeKind::of(name) {
                        NodeKind::AliasedImport => field(name, Field::Name),
                        _ => Some(name),
                    };
                    if let Some(member) = member {
                        out.push(format!("{module}.{}", dotted(source, member)));
                    }
                }
                out.push(module);
            }
            false
        }
        NodeKind::String => {
            if let Some(module) = string_module(source, node) {
                out.push(module);
            }
            false
        }
        _ => true,
    });
    out.sort();
    out.dedup();
    out
}

/// [`module_imports`] of text not parsed yet.
pub fn module_imports_of(source: &str) -> Vec<String> {
    module_imports(source, &crate::parse::parse(source))
}

fn dotted(source: &str, node: Node<'_>) -> String {
    source[node.byte_range()].split_whitespace().collect()
}

fn is_identifier(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A module path a string names: `"a.b.c"`, `"a.b:func"`; a bare `"name"` only where
/// import machinery reads it.
fn string_module(source: &str, node: Node<'_>) -> Option<String> {
    let parts = ast::string_parts(source, node)?;
    if parts.is_format() || parts.is_bytes() {
        return None;
    }
    let text = &source[parts.content.to_usize()];
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    let module = text.split(':').next()?;
    let segments: Vec<&str> = module.split('.').collect();
    if !segments.iter().all(|s| is_identifier(s)) {
        return None;
    }
    if segments.len() > 1 {
        return Some(module.to_owned());
    }
    read_by_import_machinery(source, node).then(|| module.to_owned())
}

/// The string is an argument of `import_module()`/`__import__()`/..., or an element of
/// a list assigned to an upper-case setting (`INSTALLED_APPS`) or `pytest_plugins`.
fn read_by_import_machinery(source: &str, node: Node<'_>) -> bool {
    let mut current = node;
    for _ in 0..4 {
        let Some(parent) = current.parent() else { return false };
        match NodeKind::of(parent) {
            NodeKind::ArgumentList => {
                let call = parent.parent().filter(|c| NodeKind::of(*c) == NodeKind::Call);
                let function = call.and_then(|c| field(c, Field::Function)).map(|f| &source[f.byte_range()]);
                return function.is_some_and(|f| {
                    ["import_module", "__import__", "import_string", "find_spec", "load_module", "require"]
                        .iter()
                        .any(|name| f == *name || f.ends_with(&format!(".{name}")))
                });
            }
            NodeKind::Assignment | NodeKind::AugmentedAssignment => {
                let target = field(parent, Field::Left).map(|l| &source[l.byte_range()]).unwrap_or_default();
                return target == "pytest_plugins"
                    || (target.bytes().any(|b| b.is_ascii_uppercase())
                        && target.bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()));
            }
            NodeKind::List | NodeKind::Tuple | NodeKind::ParenthesizedExpression | NodeKind::BinaryOperator => {
                current = parent;
            }
            _ => return false,
        }
    }
    false
}

/// The modules a whole project imports, from [`module_imports`] of each of its files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectImports {
    /// Lower-cased dotted module paths, with every prefix (`a.b.c` adds `a` and `a.b`).
    modules: FxHashSet<String>,
}

impl ProjectImports {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the imports of one file (or any module paths: entry points, for example).
    pub fn extend<S: AsRef<str>>(&mut self, modules: impl IntoIterator<Item = S>) {
        // A project's files import the same modules over and over: a module already
        // known (with its prefixes) costs one lookup.
        fn add(modules: &mut FxHashSet<String>, path: &str) {
            if !modules.contains(path) {
                modules.insert(path.to_owned());
            }
        }
        for module in modules {
            let module = module.as_ref();
            let lower;
            let module = if module.bytes().any(|b| b.is_ascii_uppercase()) {
                lower = module.to_ascii_lowercase();
                lower.as_str()
            } else {
                module
            };
            // A known module's prefixes are known too.
            if self.modules.contains(module) {
                continue;
            }
            for (i, c) in module.char_indices() {
                if c == '.' {
                    add(&mut self.modules, &module[..i]);
                }
            }
            add(&mut self.modules, module);
        }
    }

    /// Whether any file imports `module` (dotted) or something inside it.
    pub fn imports(&self, module: &str) -> bool {
        self.modules.contains(&module.to_ascii_lowercase())
    }

    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }

    pub fn len(&self) -> usize {
        self.modules.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_and_module_strings() {
        let source = r#"
import os.path, yaml as y
from bs4 import BeautifulSoup
from . import sibling
from .pkg import thing
def f():
    import MySQLdb
    m = importlib.import_module("simplejson")
INSTALLED_APPS = ["django.contrib.admin", "rest_framework"]
pytest_plugins = ("pytest_django",)
CACHE = {"BACKEND": "django_redis.cache.RedisCache"}
x = "hello"
label = "Not a.module path"
"#;
        let imports = module_imports_of(source);
        assert_eq!(
            imports,
            [
                "MySQLdb",
                "bs4",
                "bs4.BeautifulSoup",
                "django.contrib.admin",
                "django_redis.cache.RedisCache",
                "os.path",
                "pytest_django",
                "rest_framework",
                "simplejson",
                "yaml",
            ]
        );
        let mut project = ProjectImports::new();
        project.extend(&imports);
        assert!(project.imports("django_redis"));
        assert!(project.imports("mysqldb"));
        assert!(project.imports("os"));
        assert!(!project.imports("hello"));
    }
}
