//! What the fuzz targets share: the settings they check with and the parse-error measure
//! behind "fixes never add a parse error".

use py3port_core::{SettingValue, Settings, parse};

/// Every rule, down to medium confidence: the most fixes the engine can offer.
pub fn all_rules() -> Settings {
    let mut settings = Settings::default();
    settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
    settings.set("min-confidence", SettingValue::String("medium".into())).unwrap();
    settings
}

/// The number of unparsable regions of `text` ([`py3port_core::Parsed::error_regions`]),
/// the measure the fix engine holds its fixes to.
pub fn error_regions(text: &str) -> usize {
    parse(text).error_regions(text)
}
