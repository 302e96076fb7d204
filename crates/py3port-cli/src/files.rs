//! Finding the Python files to check: recursive, honouring `.gitignore`, the built-in
//! exclusions and the `exclude` setting; `.py` and `.pyw` files and files with a Python
//! shebang. Paths given explicitly are always checked. The dependency manifests are
//! found in the same walk.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use py3port_core::Settings;
use py3port_core::deps::ManifestKind;

/// Directories nobody wants checked, skipped like ruff skips them.
const DEFAULT_EXCLUDES: &[&str] = &[
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pypackages__",
    "_build",
    "buck-out",
    "node_modules",
    "site-packages",
    "venv",
    ".py3port_cache",
];

/// Threads walking the tree, at most: listing directories and stating files waits on the
/// kernel more than it computes, and more than a few threads only contend.
const WALK_THREADS: usize = 4;

/// What one walk found under the checked paths: the Python files and the files that
/// declare dependencies, each sorted. A `setup.py` is both.
#[derive(Debug, Default)]
pub struct Discovered {
    pub python: Vec<PathBuf>,
    pub manifests: Vec<(PathBuf, ManifestKind)>,
}

/// The Python files under `paths`, sorted.
pub fn discover(paths: &[PathBuf], settings: &Settings, respect_gitignore: bool) -> Result<Vec<PathBuf>> {
    Ok(discover_all(paths, settings, respect_gitignore)?.python)
}

/// The Python files and the dependency manifests (requirements and constraints files,
/// `setup.py`, `setup.cfg`, `pyproject.toml`, `Pipfile`) under `paths`, in one walk of
/// the tree on two threads. A file given by name is always a Python file to check, and a
/// manifest too if its name is a manifest's.
pub fn discover_all(paths: &[PathBuf], settings: &Settings, respect_gitignore: bool) -> Result<Discovered> {
    let excludes = exclusion_set(settings)?;
    let found = Mutex::new(Discovered::default());
    let keep = |path: PathBuf, explicit: bool| {
        let kind = manifest_kind(&path);
        if explicit || is_python_file(&path) {
            let mut found = found.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(kind) = kind {
                found.manifests.push((path.clone(), kind));
            }
            found.python.push(path);
        } else if let Some(kind) = kind {
            found.lock().unwrap_or_else(PoisonError::into_inner).manifests.push((path, kind));
        }
    };
    for path in paths {
        if path.is_file() {
            keep(path.clone(), true);
            continue;
        }
        if !path.exists() {
            anyhow::bail!("{}: no such file or directory", path.display());
        }
        let mut builder = ignore::WalkBuilder::new(path);
        builder
            .hidden(false)
            .git_ignore(respect_gitignore)
            .git_exclude(respect_gitignore)
            .ignore(respect_gitignore)
            .parents(respect_gitignore)
            .require_git(false)
            .threads(std::thread::available_parallelism().map_or(2, |cores| cores.get().min(WALK_THREADS)));
        let excludes = excludes.clone();
        builder.filter_entry(move |entry| {
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(excluded(&excludes, entry.path()) || is_dir && DEFAULT_EXCLUDES.contains(&name.as_ref()))
        });
        let error = Mutex::new(None);
        builder.build_parallel().run(|| {
            Box::new(|entry| match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_file()) {
                        keep(entry.into_path(), false);
                    }
                    ignore::WalkState::Continue
                }
                Err(walk_error) => {
                    error.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(walk_error);
                    ignore::WalkState::Quit
                }
            })
        });
        if let Some(walk_error) = error.into_inner().unwrap_or_else(PoisonError::into_inner) {
            return Err(walk_error).with_context(|| format!("cannot walk {}", path.display()));
        }
    }
    let mut found = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    found.python.sort();
    found.python.dedup();
    found.manifests.sort();
    found.manifests.dedup();
    Ok(found)
}

fn manifest_kind(path: &Path) -> Option<ManifestKind> {
    ManifestKind::from_path(&path.to_string_lossy())
}

fn exclusion_set(settings: &Settings) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for pattern in settings.exclude.iter().chain(&settings.extend_exclude) {
        let pattern = pattern.trim_end_matches('/');
        builder.add(Glob::new(pattern).with_context(|| format!("invalid exclude pattern `{pattern}`"))?);
        if !pattern.contains('/') {
            builder.add(Glob::new(&format!("**/{pattern}"))?);
        }
    }
    Ok(builder.build()?)
}

fn excluded(set: &GlobSet, path: &Path) -> bool {
    if set.is_empty() {
        return false;
    }
    let relative = path.strip_prefix("./").unwrap_or(path);
    set.is_match(relative) || path.file_name().is_some_and(|name| set.is_match(name))
}

/// `.py`, `.pyw`, or no extension and a `#!...python` first line.
fn is_python_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("py" | "pyw") => true,
        Some(_) => false,
        None => has_python_shebang(path),
    }
}

fn has_python_shebang(path: &Path) -> bool {
    let mut head = [0u8; 128];
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let Ok(read) = file.read(&mut head) else { return false };
    let head = &head[..read];
    head.starts_with(b"#!") && {
        let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
        String::from_utf8_lossy(line).contains("python")
    }
}
