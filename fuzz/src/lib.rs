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

/// The number of unparsable regions of `text`: outermost ERROR and MISSING nodes, the
/// measure the fix engine holds its fixes to. Errors nested inside an ERROR are how
/// tree-sitter's recovery happens to carve up code it already could not parse, and
/// change with any edit nearby, so they are not counted.
pub fn error_regions(text: &str) -> usize {
    let parsed = parse(text);
    let mut count = 0;
    let mut cursor = parsed.tree.walk();
    'walk: loop {
        let node = cursor.node();
        let error = node.is_error() || node.is_missing();
        count += usize::from(error);
        if !error && node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    count
}
