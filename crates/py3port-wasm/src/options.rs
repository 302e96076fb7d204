//! JavaScript options: a plain object whose keys are the settings table's camelCase keys
//! (`select`, `targetVersion`, ...), turned into [`Settings`] through [`Settings::set`]
//! like every other front end, plus `unsafeFixes` for `fix()`.
//!
//! The value is first read as a [`Raw`] tree with serde (from a `JsValue` through
//! serde-wasm-bindgen, or from JSON in native tests), then checked here, so that every
//! error message is worded for JavaScript.

use std::fmt;

use py3port_core::{SETTINGS, SettingValue, Settings, SettingsError};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// The key of the one option that is not a setting: whether `fix()` also applies unsafe
/// fixes (the CLI's `--unsafe-fixes`).
pub const UNSAFE_FIXES: &str = "unsafeFixes";

/// Options as given, in order; `null` and `undefined` values are left out, so that
/// `{ select: maybeUndefined }` means "not set". Built with `Options::try_from(raw)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    entries: Vec<(String, SettingValue)>,
    pub unsafe_fixes: bool,
}

impl Options {
    /// Applies every entry to the default settings. The error names the key as the
    /// caller spelled it (camelCase), with what it accepts.
    pub fn settings(&self) -> Result<Settings, String> {
        let mut settings = Settings::default();
        for (key, value) in &self.entries {
            settings.set(key, value.clone()).map_err(|error| message(key, error))?;
        }
        Ok(settings)
    }
}

/// An option error worded for JavaScript: the key in the caller's spelling, and for an
/// unknown key the keys there are.
fn message(key: &str, error: SettingsError) -> String {
    match error {
        SettingsError::UnknownKey(_) => {
            let keys: Vec<&str> = SETTINGS.iter().map(|doc| doc.camel).chain([UNSAFE_FIXES]).collect();
            format!("unknown option `{key}`: expected one of {}", keys.join(", "))
        }
        SettingsError::InvalidValue { expected, found, .. } => {
            format!("invalid value for option `{key}`: expected {expected}, found {found}")
        }
        SettingsError::UnknownRule(_) => format!("invalid value for option `{key}`: {error}"),
    }
}

impl TryFrom<Raw> for Options {
    type Error = String;

    fn try_from(raw: Raw) -> Result<Self, String> {
        let entries = match raw {
            Raw::Null => return Ok(Options::default()),
            Raw::Map(entries) => entries,
            other => return Err(format!("options must be an object, not {}", other.describe())),
        };
        let mut options = Options::default();
        for (key, value) in entries {
            if value == Raw::Null {
                continue;
            }
            if key == UNSAFE_FIXES {
                options.unsafe_fixes = match value {
                    Raw::Bool(flag) => flag,
                    other => {
                        return Err(format!(
                            "invalid value for option `{key}`: expected a boolean, found {}",
                            other.describe()
                        ));
                    }
                };
                continue;
            }
            let value = value.into_setting().map_err(|found| format!("invalid value for option `{key}`: {found}"))?;
            options.entries.push((key, value));
        }
        Ok(options)
    }
}

/// Any JavaScript (or JSON) value, read without judging it, so that every error about it
/// is worded here rather than by the deserializer.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    Null,
    Bool(bool),
    Integer(i64),
    Number(f64),
    String(String),
    List(Vec<Raw>),
    Map(Vec<(String, Raw)>),
}

impl Raw {
    fn describe(&self) -> String {
        match self {
            Raw::Null => "null".to_owned(),
            Raw::Bool(flag) => flag.to_string(),
            Raw::Integer(number) => number.to_string(),
            // Integers print without a fraction; this avoids formatting floats in the
            // analyzer (the code for it is large).
            Raw::Number(_) => "a number that is not a safe integer".to_owned(),
            Raw::String(text) => format!("\"{text}\""),
            Raw::List(_) => "an array".to_owned(),
            Raw::Map(_) => "an object".to_owned(),
        }
    }

    /// The setting value, or what was found instead of one.
    fn into_setting(self) -> Result<SettingValue, String> {
        Ok(match self {
            Raw::Bool(flag) => SettingValue::Bool(flag),
            Raw::Integer(number) => SettingValue::Integer(number),
            Raw::String(text) => SettingValue::String(text),
            Raw::List(items) => SettingValue::List(items.into_iter().map(Raw::into_setting).collect::<Result<_, _>>()?),
            Raw::Map(entries) => SettingValue::Table(
                entries
                    .into_iter()
                    .map(|(key, value)| Ok((key, value.into_setting()?)))
                    .collect::<Result<_, String>>()?,
            ),
            number @ Raw::Number(_) => return Err(format!("expected an integer, found {}", number.describe())),
            Raw::Null => return Err("expected a value, found null".to_owned()),
        })
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean, a number, a string, an array or an object")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Raw, E> {
        Ok(Raw::Integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Raw, E> {
        Ok(i64::try_from(value).map_or(Raw::Number(value as f64), Raw::Integer))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Raw, E> {
        Ok(Raw::Number(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Raw, E> {
        Ok(Raw::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Raw, E> {
        Ok(Raw::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use py3port_core::{PythonVersion, Severity};

    use super::*;

    fn parse(json: &str) -> Result<Options, String> {
        Options::try_from(serde_json::from_str::<Raw>(json).unwrap())
    }

    fn options(json: &str) -> Result<Settings, String> {
        parse(json)?.settings()
    }

    #[test]
    fn camel_case_keys_set_the_settings() {
        let settings =
            options(r#"{"select": ["PY31"], "targetVersion": "py38", "severity": {"PY3101": "warning"}}"#).unwrap();
        assert_eq!(settings.target_version, PythonVersion(8));
        assert_eq!(settings.select.as_ref().map(Vec::len), Some(1));
        assert_eq!(settings.severity[0].1, Severity::Warning);
    }

    #[test]
    fn null_means_default_and_unsafe_fixes_is_read() {
        assert_eq!(options("null").unwrap(), Settings::default());
        assert_eq!(options(r#"{"select": null}"#).unwrap(), Settings::default());
        assert!(parse(r#"{"unsafeFixes": true}"#).unwrap().unsafe_fixes);
    }

    #[test]
    fn errors_name_the_key_as_spelled_in_javascript() {
        assert_eq!(
            options(r#"{"targetVersion": "py27"}"#).unwrap_err(),
            "invalid value for option `targetVersion`: expected a version from \"py36\" to \"py314\", found \"py27\""
        );
        let unknown = options(r#"{"selct": []}"#).unwrap_err();
        assert!(unknown.starts_with("unknown option `selct`: expected one of select, extendSelect"), "{unknown}");
        let rule = options(r#"{"ignore": ["PY9999"]}"#).unwrap_err();
        assert!(rule.starts_with("invalid value for option `ignore`: unknown rule selector `PY9999`"), "{rule}");
        let float = options(r#"{"maxFileSize": 1.5}"#).unwrap_err();
        assert_eq!(
            float,
            "invalid value for option `maxFileSize`: expected an integer, found a number that is not a safe integer"
        );
        assert_eq!(
            options(r#"{"unsafeFixes": "yes"}"#).unwrap_err(),
            "invalid value for option `unsafeFixes`: expected a boolean, found \"yes\""
        );
        assert_eq!(options(r#"["select"]"#).unwrap_err(), "options must be an object, not an array");
        assert!(options(r#"{"select": [null]}"#).unwrap_err().contains("found null"));
    }
}
