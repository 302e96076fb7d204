//! In-process protocol tests: the real server on in-memory pipes, driven as an editor
//! drives it. Responses are snapshotted (paths redacted); behaviour is asserted.

mod support;

use serde_json::{Value, json};
use support::{
    TestClient, apply_edits, capabilities, codes, default_response, document_edits, file_uri, init_params, redact,
};

/// A Python 2 file with a line of `é` and `😀` before a diagnostic, CRLF line endings and
/// four safely fixable rules.
const SAMPLE: &str = "import urllib2\r\n\r\ndef greet(name):\r\n    print \"hello\", name\r\n    return `name`\r\n\r\nif greet(u\"é😀\") <> None:\r\n    data = urllib2.urlopen(\"http://x\").read()\r\n";

const URI: &str = "file:///nonexistent/app/sample.py";

async fn started(encodings: &[&str], pull: bool, options: Value) -> TestClient {
    let mut client = TestClient::start();
    client.initialize(init_params(capabilities(encodings, pull), None, options)).await;
    client
}

/// The text a diagnostic covers.
fn covered<'t>(text: &'t str, diagnostic: &Value, utf8: bool) -> &'t str {
    let start = utf_offset(text, &diagnostic["range"]["start"], utf8);
    let end = utf_offset(text, &diagnostic["range"]["end"], utf8);
    &text[start..end]
}

fn utf_offset(text: &str, position: &Value, utf8: bool) -> usize {
    let marker = "\u{0}";
    let edit = json!({ "range": { "start": position, "end": position }, "newText": marker });
    apply_edits(text, &[edit], utf8).find(marker).unwrap()
}

#[tokio::test]
async fn capabilities_with_utf16_and_push() {
    let mut client = TestClient::start();
    let result = client.call("initialize", init_params(capabilities(&["utf-16"], false), None, Value::Null)).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert!(result["capabilities"].get("diagnosticProvider").is_none());
    insta::assert_snapshot!(serde_json::to_string_pretty(&result).unwrap().replace(py3port_core::VERSION, "[VERSION]"));
}

#[tokio::test]
async fn capabilities_with_utf8_and_pull() {
    let mut client = TestClient::start();
    let params = init_params(capabilities(&["utf-16", "utf-8"], true), None, Value::Null);
    let result = client.call("initialize", params).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    insta::assert_snapshot!(serde_json::to_string_pretty(&result["capabilities"]["diagnosticProvider"]).unwrap());
}

#[tokio::test]
async fn capabilities_without_encodings_fall_back_to_utf16() {
    let mut client = TestClient::start();
    let params = json!({ "processId": null, "capabilities": {} });
    let result = client.call("initialize", params).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
}

#[tokio::test]
async fn push_diagnostics_follow_versions_and_clear_on_close() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    client.open(URI, SAMPLE).await;
    let published = client.diagnostics(URI, 1).await;
    assert_eq!(codes(&published), ["PY3302", "PY3101", "PY3103", "PY3104", "PY3302"]);
    insta::assert_snapshot!(serde_json::to_string_pretty(&published).unwrap());

    // Typing `x` into `name` on line 4 (0-based 3) changes nothing but the version.
    let change = json!([{ "range": { "start": { "line": 3, "character": 23 }, "end": { "line": 3, "character": 23 } }, "text": "x" }]);
    client.change(URI, 2, change).await;
    let published = client.diagnostics(URI, 2).await;
    assert_eq!(codes(&published).len(), 5);

    // Replacing the print statement removes PY3101 (a `print(a, b)` call would not: in a
    // Python 2 file it prints a tuple).
    let change = json!([{ "range": { "start": { "line": 3, "character": 4 }, "end": { "line": 3, "character": 24 } }, "text": "greeting = namex" }]);
    client.change(URI, 3, change).await;
    let published = client.diagnostics(URI, 3).await;
    assert_eq!(codes(&published), ["PY3302", "PY3103", "PY3104", "PY3302"]);

    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": URI } })).await;
    let cleared = client
        .notification_where("textDocument/publishDiagnostics", |p| p["uri"] == URI && p["version"].is_null())
        .await;
    assert_eq!(cleared["diagnostics"], json!([]));
}

/// Every diagnostic covers the same text whichever encoding was negotiated, on a CRLF
/// file with `é` and `😀` before the diagnostic; an edit after `😀` lands where meant.
#[tokio::test]
async fn positions_round_trip_in_utf8_and_utf16() {
    for (encodings, utf8) in [(&["utf-16"][..], false), (&["utf-8", "utf-16"][..], true)] {
        let mut client = started(encodings, false, Value::Null).await;
        client.open(URI, SAMPLE).await;
        let published = client.diagnostics(URI, 1).await;
        let texts: Vec<&str> =
            published["diagnostics"].as_array().unwrap().iter().map(|d| covered(SAMPLE, d, utf8)).collect();
        assert_eq!(texts, ["urllib2", "print \"hello\", name", "`name`", "<>", "urllib2.urlopen"], "utf8: {utf8}");
        let diamond = &published["diagnostics"][3]["range"]["start"];
        assert_eq!(diamond["character"], if utf8 { 20 } else { 17 });

        // Insert `a` right after `😀`, then delete it again: the positions after an
        // astral character must be converted exactly.
        let after = if utf8 { 17 } else { 14 };
        let at = json!({ "line": 6, "character": after });
        client.change(URI, 2, json!([{ "range": { "start": at, "end": at }, "text": "a" }])).await;
        let published = client.diagnostics(URI, 2).await;
        let edited = SAMPLE.replace("é😀", "é😀a");
        assert_eq!(covered(&edited, &published["diagnostics"][3], utf8), "<>");
        let end = json!({ "line": 6, "character": after + 1 });
        client.change(URI, 3, json!([{ "range": { "start": at, "end": end }, "text": "" }])).await;
        let published = client.diagnostics(URI, 3).await;
        assert_eq!(published["diagnostics"][3]["range"]["start"], *diamond);
    }
}

/// Several content changes in one `didChange`, each positioned in the text the previous
/// one made, and a full-text replacement.
#[tokio::test]
async fn multiple_changes_apply_in_order() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    client.open(URI, "x = 1\n").await;
    let changes = json!([
        { "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "print 'a'\n" },
        { "range": { "start": { "line": 1, "character": 4 }, "end": { "line": 1, "character": 5 } }, "text": "`y`" },
    ]);
    client.change(URI, 2, changes).await;
    let published = client.diagnostics(URI, 2).await;
    assert_eq!(codes(&published), ["PY3101", "PY3103"]);
    assert_eq!(published["diagnostics"][1]["range"]["start"], json!({ "line": 1, "character": 4 }));

    client.change(URI, 3, json!([{ "text": "exec 'x'\n" }])).await;
    assert_eq!(codes(&client.diagnostics(URI, 3).await), ["PY3102"]);
}

#[tokio::test]
async fn pull_diagnostics_report_changes_only() {
    let mut client = started(&["utf-16"], true, Value::Null).await;
    client.open(URI, SAMPLE).await;
    let params = json!({ "textDocument": { "uri": URI } });
    let report = client.call("textDocument/diagnostic", params.clone()).await;
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"].as_array().unwrap().len(), 5);
    insta::assert_snapshot!(serde_json::to_string_pretty(&report["items"][1]).unwrap());

    let again = json!({ "textDocument": { "uri": URI }, "previousResultId": report["resultId"] });
    let unchanged = client.call("textDocument/diagnostic", again.clone()).await;
    assert_eq!(unchanged, json!({ "kind": "unchanged", "resultId": report["resultId"] }));

    client.change(URI, 2, json!([{ "text": "print 'x'\n" }])).await;
    let changed = client.call("textDocument/diagnostic", again).await;
    assert_eq!(changed["kind"], "full");
    assert_eq!(changed["items"].as_array().unwrap().len(), 1);

    let info = client.call("workspace/executeCommand", json!({ "command": "py3port.debugInformation" })).await;
    assert!(info.as_str().unwrap().contains("diagnostics: pull"), "{info}");
}

/// Settings that change a pulled document's diagnostics make the server ask the client
/// to pull again.
#[tokio::test]
async fn pulled_diagnostics_are_refreshed_when_settings_change() {
    let mut client = TestClient::start();
    client.initialize(init_params(capabilities(&["utf-16"], true), None, Value::Null)).await;
    client.open(URI, "print 'x'\nexec 'y'\n").await;
    let pull = json!({ "textDocument": { "uri": URI } });
    let codes = |report: &Value| -> Vec<String> {
        report["items"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(codes(&client.call("textDocument/diagnostic", pull.clone()).await), ["PY3101", "PY3102"]);

    client.respond_with(|method, params| {
        if method == "workspace/configuration" {
            let items = params["items"].as_array().unwrap().len();
            return Value::Array(vec![json!({ "ignore": ["PY3101"] }); items]);
        }
        default_response(method, params)
    });
    client.notify("workspace/didChangeConfiguration", json!({ "settings": null })).await;
    let requests = client.server_requests.clone();
    let refreshed = move || requests.lock().unwrap().iter().any(|r| r["method"] == "workspace/diagnostic/refresh");
    client.debug_information_when(None, |_| refreshed()).await;
    assert_eq!(codes(&client.call("textDocument/diagnostic", pull).await), ["PY3102"]);
}

async fn actions_at(client: &mut TestClient, line: u32, character: u32, only: Option<Value>) -> Vec<Value> {
    let position = json!({ "line": line, "character": character });
    let mut context = json!({ "diagnostics": [] });
    if let Some(only) = only {
        context["only"] = only;
    }
    let params =
        json!({ "textDocument": { "uri": URI }, "range": { "start": position, "end": position }, "context": context });
    client.call("textDocument/codeAction", params).await.as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn code_actions_quick_fix_noqa_and_fix_all() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    client.open(URI, SAMPLE).await;
    client.diagnostics(URI, 1).await;
    let actions = actions_at(&mut client, 3, 6, None).await;
    let summary: Vec<(&str, &str, bool)> = actions
        .iter()
        .map(|a| (a["title"].as_str().unwrap(), a["kind"].as_str().unwrap(), a["isPreferred"] == true))
        .collect();
    assert_eq!(
        summary,
        [
            ("PY3101: Replace with a `print()` call", "quickfix.py3port.PY3101", true),
            ("Disable PY3101 for this line", "quickfix.py3port.noqa.PY3101", false),
            ("py3port: fix all safely fixable problems", "source.fixAll.py3port", false),
        ]
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&actions).unwrap());

    // The quick fix is versioned and rewrites the statement.
    let (version, edits) = document_edits(&actions[0]["edit"]);
    assert_eq!(version, Some(1));
    let fixed = apply_edits(SAMPLE, &edits, false);
    assert!(fixed.contains("    print(\"hello\", name)\r\n"), "{fixed}");

    // The suppression adds `# noqa: PY3101`, and the diagnostic goes away.
    let (_, edits) = document_edits(&actions[1]["edit"]);
    let suppressed = apply_edits(SAMPLE, &edits, false);
    assert!(suppressed.contains("    print \"hello\", name  # noqa: PY3101\r\n"), "{suppressed}");
    client.change(URI, 2, json!([{ "text": suppressed }])).await;
    let published = client.diagnostics(URI, 2).await;
    assert!(!codes(&published).contains(&"PY3101".to_owned()));

    // Its neighbour on the line gets added to the same comment.
    let mut text = suppressed.replace("print \"hello\", name", "print \"hello\", `name`");
    client.change(URI, 3, json!([{ "text": text.clone() }])).await;
    client.diagnostics(URI, 3).await;
    let actions = actions_at(&mut client, 3, 22, Some(json!(["quickfix.py3port.noqa"]))).await;
    assert_eq!(actions.len(), 1, "{actions:?}");
    let (_, edits) = document_edits(&actions[0]["edit"]);
    text = apply_edits(&text, &edits, false);
    assert!(text.contains("# noqa: PY3101, PY3103\r\n"), "{text}");
}

#[tokio::test]
async fn code_action_kinds_filter_with_only() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    client.open(URI, SAMPLE).await;
    client.diagnostics(URI, 1).await;
    let kinds = |actions: Vec<Value>| -> Vec<String> {
        actions.iter().map(|a| a["kind"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(kinds(actions_at(&mut client, 3, 6, Some(json!(["source.fixAll"]))).await), ["source.fixAll.py3port"]);
    assert_eq!(
        kinds(actions_at(&mut client, 3, 6, Some(json!(["quickfix.py3port.PY3101"]))).await),
        ["quickfix.py3port.PY3101"]
    );
    assert_eq!(
        kinds(actions_at(&mut client, 3, 6, Some(json!(["quickfix"]))).await),
        ["quickfix.py3port.PY3101", "quickfix.py3port.noqa.PY3101"]
    );
    assert!(actions_at(&mut client, 3, 6, Some(json!(["refactor"]))).await.is_empty());
}

#[tokio::test]
async fn fix_all_is_resolved_against_its_version() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    client.open(URI, SAMPLE).await;
    client.diagnostics(URI, 1).await;
    let actions = actions_at(&mut client, 0, 0, Some(json!(["source.fixAll.py3port"]))).await;
    let action = actions[0].clone();
    assert!(action.get("edit").is_none(), "the edit is left to codeAction/resolve");
    let resolved = client.call("codeAction/resolve", action.clone()).await;
    let (version, edits) = document_edits(&resolved["edit"]);
    assert_eq!(version, Some(1));
    let fixed = apply_edits(SAMPLE, &edits, false);
    let expected = py3port_core::fix(
        SAMPLE,
        &py3port_core::Settings::default(),
        &py3port_core::FileContext::default(),
        py3port_core::FixMode::Safe,
    );
    assert_eq!(fixed, expected.output);
    insta::assert_snapshot!(fixed);

    // Once the document has moved on, the old action is refused, not applied to new text.
    client.change(URI, 2, json!([{ "text": "print 'x'\n" }])).await;
    client.diagnostics(URI, 2).await;
    let stale = client.request("codeAction/resolve", action).await;
    assert_eq!(stale["error"]["code"], -32801, "{stale}");
}

#[tokio::test]
async fn clients_without_resolve_or_document_changes_get_complete_edits() {
    let mut client = TestClient::start();
    let mut caps = capabilities(&["utf-16"], false);
    caps["textDocument"]["codeAction"]["resolveSupport"] = Value::Null;
    caps["workspace"]["workspaceEdit"]["documentChanges"] = json!(false);
    client.initialize(init_params(caps, None, Value::Null)).await;
    client.open(URI, SAMPLE).await;
    client.diagnostics(URI, 1).await;
    let actions = actions_at(&mut client, 0, 0, Some(json!(["source.fixAll"]))).await;
    let edits = actions[0]["edit"]["changes"][URI].as_array().expect("plain changes").clone();
    assert!(apply_edits(SAMPLE, &edits, false).contains("import urllib.request"));
}

#[tokio::test]
async fn hover_on_suppression_codes_shows_rule_docs() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    let text = "print 'x'  # noqa: PY3101, E501, PY31\nexec 'y'  # py3port: ignore[exec-statement]\nx = 1  # PY3101 is not a directive\n";
    client.open(URI, text).await;
    client.diagnostics(URI, 1).await;
    let hover = |line: u32, character: u32| json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } });
    let on_code = client.call("textDocument/hover", hover(0, 21)).await;
    assert_eq!(
        on_code["range"],
        json!({ "start": { "line": 0, "character": 19 }, "end": { "line": 0, "character": 25 } })
    );
    let markdown = on_code["contents"]["value"].as_str().unwrap();
    assert!(markdown.starts_with("**PY3101** `print-statement`"), "{markdown}");
    assert!(markdown.contains("## Why is this bad?"), "{markdown}");
    insta::assert_snapshot!(markdown);

    assert_eq!(client.call("textDocument/hover", hover(0, 28)).await, Value::Null, "E501 is not ours");
    let prefix = client.call("textDocument/hover", hover(0, 34)).await;
    assert!(prefix["contents"]["value"].as_str().unwrap().contains("- **PY3102** `exec-statement`"));
    let by_name = client.call("textDocument/hover", hover(1, 32)).await;
    assert!(by_name["contents"]["value"].as_str().unwrap().starts_with("**PY3102**"));
    assert_eq!(client.call("textDocument/hover", hover(2, 10)).await, Value::Null);
    assert_eq!(client.call("textDocument/hover", hover(0, 2)).await, Value::Null);
}

#[tokio::test]
async fn apply_autofix_goes_through_apply_edit() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    client.open(URI, SAMPLE).await;
    client.diagnostics(URI, 1).await;
    let arguments = json!([{ "uri": URI, "version": 1 }]);
    let result = client
        .call("workspace/executeCommand", json!({ "command": "py3port.applyAutofix", "arguments": arguments }))
        .await;
    assert_eq!(result, Value::Null);
    // The request to the client is sent from a spawned task; ask something of the server
    // until it has been recorded (each request is answered after the owner's queue).
    let requests = client.server_requests.clone();
    let sent = move || requests.lock().unwrap().iter().find(|r| r["method"] == "workspace/applyEdit").cloned();
    client.debug_information_when(None, |_| sent().is_some()).await;
    let apply = sent().expect("workspace/applyEdit was sent");
    let (version, edits) = document_edits(&apply["params"]["edit"]);
    assert_eq!(version, Some(1));
    assert!(!apply_edits(SAMPLE, &edits, false).contains("print \"hello\""));

    let missing =
        client.request("workspace/executeCommand", json!({ "command": "py3port.applyAutofix", "arguments": [] })).await;
    assert_eq!(missing["error"]["code"], -32602);
    let unknown = client.request("workspace/executeCommand", json!({ "command": "py3port.nope" })).await;
    assert_eq!(unknown["error"]["code"], -32602);
}

#[tokio::test]
async fn oversized_files_get_one_information_diagnostic() {
    let mut client = started(&["utf-16"], false, json!({ "maxFileSize": 64 })).await;
    client.open(URI, &"print 'x'\n".repeat(20)).await;
    let published = client.diagnostics(URI, 1).await;
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["code"], "PY3190");
    assert_eq!(diagnostics[0]["severity"], 3);
    // Typing it below the limit brings the analysis back.
    client.change(URI, 2, json!([{ "text": "print 'x'\n" }])).await;
    assert_eq!(codes(&client.diagnostics(URI, 2).await), ["PY3101"]);
}

#[tokio::test]
async fn a_panicking_handler_is_an_error_response_not_a_dead_server() {
    let mut client = TestClient::with_options(py3port_lsp::Options { debug_commands: true });
    client.initialize(init_params(capabilities(&["utf-16"], false), None, Value::Null)).await;
    let response = client.request("workspace/executeCommand", json!({ "command": "py3port.debug.panic" })).await;
    assert_eq!(response["error"]["code"], -32603, "{response}");
    let message = response["error"]["message"].as_str().unwrap();
    assert!(message.contains("deliberate panic for tests"), "{message}");
    // Still serving.
    client.open(URI, SAMPLE).await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await).len(), 5);
    assert!(client.stop().await);
}

#[tokio::test]
async fn cancelled_requests_are_answered_as_cancelled() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    // A large file makes each whole-file fix take a while, so the queue backs up.
    let text = SAMPLE.repeat(20);
    client.open(URI, &text).await;
    client.diagnostics(URI, 1).await;
    let actions = actions_at(&mut client, 0, 0, Some(json!(["source.fixAll.py3port"]))).await;
    let mut waiting = Vec::new();
    for _ in 0..20 {
        waiting.push(client.send_request("codeAction/resolve", actions[0].clone()).await);
    }
    for (id, _) in &waiting {
        client.notify("$/cancelRequest", json!({ "id": id })).await;
    }
    let mut cancelled = 0;
    for (_, receiver) in waiting {
        let response = tokio::time::timeout(support::PATIENCE, receiver).await.unwrap().unwrap();
        match response.get("error") {
            Some(error) => {
                assert_eq!(error["code"], -32800, "{response}");
                cancelled += 1;
            }
            None => assert!(response["result"]["edit"].is_object()),
        }
    }
    assert!(cancelled > 0, "no request was cancelled");
    // The server goes on.
    assert_eq!(
        client
            .call(
                "textDocument/hover",
                json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } })
            )
            .await,
        Value::Null
    );
}

#[tokio::test]
async fn shutdown_then_exit_is_clean_and_exit_alone_is_not() {
    let client = started(&["utf-16"], false, Value::Null).await;
    assert!(client.stop().await);
    let client = started(&["utf-16"], false, Value::Null).await;
    assert!(!client.exit_abruptly().await);
}

#[tokio::test]
async fn requests_after_shutdown_are_refused() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    client.call("shutdown", Value::Null).await;
    let hover = json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } });
    let refused = client.request("textDocument/hover", hover).await;
    assert_eq!(refused["error"]["code"], -32600, "{refused}");
}

// Settings, one source at a time, then together.

/// A folder with a file, optionally a `pyproject.toml`.
fn project(pyproject: Option<&str>) -> (tempfile::TempDir, String, String) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("app.py");
    std::fs::write(&path, "print 'x'\nexec 'y'\n").unwrap();
    if let Some(pyproject) = pyproject {
        std::fs::write(folder.path().join("pyproject.toml"), pyproject).unwrap();
    }
    let folder_uri = file_uri(folder.path());
    let uri = file_uri(&path);
    (folder, folder_uri, uri)
}

#[tokio::test]
async fn settings_from_initialization_options() {
    let mut client = started(&["utf-16"], false, json!({ "settings": { "ignore": ["PY3101"] } })).await;
    client.open(URI, "print 'x'\nexec 'y'\n").await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await), ["PY3102"]);
}

#[tokio::test]
async fn settings_from_workspace_configuration_per_folder() {
    let (folder, folder_uri, uri) = project(None);
    let mut client = TestClient::start();
    let scoped = folder_uri.clone();
    client.respond_with(move |method, params| {
        if method != "workspace/configuration" {
            return default_response(method, params);
        }
        let items = params["items"].as_array().unwrap();
        items
            .iter()
            .map(|item| {
                if item["scopeUri"] == scoped.as_str() {
                    json!({ "ignore": ["PY3102"], "severity": { "PY3101": "warning" } })
                } else {
                    Value::Null
                }
            })
            .collect()
    });
    client.initialize(init_params(capabilities(&["utf-16"], false), Some(&folder_uri), Value::Null)).await;
    client.open(&uri, "print 'x'\nexec 'y'\n").await;
    let published = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && codes_of(p) == ["PY3101"]
        })
        .await;
    assert_eq!(published["diagnostics"][0]["severity"], 2);
    let requests = client.server_requests.lock().unwrap().clone();
    let configuration = requests.iter().find(|r| r["method"] == "workspace/configuration").unwrap();
    assert_eq!(configuration["params"]["items"][0], json!({ "scopeUri": folder_uri, "section": "py3port" }));
    let info = client
        .call("workspace/executeCommand", json!({ "command": "py3port.debugInformation", "arguments": [uri] }))
        .await;
    let info = info.as_str().unwrap();
    assert!(info.contains("ignore = [\"PY3102\"]  (from workspace/configuration (app))"), "{info}");
    drop(folder);
}

fn codes_of(params: &Value) -> Vec<String> {
    codes(&json!({ "diagnostics": params["diagnostics"] }))
}

#[tokio::test]
async fn settings_from_did_change_configuration() {
    let mut client = TestClient::start();
    let mut caps = capabilities(&["utf-16"], false);
    caps["workspace"]["configuration"] = json!(false);
    client.initialize(init_params(caps, None, Value::Null)).await;
    client.open(URI, "print 'x'\nexec 'y'\n").await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await), ["PY3101", "PY3102"]);
    let settings = json!({ "settings": { "py3port": { "extendIgnore": ["exec-statement"] } } });
    client.notify("workspace/didChangeConfiguration", settings).await;
    client
        .notification_where("textDocument/publishDiagnostics", |p| p["uri"] == URI && codes_of(p) == ["PY3101"])
        .await;
}

/// A configuration file applies, is watched, and a change to it re-publishes.
#[tokio::test]
async fn configuration_file_and_its_changes() {
    let (folder, folder_uri, uri) = project(Some("[tool.py3port]\nignore = [\"PY3101\"]\n"));
    let mut client = TestClient::start();
    client.initialize(init_params(capabilities(&["utf-16"], false), Some(&folder_uri), Value::Null)).await;
    client.open(&uri, "print 'x'\nexec 'y'\n").await;
    assert_eq!(codes(&client.diagnostics(&uri, 1).await), ["PY3102"]);

    std::fs::write(folder.path().join("pyproject.toml"), "[tool.py3port]\nignore = [\"PY3102\"]\n").unwrap();
    let changed = json!({ "changes": [{ "uri": file_uri(&folder.path().join("pyproject.toml")), "type": 2 }] });
    client.notify("workspace/didChangeWatchedFiles", changed).await;
    client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && codes_of(p) == ["PY3101"]
        })
        .await;

    let requests = client.server_requests.lock().unwrap().clone();
    let registration = requests.iter().find(|r| r["method"] == "client/registerCapability").expect("watchers");
    insta::assert_snapshot!(serde_json::to_string_pretty(&registration["params"]).unwrap());

    // An invalid key is shown once, and the valid keys still apply.
    std::fs::write(folder.path().join("pyproject.toml"), "[tool.py3port]\nignor = 1\nignore = [\"PY3101\"]\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed_params(&folder)).await;
    let shown = client.notification("window/showMessage").await;
    assert!(shown["message"].as_str().unwrap().contains("unknown setting `ignor`"), "{shown}");
    client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && codes_of(p) == ["PY3102"]
        })
        .await;
}

fn changed_params(folder: &tempfile::TempDir) -> Value {
    json!({ "changes": [{ "uri": file_uri(&folder.path().join("pyproject.toml")), "type": 2 }] })
}

/// Editor settings override the file key by key; `debugInformation` shows each source.
#[tokio::test]
async fn precedence_is_one_order_and_debug_information_shows_it() {
    let (folder, folder_uri, uri) = project(Some("[tool.py3port]\nignore = [\"PY3102\"]\ntarget-version = \"py38\"\n"));
    let mut client = TestClient::start();
    let options = json!({ "ignore": ["PY3101"], "minConfidence": "medium" });
    client.respond_with(|method, params| {
        if method == "workspace/configuration" {
            let items = params["items"].as_array().unwrap().len();
            return Value::Array(vec![json!({ "minConfidence": "high" }); items]);
        }
        default_response(method, params)
    });
    client.initialize(init_params(capabilities(&["utf-16"], false), Some(&folder_uri), options)).await;
    client.open(&uri, "print 'x'\nexec 'y'\n").await;
    // The file's `ignore` is replaced by initializationOptions': PY3102 is back.
    client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && codes_of(p) == ["PY3102"]
        })
        .await;
    let info = client
        .debug_information_when(Some(&uri), |info| {
            info.contains("workspace/configuration (app)") && !info.contains("scan pending")
        })
        .await;
    insta::assert_snapshot!(
        info.replace(&folder.path().display().to_string(), "[TMP]").replace(py3port_core::VERSION, "[VERSION]")
    );
}

/// A folder of Python 2 files makes its neutral files Python 2 as well, as
/// `py3port check` decides over a project.
#[tokio::test]
async fn workspace_scan_reads_neutral_files_as_python2() {
    let folder = tempfile::tempdir().unwrap();
    for name in ["a", "b", "c"] {
        std::fs::write(folder.path().join(format!("{name}.py")), "print 'legacy'\n").unwrap();
    }
    let neutral = "def first(xs):\n    return map(str, xs)[0]\n";
    let path = folder.path().join("neutral.py");
    std::fs::write(&path, neutral).unwrap();
    let alone = py3port_core::check(neutral, &py3port_core::Settings::default(), &py3port_core::FileContext::default());
    assert!(alone.withheld > 0, "the sample must depend on the project's dialect");

    let uri = file_uri(&path);
    let mut client = TestClient::start();
    client.initialize(init_params(capabilities(&["utf-16"], false), Some(&file_uri(folder.path())), Value::Null)).await;
    client.open(&uri, neutral).await;
    let published = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && codes_of(p).contains(&"PY3405".to_owned())
        })
        .await;
    insta::assert_snapshot!(serde_json::to_string_pretty(&published["diagnostics"]).unwrap());
    let info = client
        .call("workspace/executeCommand", json!({ "command": "py3port.debugInformation", "arguments": [uri] }))
        .await;
    assert!(info.as_str().unwrap().contains("Python 2 files: 3, Python 3 files: 0"), "{info}");
    assert!(redact(&info, folder.path()).contains("MostlyPython2"));
}

async fn actions_in(client: &mut TestClient, uri: &str, line: u32, character: u32, only: Option<Value>) -> Vec<Value> {
    let position = json!({ "line": line, "character": character });
    let mut context = json!({ "diagnostics": [] });
    if let Some(only) = only {
        context["only"] = only;
    }
    let params =
        json!({ "textDocument": { "uri": uri }, "range": { "start": position, "end": position }, "context": context });
    client.call("textDocument/codeAction", params).await.as_array().cloned().unwrap_or_default()
}

/// The whole-file fix of `uri`, resolved, applied to `text`.
async fn fix_all(client: &mut TestClient, uri: &str, text: &str) -> String {
    let actions = actions_in(client, uri, 0, 0, Some(json!(["source.fixAll.py3port"]))).await;
    assert_eq!(actions.len(), 1, "{actions:?}");
    let resolved = client.call("codeAction/resolve", actions[0].clone()).await;
    let (_, edits) = document_edits(&resolved["edit"]);
    apply_edits(text, &edits, false)
}

/// A requirements file gets the dependency rules' diagnostics (not Python's), their
/// quick fixes, suppressions and the whole-file fix; so does `pyproject.toml`, and
/// malformed TOML is no crash.
#[tokio::test]
async fn manifests_get_dependency_diagnostics_and_fixes() {
    let mut client = started(&["utf-16"], false, Value::Null).await;
    let uri = "file:///nonexistent/app/requirements.txt";
    let text = "MySQL-python==1.2.5\r\nfutures  # the backport\r\nrequests [security] ; python_version < \"3\"\r\n";
    client.open(uri, text).await;
    let published = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&published), ["PY3601", "PY3602"]);
    assert_eq!(covered(text, &published["diagnostics"][0], false), "MySQL-python");
    assert_eq!(covered(text, &published["diagnostics"][1], false), "futures");
    assert_eq!(published["diagnostics"][0]["code"], "PY3601");

    let actions = actions_in(&mut client, uri, 0, 3, None).await;
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "PY3601: Replace `MySQL-python` with `mysqlclient`",
            "Disable PY3601 for this line",
            "py3port: fix all safely fixable problems"
        ]
    );
    let (version, edits) = document_edits(&actions[0]["edit"]);
    assert_eq!(version, Some(1));
    assert_eq!(
        apply_edits(text, &edits, false),
        "mysqlclient\r\nfutures  # the backport\r\nrequests [security] ; python_version < \"3\"\r\n"
    );
    let (_, edits) = document_edits(&actions[1]["edit"]);
    let suppressed = apply_edits(text, &edits, false);
    assert!(suppressed.starts_with("MySQL-python==1.2.5  # noqa: PY3601\r\n"), "{suppressed}");
    assert_eq!(
        fix_all(&mut client, uri, text).await,
        "mysqlclient\r\nrequests [security] ; python_version < \"3\"\r\n"
    );

    // The suppression silences it.
    client.change(uri, 2, json!([{ "text": suppressed }])).await;
    assert_eq!(codes(&client.diagnostics(uri, 2).await), ["PY3602"]);

    let uri = "file:///nonexistent/app/pyproject.toml";
    let text = "[project]\nname = \"app\"\ndependencies = [\"MySQL-python>=1.2\", \"enum34\"]\n\n[tool.py3port]\nselect = [\"ALL\"]\n";
    client.open(uri, text).await;
    let published = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&published), ["PY3601", "PY3602"]);
    assert_eq!(covered(text, &published["diagnostics"][0], false), "MySQL-python");
    assert!(fix_all(&mut client, uri, text).await.contains("dependencies = [\"mysqlclient\"]\n"));
    client.change(uri, 2, json!([{ "text": "[project\ndependencies = [\"PIL\"" }])).await;
    assert_eq!(codes(&client.diagnostics(uri, 2).await), Vec::<String>::new());

    // A `setup.py` is code and a manifest: both kinds of finding, and one fix for all.
    let uri = "file:///nonexistent/app/setup.py";
    let text = "from setuptools import setup\nprint 'building'\nsetup(name='app', install_requires=['MySQL-python'])\n";
    client.open(uri, text).await;
    assert_eq!(codes(&client.diagnostics(uri, 1).await), ["PY3101", "PY3601"]);
    assert_eq!(
        fix_all(&mut client, uri, text).await,
        "from setuptools import setup\nprint('building')\nsetup(name='app', install_requires=['mysqlclient'])\n"
    );
}
