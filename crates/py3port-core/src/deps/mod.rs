//! Dependency readiness: reading the files that declare a project's dependencies, and
//! the `PY36xx` rules that check them against a bundled table of distributions without
//! Python 3 support, standard-library backports and Python-2-only releases, against the
//! project's imports (unused requirements), and, with `--online`, against PyPI's
//! metadata. Like the rest of the core it does no I/O: the edges read the files, resolve
//! `-r` includes, collect the project's imports and ask PyPI.

mod check;
mod imports;
mod manifest;
mod marker;
mod requirement;
pub mod table;
mod toml_manifest;
mod version;

pub use check::{
    DepsAnalysis, DepsContext, DepsFixOutcome, ReleaseInfo, check_dependencies, check_dependencies_with_rules,
    fix_dependencies,
};
pub use imports::{ProjectImports, module_imports, module_imports_of};
pub use manifest::{Declared, Form, Group, Include, Manifest, ManifestKind, parse_manifest};
pub use marker::Marker;
pub use requirement::{Requirement, normalize, parse_requirement};
pub use version::{Operator, Specifier, Version, only_below, pinned_version};
