//! An open document (as the language server keeps one) under arbitrary edits, stale and
//! out-of-range ones included: its incremental analysis always equals a fresh check of
//! its text.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use py3port_core::{Document, FileContext, SettingValue, Settings, TextRange, check};

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    edits: Vec<Vec<(u16, u16, String)>>,
}

fuzz_target!(|input: Input| {
    let mut settings = Settings::default();
    settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
    let context = FileContext::default();
    let mut document = Document::new(input.text, settings.clone(), context.clone());
    for batch in input.edits.iter().take(8) {
        let edits: Vec<(TextRange, &str)> = batch
            .iter()
            .take(4)
            .map(|(start, length, text)| {
                let start = u32::from(*start);
                (TextRange::new(start, start.saturating_add(u32::from(*length) % 64)), text.as_str())
            })
            .collect();
        document.edit(&edits);
        let fresh = check(document.text(), &settings, &context);
        assert_eq!(
            document.analysis().diagnostics,
            fresh.diagnostics,
            "incremental analysis differs from a fresh check"
        );
    }
});
