//! The wasm-bindgen exports: `JsValue`s in and out, converted with serde-wasm-bindgen;
//! all the work is in [`crate::api`]. Errors are JavaScript `Error`s whose message says
//! which option is wrong and what it accepts.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::{self, Change, EditorDocument};
use crate::model;
use crate::options::{Options, Raw};
use crate::positions::Position;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer =
        serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|error| JsError::new(&error.to_string()))
}

fn options(value: JsValue) -> Result<Options, JsError> {
    let raw: Raw = serde_wasm_bindgen::from_value(value).map_err(|error| invalid("options", &error))?;
    Options::try_from(raw).map_err(|error| JsError::new(&error))
}

/// A deserializer error (a function or a symbol where data belongs, a bad change), without
/// the `Error: ` that serde-wasm-bindgen's messages start with.
fn invalid(what: &str, error: &serde_wasm_bindgen::Error) -> JsError {
    let message = error.to_string();
    JsError::new(&format!("invalid {what}: {}", message.trim_start_matches("Error: ")))
}

#[wasm_bindgen(start)]
pub fn start() {
    crate::panic::install();
}

/// Diagnostics of `source` (see the package's `analyze`).
#[wasm_bindgen]
pub fn analyze(source: &str, options_value: JsValue) -> Result<JsValue, JsError> {
    let diagnostics = api::analyze(source, &options(options_value)?).map_err(|error| JsError::new(&error))?;
    to_js(&diagnostics)
}

/// `source` with its fixes applied (see the package's `fix`).
#[wasm_bindgen]
pub fn fix(source: &str, options_value: JsValue) -> Result<JsValue, JsError> {
    let result = api::fix(source, &options(options_value)?).map_err(|error| JsError::new(&error))?;
    to_js(&result)
}

/// Every rule's metadata.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&model::rules())
}

/// The settings table.
#[wasm_bindgen]
pub fn settings() -> Result<JsValue, JsError> {
    to_js(&model::settings())
}

#[wasm_bindgen]
pub fn version() -> String {
    model::version().to_owned()
}

/// Panics, for the tests of the panic handling only.
#[wasm_bindgen(js_name = "__debugPanic")]
pub fn debug_panic(message: &str) {
    panic!("{message}");
}

/// Traps without a panic (as a failed allocation does), for the tests only.
#[wasm_bindgen(js_name = "__debugAbort")]
pub fn debug_abort() {
    std::process::abort();
}

/// A document for editors (see the package's `Document`).
#[wasm_bindgen(js_name = Document)]
pub struct WasmDocument {
    inner: EditorDocument,
}

#[wasm_bindgen(js_class = Document)]
impl WasmDocument {
    #[wasm_bindgen(constructor)]
    pub fn new(text: String, options_value: JsValue) -> Result<WasmDocument, JsError> {
        let inner = EditorDocument::new(text, &options(options_value)?).map_err(|error| JsError::new(&error))?;
        Ok(WasmDocument { inner })
    }

    pub fn text(&self) -> String {
        self.inner.text().to_owned()
    }

    pub fn update(&mut self, changes: JsValue) -> Result<(), JsError> {
        let changes: Vec<Change> =
            serde_wasm_bindgen::from_value(changes).map_err(|error| invalid("changes", &error))?;
        self.inner.update(&changes);
        Ok(())
    }

    #[wasm_bindgen(js_name = setText)]
    pub fn set_text(&mut self, text: String) {
        self.inner.set_text(text);
    }

    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options_value: JsValue) -> Result<(), JsError> {
        self.inner.set_options(&options(options_value)?).map_err(|error| JsError::new(&error))
    }

    pub fn diagnostics(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.diagnostics())
    }

    pub fn dialect(&self) -> String {
        self.inner.dialect().to_owned()
    }

    #[wasm_bindgen(js_name = lastWalked)]
    pub fn last_walked(&self) -> usize {
        self.inner.last_walked()
    }

    #[wasm_bindgen(js_name = positionAt)]
    pub fn position_at(&self, offset: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.position_at(offset))
    }

    #[wasm_bindgen(js_name = offsetAt)]
    pub fn offset_at(&self, position: JsValue) -> Result<u32, JsError> {
        let position: Position =
            serde_wasm_bindgen::from_value(position).map_err(|error| invalid("position", &error))?;
        Ok(self.inner.offset_at(position))
    }
}
