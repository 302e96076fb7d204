//! Finding the Python files to check: recursive, honouring `.gitignore`, the built-in
//! exclusions and the `exclude` setting; `.py` and `.pyw` files and files with a Python
//! shebang. Paths given explicitly are always checked. The dependency manifests are
//! found the same way.

use std::io::Read;
use std::path::{Path, PathBuf};

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

/// The Python files under `paths`, sorted.
pub fn discover(paths: &[PathBuf], settings: &Settings, respect_gitignore: bool) -> Result<Vec<PathBuf>> {
    walk(paths, settings, respect_gitignore, |_| true, is_python_file)
}

/// The files that declare dependencies under `paths` (requirements and constraints
/// files, `setup.py`, `setup.cfg`, `pyproject.toml`, `Pipfile`), sorted. A path given
/// explicitly counts only if its name is a manifest's.
pub fn discover_manifests(
    paths: &[PathBuf],
    settings: &Settings,
    respect_gitignore: bool,
) -> Result<Vec<(PathBuf, ManifestKind)>> {
    let kind = |path: &Path| ManifestKind::from_path(&path.to_string_lossy());
    let found = walk(paths, settings, respect_gitignore, |path| kind(path).is_some(), |path| kind(path).is_some())?;
    Ok(found.into_iter().filter_map(|path| kind(&path).map(|kind| (path, kind))).collect())
}

/// The files under `paths` that `keep` accepts (`explicit` decides for a file given by
/// name), sorted.
fn walk(
    paths: &[PathBuf],
    settings: &Settings,
    respect_gitignore: bool,
    explicit: impl Fn(&Path) -> bool,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>> {
    let excludes = exclusion_set(settings)?;
    let mut files = Vec::new();
    for path in paths {
        if path.is_file() {
            if explicit(path) {
                files.push(path.clone());
            }
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
            .require_git(false);
        let excludes = excludes.clone();
        builder.filter_entry(move |entry| {
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(excluded(&excludes, entry.path()) || is_dir && DEFAULT_EXCLUDES.contains(&name.as_ref()))
        });
        for entry in builder.build() {
            let entry = entry.with_context(|| format!("cannot walk {}", path.display()))?;
            if entry.file_type().is_some_and(|t| t.is_file()) && keep(entry.path()) {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
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
