//! Writes every rule's documentation as JSON, `{"version": ..., "rules": {code: markdown}}`:
//! the npm package's `rules-docs.json`, which `ruleDocs()` loads on demand so that the
//! analyzer `.wasm` does not carry it. Built with the `docs` feature (a native build).

use std::collections::BTreeMap;

fn main() {
    let rules: BTreeMap<&str, String> = py3port_core::RULES.iter().map(|meta| (meta.code, meta.docs())).collect();
    assert!(rules.values().any(|docs| !docs.is_empty()), "py3port-core was built without its `docs` feature");
    let json = serde_json::json!({ "version": py3port_core::VERSION, "rules": rules });
    println!("{json}");
}
