//! The ratchet: a baseline file records the findings a project accepts for now, and a
//! check with `--baseline` reports only the others. A finding is matched by its file, its
//! rule and the hash of its line's text (see [`crate::messages::line_hash`]), counted, so
//! that lines added or removed elsewhere in the file do not bring old findings back,
//! while a new occurrence of the same finding on an identical line is still new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::{Deserialize, Serialize};

use crate::messages::Message;

/// The version of the baseline format.
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    version: u32,
    /// Sorted by file, code and hash, so that the file diffs well.
    findings: Vec<Finding>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Finding {
    file: String,
    code: String,
    /// The line hash, in hexadecimal.
    hash: String,
    /// How many findings share the file, code and hash.
    count: u32,
}

type Key = (String, String, String);

/// The file name a baseline records for `message`: its path relative to the baseline's
/// directory when it is inside it, with `/` separators, so that the baseline works from
/// any working directory.
fn recorded_path(message_path: &Path, base: &Path) -> String {
    let absolute = std::path::absolute(message_path).unwrap_or_else(|_| message_path.to_path_buf());
    let relative = absolute.strip_prefix(base).map(Path::to_path_buf).unwrap_or(absolute);
    relative.to_string_lossy().replace('\\', "/")
}

fn base_directory(baseline: &Path) -> PathBuf {
    let absolute = std::path::absolute(baseline).unwrap_or_else(|_| baseline.to_path_buf());
    absolute.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn key(message: &Message, base: &Path) -> Key {
    (
        recorded_path(Path::new(&message.filename), base),
        message.rule.code().to_owned(),
        format!("{:016x}", message.line_hash),
    )
}

/// Writes a baseline of `messages` to `path`.
pub fn write(path: &Path, messages: &[Message]) -> Result<()> {
    let base = base_directory(path);
    let mut counts: BTreeMap<Key, u32> = BTreeMap::new();
    for message in messages {
        *counts.entry(key(message, &base)).or_default() += 1;
    }
    let findings = counts.into_iter().map(|((file, code, hash), count)| Finding { file, code, hash, count }).collect();
    let baseline = Baseline { version: FORMAT_VERSION, findings };
    let mut text = serde_json::to_string_pretty(&baseline)?;
    text.push('\n');
    std::fs::write(path, text).with_context(|| format!("cannot write the baseline {}", path.display()))
}

/// The messages of `messages` that `path`'s baseline does not account for, in order.
/// Where a file now has more findings with the same key than the baseline counted, the
/// last ones are new.
pub fn filter(path: &Path, messages: Vec<Message>) -> Result<Vec<Message>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the baseline {}", path.display()))?;
    let baseline: Baseline =
        serde_json::from_str(&text).with_context(|| format!("{} is not a py3port baseline", path.display()))?;
    if baseline.version != FORMAT_VERSION {
        bail!(
            "{}: baseline format version {} is not supported (expected {FORMAT_VERSION})",
            path.display(),
            baseline.version
        );
    }
    let base = base_directory(path);
    let mut remaining: BTreeMap<Key, u32> =
        baseline.findings.into_iter().map(|f| ((f.file, f.code, f.hash), f.count)).collect();
    Ok(messages
        .into_iter()
        .filter(|message| match remaining.get_mut(&key(message, &base)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .collect())
}
