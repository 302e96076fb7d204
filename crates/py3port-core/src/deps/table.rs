//! The bundled data tables (`data/dependencies.toml`, `data/import_names.toml`): which
//! distributions block a port and what replaces them, and which import names a
//! distribution provides. Parsed once, on first use.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use toml::de::DeTable;

use super::requirement::normalize;

const DEPENDENCIES: &str = include_str!("../../data/dependencies.toml");
const IMPORT_NAMES: &str = include_str!("../../data/import_names.toml");

/// What a [`Package`] entry says about a distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PackageKind {
    /// Never supported Python 3.
    NoPython3,
    /// A backport of a module that is in Python 3's standard library.
    Backport,
    /// Supports Python 3 from some release on (or is superseded).
    MinVersion,
}

impl PackageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PackageKind::NoPython3 => "no-python3",
            PackageKind::Backport => "backport",
            PackageKind::MinVersion => "min-version",
        }
    }
}

/// One entry of the dependency table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub name: String,
    pub kind: PackageKind,
    /// A distribution, or `stdlib:<module>`.
    pub replacement: Option<String>,
    /// Swapping the requirement is all it takes (same import name and API).
    pub drop_in: bool,
    /// Only the import name changes (`subprocess32` -> `subprocess`): the requirement can
    /// go, once the imports are renamed.
    pub same_api: bool,
    pub import_from: Option<String>,
    pub import_to: Option<String>,
    pub first_python3_version: Option<String>,
    /// For backports: the Python 3 minor version whose standard library has everything
    /// the backport offers.
    pub stdlib_since: Option<u8>,
    pub note: String,
    pub source: String,
}

impl Package {
    /// The standard-library module that replaces it.
    pub fn stdlib_module(&self) -> Option<&str> {
        self.replacement.as_deref()?.strip_prefix("stdlib:")
    }

    /// The distribution that replaces it.
    pub fn replacement_distribution(&self) -> Option<&str> {
        self.replacement.as_deref().filter(|r| !r.starts_with("stdlib:"))
    }
}

/// A distribution imported under other names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Distribution {
    pub name: String,
    pub imports: Vec<String>,
    pub source: String,
}

/// A distribution used without an import (a tool, a plugin, a server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tool {
    pub name: String,
    pub reason: String,
    pub source: String,
}

struct Tables {
    packages: Vec<Package>,
    by_name: FxHashMap<String, usize>,
    distributions: Vec<Distribution>,
    imports_by_name: FxHashMap<String, usize>,
    tools: Vec<Tool>,
    tools_by_name: FxHashMap<String, usize>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let packages = read_packages();
        let by_name = packages.iter().enumerate().map(|(i, p)| (normalize(&p.name), i)).collect();
        let (distributions, tools) = read_import_names();
        let imports_by_name = distributions.iter().enumerate().map(|(i, d)| (normalize(&d.name), i)).collect();
        let tools_by_name = tools.iter().enumerate().map(|(i, t)| (normalize(&t.name), i)).collect();
        Tables { packages, by_name, distributions, imports_by_name, tools, tools_by_name }
    })
}

fn string(table: &DeTable<'_>, key: &str) -> Option<String> {
    table.get(key).and_then(|v| v.get_ref().as_str()).map(str::to_owned)
}

fn entries<'a, 'i>(root: &'a DeTable<'i>, key: &str) -> Vec<&'a DeTable<'i>> {
    root.get(key)
        .and_then(|v| v.get_ref().as_array())
        .map(|array| array.iter().filter_map(|item| item.get_ref().as_table()).collect())
        .unwrap_or_default()
}

fn read_packages() -> Vec<Package> {
    // The bundled file is checked by the tests; it is not user input.
    let root = DeTable::parse(DEPENDENCIES).expect("data/dependencies.toml parses");
    entries(root.get_ref(), "package")
        .into_iter()
        .map(|entry| {
            let kind = match string(entry, "kind").as_deref() {
                Some("no-python3") => PackageKind::NoPython3,
                Some("backport") => PackageKind::Backport,
                _ => PackageKind::MinVersion,
            };
            Package {
                name: string(entry, "name").unwrap_or_default(),
                kind,
                replacement: string(entry, "replacement"),
                drop_in: entry.get("drop_in").and_then(|v| v.get_ref().as_bool()).unwrap_or(false),
                same_api: entry.get("same_api").and_then(|v| v.get_ref().as_bool()).unwrap_or(false),
                import_from: string(entry, "import_from"),
                import_to: string(entry, "import_to"),
                first_python3_version: string(entry, "first_python3_version"),
                stdlib_since: string(entry, "stdlib_since")
                    .and_then(|v| v.strip_prefix("3.").and_then(|minor| minor.parse().ok())),
                note: string(entry, "note").unwrap_or_default(),
                source: string(entry, "source").unwrap_or_default(),
            }
        })
        .collect()
}

fn read_import_names() -> (Vec<Distribution>, Vec<Tool>) {
    let root = DeTable::parse(IMPORT_NAMES).expect("data/import_names.toml parses");
    let root = root.get_ref();
    let distributions = entries(root, "distribution")
        .into_iter()
        .map(|entry| Distribution {
            name: string(entry, "name").unwrap_or_default(),
            imports: entry
                .get("imports")
                .and_then(|v| v.get_ref().as_array())
                .map(|a| a.iter().filter_map(|i| i.get_ref().as_str().map(str::to_owned)).collect())
                .unwrap_or_default(),
            source: string(entry, "source").unwrap_or_default(),
        })
        .collect();
    let tools = entries(root, "tool")
        .into_iter()
        .map(|entry| Tool {
            name: string(entry, "name").unwrap_or_default(),
            reason: string(entry, "reason").unwrap_or_default(),
            source: string(entry, "source").unwrap_or_default(),
        })
        .collect();
    (distributions, tools)
}

/// Every entry of the dependency table, in file order.
pub fn packages() -> &'static [Package] {
    &tables().packages
}

/// The entry for a distribution name (any spelling).
pub fn package(name: &str) -> Option<&'static Package> {
    let tables = tables();
    tables.by_name.get(&normalize(name)).map(|&i| &tables.packages[i])
}

/// Every distribution with import names of its own.
pub fn distributions() -> &'static [Distribution] {
    &tables().distributions
}

/// Every tool entry.
pub fn tools() -> &'static [Tool] {
    &tables().tools
}

/// The tool entry for a distribution name.
pub fn tool(name: &str) -> Option<&'static Tool> {
    let tables = tables();
    tables.tools_by_name.get(&normalize(name)).map(|&i| &tables.tools[i])
}

/// The top-level import names a distribution provides: the table's, or names derived
/// from the distribution name (`python-dateutil` may be `dateutil`, `Flask-Login`
/// `flask_login`).
pub fn import_names(name: &str) -> Vec<String> {
    let tables = tables();
    if let Some(&i) = tables.imports_by_name.get(&normalize(name)) {
        return tables.distributions[i].imports.clone();
    }
    let lower = name.to_ascii_lowercase();
    let mut names = vec![lower.replace('-', "_")];
    // `zope.interface`, `backports.ssl_match_hostname`: a namespace package.
    if lower.contains('.') {
        names.push(lower.replace('-', "_"));
    } else {
        names.push(lower.replace(['-', '.'], "_"));
    }
    for prefix in ["python-", "python_", "py-", "django-", "flask-"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            names.push(rest.replace('-', "_"));
        }
    }
    for suffix in ["-python", "_python", "-py", "-binary"] {
        if let Some(rest) = lower.strip_suffix(suffix) {
            names.push(rest.replace('-', "_"));
        }
    }
    if let Some(rest) = lower.strip_prefix("py").filter(|rest| rest.len() > 2) {
        names.push(rest.replace('-', "_"));
    }
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_parse_and_names_are_unique() {
        assert!(packages().len() >= 150, "{} entries", packages().len());
        let mut names: Vec<String> = packages().iter().map(|p| normalize(&p.name)).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "duplicate package names");
        for package in packages() {
            assert!(!package.source.is_empty(), "{} has no source", package.name);
            assert!(!package.note.is_empty(), "{} has no note", package.name);
            if package.kind == PackageKind::Backport {
                assert!(package.stdlib_module().is_some(), "{}: a backport names its module", package.name);
                assert!(package.stdlib_since.is_some(), "{}: a backport says since when", package.name);
            }
            if package.kind == PackageKind::NoPython3 {
                assert!(package.replacement.is_some(), "{}: no replacement", package.name);
            }
            if let Some(version) = &package.first_python3_version {
                assert!(super::super::version::Version::parse(version).is_some(), "{}: {version}", package.name);
            }
        }
        assert!(distributions().len() >= 100);
        assert!(tools().iter().all(|t| !t.source.is_empty()));
    }

    #[test]
    fn lookups() {
        assert_eq!(package("mysql_python").map(|p| p.kind), Some(PackageKind::NoPython3));
        assert_eq!(package("MySQL-Python").and_then(|p| p.replacement.as_deref()), Some("mysqlclient"));
        assert_eq!(import_names("PyYAML"), ["yaml"]);
        assert!(import_names("python-magic").contains(&"magic".to_owned()));
        assert!(import_names("Flask-Login").contains(&"flask_login".to_owned()));
        assert!(tool("pytest").is_some());
    }
}
