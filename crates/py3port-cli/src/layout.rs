//! What the command line knows about the project that the core cannot see: each file's
//! dotted module name and the modules next to it in its package, and the method names
//! the project defines (a `.has_key()` call may be the project's own method).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

/// Method names whose Python 2 meaning the rules rewrite on any receiver.
pub const WATCHED_METHODS: &[&str] =
    &["has_key", "iteritems", "iterkeys", "itervalues", "viewitems", "viewkeys", "viewvalues", "next", "xreadlines"];

/// The watched method names that some file defines (`def has_key(`). Files over
/// `max_file_size` are not read (they are not analysed either): reading them whole, several
/// at once, would cost more memory than the whole check.
pub fn project_methods(paths: &[std::path::PathBuf], max_file_size: u64) -> Vec<String> {
    let found: Vec<Vec<&'static str>> = paths
        .par_iter()
        .map(|path| {
            if !std::fs::metadata(path).is_ok_and(|metadata| metadata.len() <= max_file_size) {
                return Vec::new();
            }
            let Ok(bytes) = std::fs::read(path) else { return Vec::new() };
            defined_methods(&bytes)
        })
        .collect();
    sorted_names(found.into_iter().flatten())
}

/// Method names as [`project_methods`] gives them: sorted, each once.
pub(crate) fn sorted_names(names: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    let mut names: Vec<String> = names.into_iter().map(str::to_owned).collect();
    names.sort();
    names.dedup();
    names
}

/// The watched method names defined in `source`.
pub fn defined_methods(source: &[u8]) -> Vec<&'static str> {
    let mut found = Vec::new();
    for at in memchr::memmem::find_iter(source, b"def ") {
        let after = &source[at + 4..];
        let after = &after[after.iter().take_while(|b| **b == b' ' || **b == b'\t').count()..];
        for &name in WATCHED_METHODS {
            if after.starts_with(name.as_bytes())
                && after.get(name.len()).is_some_and(|b| *b == b'(' || *b == b' ')
                && !found.contains(&name)
            {
                found.push(name);
            }
        }
    }
    found
}

/// The dotted module name of `path` (`pkg/sub/mod.py` is `pkg.sub.mod` when `pkg` and
/// `sub` are packages), and the modules next to it when its directory is a package. Read
/// from the file system on each call: a long-lived process (the language server) sees
/// packages as they are now. A run over many files uses [`Layouts`].
pub fn module_layout(path: &Path) -> (Option<String>, Option<Vec<String>>) {
    let Some(directory) = path.parent() else { return (None, None) };
    layout_in(&directory_layout(directory), path)
}

/// [`module_layout`] for the files of one run, each directory read once: the files of a
/// directory are checked together, and listing the directory for each of them made a
/// warm run spend most of its time in the file system.
#[derive(Default)]
pub struct Layouts {
    directories: Mutex<HashMap<PathBuf, Arc<DirectoryLayout>>>,
}

impl Layouts {
    pub fn module_layout(&self, path: &Path) -> (Option<String>, Option<Vec<String>>) {
        let Some(directory) = path.parent() else { return (None, None) };
        let known = self.directories.lock().unwrap_or_else(PoisonError::into_inner).get(directory).cloned();
        let layout = known.unwrap_or_else(|| {
            let layout = Arc::new(directory_layout(directory));
            let mut directories = self.directories.lock().unwrap_or_else(PoisonError::into_inner);
            directories.insert(directory.to_path_buf(), Arc::clone(&layout));
            layout
        });
        layout_in(&layout, path)
    }
}

/// A directory's dotted package name (empty when it is not a package) and, when it is a
/// package, the modules in it.
struct DirectoryLayout {
    package: Vec<String>,
    siblings: Option<Vec<String>>,
}

fn layout_in(layout: &DirectoryLayout, path: &Path) -> (Option<String>, Option<Vec<String>>) {
    let stem = path.file_stem().and_then(|s| s.to_str()).filter(|stem| *stem != "__init__");
    let parts: Vec<&str> = layout.package.iter().map(String::as_str).chain(stem).collect();
    let module_name = (!parts.is_empty()).then(|| parts.join("."));
    (module_name, layout.siblings.clone())
}

fn directory_layout(directory: &Path) -> DirectoryLayout {
    let is_package = |dir: &Path| dir.join("__init__.py").is_file();
    let mut package = Vec::new();
    let mut current = directory.to_path_buf();
    while is_package(&current) {
        let Some(name) = current.file_name().and_then(|n| n.to_str()) else { break };
        package.insert(0, name.to_owned());
        if !current.pop() {
            break;
        }
    }
    let siblings = is_package(directory).then(|| {
        let mut names: Vec<String> = std::fs::read_dir(directory)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_str()?.to_owned();
                // The entry's type comes with the listing; a symbolic link is followed.
                let is_dir = match entry.file_type() {
                    Ok(file_type) if file_type.is_symlink() => entry.path().is_dir(),
                    Ok(file_type) => file_type.is_dir(),
                    Err(_) => false,
                };
                if is_dir {
                    is_package(&entry.path()).then_some(name)
                } else {
                    let stem = name.strip_suffix(".py")?;
                    (stem != "__init__").then(|| stem.to_owned())
                }
            })
            .collect();
        names.sort();
        names
    });
    DirectoryLayout { package, siblings }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `module_layout` reads the file system on every call (the language server sees a
    /// new package at once); `Layouts` reads each directory once per run.
    #[test]
    fn layouts_are_read_once_per_run_and_afresh_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("pkg");
        std::fs::create_dir(&package).unwrap();
        std::fs::write(package.join("a.py"), "").unwrap();
        let file = package.join("a.py");
        let layouts = Layouts::default();
        assert_eq!(module_layout(&file), (Some("a".to_owned()), None));
        assert_eq!(layouts.module_layout(&file), (Some("a".to_owned()), None));

        std::fs::write(package.join("__init__.py"), "").unwrap();
        std::fs::write(package.join("b.py"), "").unwrap();
        let now = (Some("pkg.a".to_owned()), Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(module_layout(&file), now);
        assert_eq!(layouts.module_layout(&file), (Some("a".to_owned()), None), "read once per run");
        assert_eq!(Layouts::default().module_layout(&package.join("b.py")).0.as_deref(), Some("pkg.b"));
    }

    #[test]
    fn finds_defined_methods() {
        assert_eq!(
            defined_methods(b"class D:\n    def has_key(self, k):\n        pass\n    def  next (self): pass\n"),
            vec!["has_key", "next"]
        );
        assert!(defined_methods(b"x.has_key(k)\ndef next_page(): pass\n").is_empty());
    }
}
