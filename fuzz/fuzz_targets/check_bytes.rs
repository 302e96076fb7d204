//! Arbitrary bytes as a source file, the way the command line reads one: decoded per PEP
//! 263 or refused with a reason, never a panic; a decoded file encodes back to the same
//! bytes, and its check and fixes hold the engine's invariants.

#![no_main]

use libfuzzer_sys::fuzz_target;
use py3port_cli::source;
use py3port_core::{FileContext, FixMode, check, fix};
use py3port_fuzz::{all_rules, error_regions};

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = source::decode(bytes) else { return };
    assert_eq!(decoded.encode(&decoded.text).as_deref(), Some(bytes), "decoding does not round-trip");
    let settings = all_rules();
    let context = FileContext::default();
    let analysis = check(&decoded.text, &settings, &context);
    for diagnostic in &analysis.diagnostics {
        assert!(diagnostic.range.end() as usize <= decoded.text.len(), "a diagnostic past the end");
        assert!(decoded.text.is_char_boundary(diagnostic.range.start() as usize));
        assert!(decoded.text.is_char_boundary(diagnostic.range.end() as usize));
    }
    let outcome = fix(&decoded.text, &settings, &context, FixMode::Unsafe);
    assert!(outcome.converged, "fixes did not converge in {} rounds", outcome.rounds);
    assert!(error_regions(&outcome.output) <= error_regions(&decoded.text), "fixes added a parse error");
    assert!(decoded.encode(&outcome.output).is_some(), "the fixed text cannot be written in the file's encoding");
});
