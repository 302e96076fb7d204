//! The `py3port` command line, as a library: file discovery, decoding, configuration,
//! running checks in parallel, and the output formats. `main.rs` is the argument parsing
//! on top; the benchmark uses the same pieces.

pub mod config;
pub mod files;
pub mod layout;
pub mod messages;
pub mod output;
pub mod run;
pub mod source;
