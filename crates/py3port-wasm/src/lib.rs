//! py3port for JavaScript: the engine compiled to WebAssembly, behind the `py3port` npm
//! package (`npm/py3port`).
//!
//! The engine is built without its rule documentation (`py3port-core` without the `docs`
//! feature): the docs ship beside the analyzer as `rules-docs.json`, written by the
//! `py3port-wasm-docs` bin. Positions are UTF-16 offsets and LSP positions, converted
//! here from the core's byte offsets. `scripts/build-wasm` builds the package.

pub mod api;
pub mod bindings;
pub mod model;
pub mod options;
pub mod panic;
pub mod positions;
