//! SARIF 2.1.0: one run, the rules that have results (with their documentation links),
//! one result per diagnostic with a stable `partialFingerprints` entry, and fixes as
//! artifact changes. Columns count Unicode code points (`columnKind`).

use std::collections::BTreeMap;
use std::io::Write;

use py3port_core::{Rule, Severity};
use serde_json::{Value, json};

use crate::messages::{Location, Message, fingerprints};

/// The key of py3port's entry in `partialFingerprints`; a new way of computing them gets
/// a new version.
pub const FINGERPRINT_KEY: &str = "py3portLineHash/v1";

pub fn emit(messages: &[Message], out: &mut dyn Write) -> std::io::Result<()> {
    let rules: BTreeMap<Rule, usize> = {
        let mut rules: Vec<Rule> = messages.iter().map(|m| m.rule).collect();
        rules.sort();
        rules.dedup();
        rules.into_iter().enumerate().map(|(index, rule)| (rule, index)).collect()
    };
    let descriptors: Vec<Value> = rules.keys().map(|&rule| descriptor(rule)).collect();
    let fingerprints = fingerprints(messages);
    let results: Vec<Value> = messages
        .iter()
        .zip(&fingerprints)
        .map(|(message, fingerprint)| result(message, rules[&message.rule], fingerprint))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "py3port",
                    "version": py3port_core::VERSION,
                    "informationUri": "https://github.com/py3port/py3port",
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    super::write_json(out, &log)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn descriptor(rule: Rule) -> Value {
    let meta = rule.meta();
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": meta.summary() },
        "help": { "text": format!("{} See {}", meta.summary(), meta.url()) },
        "helpUri": meta.url(),
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": {
            "tags": ["python3-compatibility", meta.family.as_str()],
            "fixAvailability": meta.fix_availability().as_str(),
        },
    })
}

fn region(start: Location, end: Location) -> Value {
    json!({ "startLine": start.row, "startColumn": start.column, "endLine": end.row, "endColumn": end.column })
}

fn result(message: &Message, rule_index: usize, fingerprint: &str) -> Value {
    let uri = uri(&message.portable_path());
    let mut result = json!({
        "ruleId": message.rule.code(),
        "ruleIndex": rule_index,
        "level": level(message.diagnostic.severity),
        "message": { "text": message.diagnostic.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(message.location, message.end_location),
            }
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
        "properties": {
            "confidence": message.diagnostic.confidence.as_str(),
            "dialect": message.dialect,
        },
    });
    if let Some(fix) = &message.fix {
        result["fixes"] = json!([{
            "description": { "text": format!("{} ({})", fix.message, fix.applicability) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": fix.edits.iter().map(|edit| json!({
                    "deletedRegion": region(edit.location, edit.end_location),
                    "insertedContent": { "text": edit.content },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    result
}

/// A relative path as a URI reference: every byte outside the unreserved set and `/`
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_become_uri_references() {
        assert_eq!(super::uri("pkg/my file#1é.py"), "pkg/my%20file%231%C3%A9.py");
    }
}
