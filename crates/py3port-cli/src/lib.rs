//! The `py3port` command line, as a library: file discovery, decoding, configuration,
//! running checks in parallel, the result cache, the ratchet (baselines and the
//! changed-lines gate), the migration report, the output formats, and the dependency
//! manifests checked with the code (`deps`, and `online` for `--online`). `main.rs` is the
//! argument parsing on top; the benchmark and the language server use the same pieces.

pub mod baseline;
pub mod cache;
pub mod config;
pub mod deps;
pub mod files;
pub mod gitdiff;
pub mod layout;
pub mod messages;
pub mod online;
pub mod output;
pub mod report;
pub mod run;
pub mod source;
