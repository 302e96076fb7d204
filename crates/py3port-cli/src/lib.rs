//! The `py3port` command line, as a library: file discovery, decoding, configuration,
//! running checks in parallel, the result cache, the ratchet (baselines and the
//! changed-lines gate), the migration report and the output formats. `main.rs` is the
//! argument parsing on top; the benchmark and the language server use the same pieces.

pub mod baseline;
pub mod cache;
pub mod config;
pub mod files;
pub mod gitdiff;
pub mod layout;
pub mod messages;
pub mod output;
pub mod report;
pub mod run;
pub mod source;
