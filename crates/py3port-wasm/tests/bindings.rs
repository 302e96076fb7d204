//! The wasm-bindgen exports, run inside WebAssembly (in Node, by wasm-bindgen-test-runner):
//! JavaScript values in, JavaScript values out. `scripts/test-wasm` runs them with
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test -p
//! py3port-wasm --target wasm32-unknown-unknown --test bindings` (and the `CFLAGS` that
//! tree-sitter's C needs for WebAssembly), and again with `WASM_BINDGEN_USE_BROWSER=1` in
//! headless Chromium (`CHROMEDRIVER`, and `webdriver.json` beside this crate's manifest for
//! the browser's flags). Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use py3port_wasm::bindings::{self, WasmDocument};
use serde::Serialize;
use serde_json::{Value, json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(value: &Value) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

fn rust(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

/// The message of a JavaScript `Error`.
fn message(error: wasm_bindgen::JsError) -> String {
    format!("{:?}", JsValue::from(error))
}

#[wasm_bindgen_test]
fn analyze_reports_utf16_ranges_and_lsp_positions() {
    let source = "a = '😀'\r\nprint a, `b`\r\n";
    let diagnostics = rust(bindings::analyze(source, JsValue::UNDEFINED).unwrap());
    let print = diagnostics.as_array().unwrap().iter().find(|d| d["code"] == "PY3101").unwrap();
    // Line 0 is `a = '😀'` and CRLF: 8 UTF-16 units plus 2, although 😀 is 4 bytes.
    assert_eq!(print["from"], 10);
    assert_eq!(print["range"]["start"], json!({"line": 1, "character": 0}));
    assert_eq!(print["name"], "print-statement");
    assert_eq!(print["url"], "https://py3port.github.io/py3port/rules/print-statement/");
    assert_eq!(print["fix"]["applicability"], "safe");
    let edit = &print["fix"]["edits"][0];
    assert_eq!(edit["range"]["start"]["line"], 1);
    assert!(edit["newText"].is_string());
}

#[wasm_bindgen_test]
fn options_use_the_camel_case_keys_and_errors_are_js_errors() {
    let options = js(&json!({"select": ["PY3103"], "severity": {"PY3103": "hint"}}));
    let diagnostics = rust(bindings::analyze("print `x`\n", options).unwrap());
    assert_eq!(diagnostics.as_array().unwrap().len(), 1);
    assert_eq!(diagnostics[0]["severity"], "hint");

    let error = message(bindings::analyze("x\n", js(&json!({"targetVersion": 38}))).unwrap_err());
    assert!(error.contains("invalid value for option `targetVersion`: expected a string, found 38"), "{error}");
    let error = message(bindings::analyze("x\n", js(&json!({"target-versio": "py38"}))).unwrap_err());
    assert!(error.contains("unknown option `target-versio`"), "{error}");
    let error = message(bindings::analyze("x\n", JsValue::from_str("py38")).unwrap_err());
    assert!(error.contains("options must be an object, not \"py38\""), "{error}");
}

#[wasm_bindgen_test]
fn fix_applies_unsafe_fixes_only_when_asked() {
    let source = "d = {}\nfor k in d.keys(): pass\nprint 'x'\n";
    let safe = rust(bindings::fix(source, JsValue::NULL).unwrap());
    assert_eq!(safe["output"], "d = {}\nfor k in d.keys(): pass\nprint('x')\n");
    assert_eq!(safe["applied"], 1);
    assert_eq!(safe["appliedByRule"], json!({"PY3101": 1}));
    assert_eq!(safe["converged"], true);
    let both = rust(bindings::fix("print 'x'\n", js(&json!({"unsafeFixes": true}))).unwrap());
    assert_eq!(both["output"], "print('x')\n");
}

#[wasm_bindgen_test]
fn rules_and_settings_come_without_documentation() {
    let rules = rust(bindings::rules().unwrap());
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), py3port_core::RULES.len());
    let print = rules.iter().find(|rule| rule["code"] == "PY3101").unwrap();
    let meta = py3port_core::RULES.iter().find(|meta| meta.code == "PY3101").unwrap();
    assert_eq!(print["fixAvailability"], meta.fix_availability().as_str());
    assert!(print["summary"].as_str().unwrap().contains("print"));
    // The analyzer is built without the `docs` feature: documentation is a separate asset.
    assert!(py3port_core::RULES.iter().all(|meta| meta.docs().is_empty()));
    let settings = rust(bindings::settings().unwrap());
    assert!(settings.as_array().unwrap().iter().any(|s| s["key"] == "targetVersion" && s["toml"] == "target-version"));
}

#[wasm_bindgen_test]
fn a_document_takes_utf16_changes_and_matches_a_fresh_analysis() {
    let mut document = WasmDocument::new("x = '😀'\nprint x\n".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(rust(document.diagnostics().unwrap()).as_array().unwrap().len(), 1);
    // Replace `x` after `print ` (UTF-16 offset 15: 😀 is two units) and then, in the
    // coordinates of the result, append a line.
    document.update(js(&json!([{"from": 15, "to": 16, "insert": "y"}, {"from": 17, "insert": "`z`\n"}]))).unwrap();
    assert_eq!(document.text(), "x = '😀'\nprint y\n`z`\n");
    let incremental = rust(document.diagnostics().unwrap());
    let fresh = rust(bindings::analyze(&document.text(), JsValue::UNDEFINED).unwrap());
    assert_eq!(incremental, fresh);
    assert_eq!(rust(document.position_at(16).unwrap()), json!({"line": 1, "character": 7}));
    assert_eq!(document.offset_at(js(&json!({"line": 1, "character": 99}))).unwrap(), 16);
    let error = message(document.update(js(&json!([{"from": -1}]))).unwrap_err());
    assert!(error.contains("invalid changes"), "{error}");
}

#[wasm_bindgen_test]
fn hostile_text_is_data() {
    let nul = "print '\0'\0\0 = `\0`\n";
    assert!(bindings::analyze(nul, JsValue::UNDEFINED).is_ok());
    // Deep enough to need more than wasm-ld's default 1 MiB stack in this debug build.
    let deep = format!("x = {}1{}\n", "(".repeat(2_000), ")".repeat(2_000));
    assert!(bindings::analyze(&deep, JsValue::UNDEFINED).is_ok());
    let unclosed = "[{(".repeat(10_000);
    assert!(bindings::fix(&unclosed, JsValue::UNDEFINED).is_ok());
    let long_line = format!("print {}\n", "'a' + ".repeat(50_000) + "'b'");
    let result = rust(bindings::fix(&long_line, JsValue::UNDEFINED).unwrap());
    assert!(result["output"].as_str().unwrap().starts_with("print("));
}
