//! The wasm-bindgen exports: `JsValue`s in (read by [`read`]) and out (written with
//! serde-wasm-bindgen); all the work is in [`crate::api`]. Errors are JavaScript `Error`s whose message says
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
    let raw = read(&value, MAX_DEPTH).map_err(|error| invalid("options", &error))?;
    Options::try_from(raw).map_err(|error| JsError::new(&error))
}

fn invalid(what: &str, error: &str) -> JsError {
    JsError::new(&format!("invalid {what}: {error}"))
}

/// How deep [`read`] follows arrays and objects (a circular object is an error, not a
/// stack overflow).
const MAX_DEPTH: usize = 64;

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;
    /// `Array.from`: the elements of an array, holes as `undefined`.
    #[wasm_bindgen(js_namespace = Array, js_name = from)]
    fn array_items(value: &JsValue) -> Vec<JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Vec<JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = values)]
    fn object_values(value: &JsValue) -> Vec<JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> JsValue;
    /// `Reflect.get`: a property by name, own or inherited (getters of class instances).
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn property(target: &JsValue, key: &JsValue) -> JsValue;
}

/// Whether `value` is an object literal (or has no prototype at all): what options are.
/// A `Map`, a `Set` or a class instance would be read as an empty object.
fn is_plain_object(value: &JsValue) -> bool {
    let prototype = prototype_of(value);
    prototype.is_null() || prototype_of(&prototype).is_null()
}

/// Reads a JavaScript value as a [`Raw`] tree, as serde-wasm-bindgen would (`null` and
/// `undefined` are `Raw::Null`, a safe integer or a BigInt in the `i64` range an integer,
/// a plain object its own enumerable string keys), without the deserializer: it is
/// smaller, and it never formats a float. The error says what was found instead of data.
fn read(value: &JsValue, depth: usize) -> Result<Raw, String> {
    if let Some(scalar) = scalar(value) {
        return Ok(scalar);
    }
    if !value.is_object() {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        return Err(format!("expected a boolean, a number, a string, an array or an object, found a {kind}"));
    }
    if depth == 0 {
        return Err(format!("expected data at most {MAX_DEPTH} levels deep (a circular object?)"));
    }
    if is_array(value) {
        return array_items(value).iter().map(|item| read(item, depth - 1)).collect::<Result<_, _>>().map(Raw::List);
    }
    if !is_plain_object(value) {
        return Err("expected a plain object (`{ key: value }`), found an instance of a class such as a Map".to_owned());
    }
    let values = object_values(value);
    object_keys(value)
        .into_iter()
        .zip(values.iter())
        .map(|(key, value)| Ok((key.as_string().unwrap_or_default(), read(value, depth - 1)?)))
        .collect::<Result<_, _>>()
        .map(Raw::Map)
}

/// A boolean, number, string, BigInt, `null` or `undefined` as a [`Raw`] leaf.
fn scalar(value: &JsValue) -> Option<Raw> {
    if value.is_null_or_undefined() {
        return Some(Raw::Null);
    }
    if let Some(flag) = value.as_bool() {
        return Some(Raw::Bool(flag));
    }
    if let Some(number) = value.as_f64() {
        let integer = number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER;
        return Some(if integer { Raw::Integer(number as i64) } else { Raw::Number(number) });
    }
    if let Some(text) = value.as_string() {
        return Some(Raw::String(text));
    }
    if value.is_bigint() {
        return Some(i64::try_from(value.clone()).map_or(Raw::Number(f64::NAN), Raw::Integer));
    }
    None
}

/// The field `name` of an object (a property, own or inherited, as serde-wasm-bindgen
/// read struct fields: other properties are ignored), `None` when missing or null.
fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    let value = property(object, &JsValue::from_str(name));
    (!value.is_null_or_undefined()).then_some(value)
}

/// An offset, a line or a character: an integer from 0 to 2^32 - 1.
fn index(value: &JsValue, what: &str) -> Result<u32, String> {
    match scalar(value) {
        Some(Raw::Integer(number)) => u32::try_from(number).map_err(|_| format!("`{what}` must be from 0 to 2^32 - 1")),
        _ => Err(format!("`{what}` must be an integer")),
    }
}

fn changes(value: &JsValue) -> Result<Vec<Change>, String> {
    if !is_array(value) {
        return Err("expected an array of changes".to_owned());
    }
    array_items(value)
        .iter()
        .map(|item| {
            if !item.is_object() {
                return Err("expected each change to be an object with `from`, `to` and `insert`".to_owned());
            }
            Ok(Change {
                from: index(&field(item, "from").ok_or("missing field `from`")?, "from")?,
                to: field(item, "to").map(|to| index(&to, "to")).transpose()?,
                insert: match field(item, "insert") {
                    None => None,
                    Some(text) => Some(text.as_string().ok_or("`insert` must be a string")?),
                },
            })
        })
        .collect()
}

fn position(value: &JsValue) -> Result<Position, String> {
    if !value.is_object() {
        return Err("expected an object with `line` and `character`".to_owned());
    }
    Ok(Position {
        line: index(&field(value, "line").ok_or("missing field `line`")?, "line")?,
        character: index(&field(value, "character").ok_or("missing field `character`")?, "character")?,
    })
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
        let changes = self::changes(&changes).map_err(|error| invalid("changes", &error))?;
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
        let position = self::position(&position).map_err(|error| invalid("position", &error))?;
        Ok(self.inner.offset_at(position))
    }
}
