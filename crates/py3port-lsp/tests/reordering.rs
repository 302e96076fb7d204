//! The reordering stress test: `didChange` notifications interleaved with `codeAction`
//! requests that are not awaited, on a multi-threaded runtime, so that tower-lsp runs
//! handlers concurrently. Edits must still apply in order (the final text is checked
//! through the diagnostics and the whole-file fix), published versions must only grow and
//! end at the last version, and no code action may answer for a version older than the
//! one the client had when it asked.

mod support;

use py3port_core::{FileContext, FixMode, LineIndex, PositionEncoding, Settings};
use serde_json::{Value, json};
use support::{TestClient, apply_edits, capabilities, document_edits, init_params};

const URI: &str = "file:///nonexistent/stress.py";
const LINES: usize = 60;

/// A position as JSON.
fn at(line: usize, character: usize) -> Value {
    json!({ "line": line, "character": character })
}

/// The `(code, line, character)` of each diagnostic of `text`, as a fresh check computes
/// them.
fn expected_diagnostics(text: &str) -> Vec<(String, u32, u32)> {
    let analysis = py3port_core::check(text, &Settings::default(), &FileContext::default());
    let index = LineIndex::new(text);
    analysis
        .diagnostics
        .iter()
        .map(|d| {
            let start = index.line_column(d.range.start(), text, PositionEncoding::Utf16);
            (d.rule.code().to_owned(), start.line, start.column)
        })
        .collect()
}

fn published_diagnostics(params: &Value) -> Vec<(String, u32, u32)> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["code"].as_str().unwrap().to_owned(),
                start["line"].as_u64().unwrap() as u32,
                start["character"].as_u64().unwrap() as u32,
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn interleaved_changes_and_code_actions_stay_in_order() {
    let mut client = TestClient::start();
    client.initialize(init_params(capabilities(&["utf-16"], false), None, Value::Null)).await;
    // Line 0 is a print statement that no edit touches; the others are assignments whose
    // names get typed into, some with Python 2 literals.
    let mut text = String::from("print 'head'\n");
    for line in 1..LINES {
        let value = if line % 4 == 0 { format!("0{line}") } else { line.to_string() };
        text.push_str(&format!("name_{line} = {value}  # é😀\n"));
    }
    client.open(URI, &text).await;

    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut version = 1;
    let mut asked = Vec::new();
    for step in 0..300 {
        version += 1;
        let line = 1 + next(LINES - 1);
        // The identifier starts at column 0 and is at least six characters long.
        let column = 1 + next(5);
        let changes = match step % 5 {
            // Two changes in one notification, the second positioned in the text the first
            // made.
            0 => json!([
                { "range": { "start": at(line, column), "end": at(line, column) }, "text": "ab" },
                { "range": { "start": at(line, column + 1), "end": at(line, column + 2) }, "text": "" },
            ]),
            // A deletion.
            1 => json!([{ "range": { "start": at(line, column), "end": at(line, column + 1) }, "text": "" }]),
            _ => json!([{ "range": { "start": at(line, column), "end": at(line, column) }, "text": "q" }]),
        };
        for change in changes.as_array().unwrap() {
            let edit = json!({ "range": change["range"], "newText": change["text"] });
            text = apply_edits(&text, &[edit], false);
        }
        client.change(URI, version, changes).await;
        if step % 2 == 0 {
            let range = json!({ "start": at(0, 2), "end": at(0, 2) });
            let params = json!({ "textDocument": { "uri": URI }, "range": range, "context": { "diagnostics": [] } });
            asked.push((version, client.send_request("textDocument/codeAction", params).await.1));
        }
    }

    // Published versions only grow, and end at the last one.
    let mut last = 0;
    let final_params = loop {
        let params = client.notification("textDocument/publishDiagnostics").await;
        let published = params["version"].as_i64().unwrap();
        assert!(published > last, "version {published} published after {last}");
        last = published;
        if published == version {
            break params;
        }
    };
    // The server's text is the client's: same diagnostics as a fresh check of it.
    assert_eq!(published_diagnostics(&final_params), expected_diagnostics(&text));

    for (asked_at, answer) in asked {
        let response = tokio::time::timeout(support::PATIENCE, answer).await.unwrap().unwrap();
        let actions = response["result"].as_array().expect("actions").clone();
        let quick_fix = actions.iter().find(|a| a["kind"] == "quickfix.py3port.PY3101").expect("the print fix");
        let (answered_for, edits) = document_edits(&quick_fix["edit"]);
        let answered_for = answered_for.unwrap();
        assert!((asked_at..=version).contains(&answered_for), "asked at {asked_at}, answered for {answered_for}");
        assert_eq!(quick_fix["diagnostics"][0]["data"]["version"], answered_for);
        assert_eq!(apply_edits("print 'head'\n", &edits, false), "print('head')\n");
    }

    // And the whole-file fix, resolved now, turns the client's text into what the core's
    // fix makes of it.
    let range = json!({ "start": at(0, 0), "end": at(0, 0) });
    let params = json!({ "textDocument": { "uri": URI }, "range": range, "context": { "diagnostics": [], "only": ["source.fixAll"] } });
    let actions = client.call("textDocument/codeAction", params).await;
    let resolved = client.call("codeAction/resolve", actions[0].clone()).await;
    let (resolved_version, edits) = document_edits(&resolved["edit"]);
    assert_eq!(resolved_version, Some(version));
    let expected = py3port_core::fix(&text, &Settings::default(), &FileContext::default(), FixMode::Safe).output;
    assert_eq!(apply_edits(&text, &edits, false), expected);
    assert!(client.stop().await);
}
