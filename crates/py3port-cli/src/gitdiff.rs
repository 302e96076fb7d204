//! The changed-lines gate (`--diff-base REV`): which lines of which files were added or
//! changed since a git revision, from `git diff -U0 REV` (the working tree, staged or not,
//! against REV) plus the untracked files, which are new throughout.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use crate::messages::Message;

/// The lines added or changed since a revision, by absolute path.
#[derive(Debug, Default)]
pub struct ChangedLines {
    files: HashMap<PathBuf, Lines>,
}

#[derive(Debug)]
enum Lines {
    /// A file git does not track yet: every line is new.
    All,
    /// Inclusive 1-based ranges of new lines.
    Ranges(Vec<(u32, u32)>),
}

impl ChangedLines {
    /// Asks git, in the repository that holds `directory`.
    pub fn since(revision: &str, directory: &Path) -> Result<Self> {
        let root = git(directory, &["rev-parse", "--show-toplevel"])?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        let diff =
            git(&root, &["-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "-U0", revision, "--"])?;
        let mut changed = parse_diff(&diff, &root);
        let untracked = git(&root, &["-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard", "-z"])?;
        for name in untracked.split('\0').filter(|name| !name.is_empty()) {
            changed.files.insert(normalise(&root.join(name)), Lines::All);
        }
        Ok(changed)
    }

    /// Whether any line of `message` (from its first to its last) is new.
    pub fn touches(&self, message: &Message) -> bool {
        let path = normalise(Path::new(&message.filename));
        match self.files.get(&path) {
            None => false,
            Some(Lines::All) => true,
            Some(Lines::Ranges(ranges)) => {
                let (first, last) = (message.location.row, message.end_location.row.max(message.location.row));
                ranges.iter().any(|&(start, end)| start <= last && first <= end)
            }
        }
    }
}

fn git(directory: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .current_dir(directory)
        .args(args)
        .output()
        .context("--diff-base needs git, which could not be run")?;
    if !output.status.success() {
        bail!("git {} failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim());
    }
    String::from_utf8(output.stdout).context("git printed something that is not UTF-8")
}

/// An absolute path without `.` and `..` components, following symbolic links where the
/// file exists (a temporary directory may be reached through one).
fn normalise(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The new lines of each file in a `-U0` unified diff. A hunk `@@ -a,b +c,d @@` adds
/// lines `c` to `c + d - 1` (`d` defaults to 1; `d = 0` is a pure deletion).
fn parse_diff(diff: &str, root: &Path) -> ChangedLines {
    let mut changed = ChangedLines::default();
    let mut current: Option<PathBuf> = None;
    for line in diff.lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            current = name.strip_prefix("b/").map(|name| normalise(&root.join(name)));
            if let Some(path) = &current {
                changed.files.entry(path.clone()).or_insert_with(|| Lines::Ranges(Vec::new()));
            }
        } else if let (Some(hunk), Some(path)) = (line.strip_prefix("@@ "), &current) {
            let Some(new) = hunk.split(' ').find_map(|part| part.strip_prefix('+')) else { continue };
            let (start, count) = match new.split_once(',') {
                Some((start, count)) => (start.parse().unwrap_or(0), count.parse().unwrap_or(0)),
                None => (new.parse().unwrap_or(0), 1),
            };
            if count > 0
                && let Some(Lines::Ranges(ranges)) = changed.files.get_mut(path)
            {
                ranges.push((start, start + count - 1));
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_lines() {
        let diff = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x\n+y\n@@ -5,0 +6,2 @@\n+a\n+b\n@@ -9,3 +10,0 @@\n-c\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n";
        let root = Path::new("/nonexistent-root");
        let changed = parse_diff(diff, root);
        let Some(Lines::Ranges(ranges)) = changed.files.get(&root.join("a.py")) else { panic!("{changed:?}") };
        assert_eq!(ranges, &[(1, 1), (6, 7)]);
        assert_eq!(changed.files.len(), 1);
    }
}
