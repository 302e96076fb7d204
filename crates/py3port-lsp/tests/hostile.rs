//! Hostile input and load for the language server: the CLI's hostile files opened as
//! documents, edits with out-of-range positions, unknown methods and notifications, 200
//! documents under rapid incremental edits, and a client that never reads its output.
//! Memory and latency under load are measured by `benches/load.rs`, not here.

mod support;

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{PATIENCE, TestClient, capabilities, init_params};

/// The diagnostics without `data` (it holds the document version), for comparing two
/// documents' analyses.
fn comparable(diagnostics: &Value) -> Vec<Value> {
    let mut items = diagnostics["diagnostics"].as_array().expect("diagnostics").clone();
    for item in &mut items {
        item.as_object_mut().unwrap().remove("data");
    }
    items
}

async fn started() -> TestClient {
    let mut client = TestClient::start();
    client.initialize(init_params(capabilities(&["utf-16"], false), None, Value::Null)).await;
    client
}

/// What a fresh open of `text` publishes, under a URI of its own.
async fn fresh(client: &mut TestClient, name: &str, text: &str) -> Vec<Value> {
    let uri = format!("file:///hostile/fresh/{name}");
    client.open(&uri, text).await;
    let diagnostics = comparable(&client.diagnostics(&uri, 1).await);
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } })).await;
    diagnostics
}

/// The diagnostics published for each URI at its version, in whatever order they come.
async fn published(client: &mut TestClient, wanted: &HashMap<String, i64>) -> HashMap<String, Vec<Value>> {
    let mut found = HashMap::new();
    while found.len() < wanted.len() {
        let params = client.notification("textDocument/publishDiagnostics").await;
        let uri = params["uri"].as_str().unwrap().to_owned();
        if wanted.get(&uri).is_some_and(|version| params["version"] == *version) {
            found.insert(uri, comparable(&params));
        }
    }
    found
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_documents_get_diagnostics_and_the_server_goes_on() {
    let mut client = started().await;
    let n = 10_000;
    let mut ifs = String::new();
    for depth in 0..n {
        ifs.push_str(&"\t".repeat(depth / 8));
        ifs.push_str(&" ".repeat(depth % 8));
        ifs.push_str("if x:\n");
    }
    ifs.push_str(&"\t".repeat(n / 8));
    ifs.push_str("print 'deep'\n");
    let big = "x = 1\n".repeat(11 * 1024 * 1024 / 6 + 1);
    let documents: Vec<(&str, String, Vec<&str>)> = vec![
        ("big.py", big.clone(), vec!["PY3190"]),
        ("line.py", format!("x = '{}'\nprint x\n", "a".repeat(5 * 1024 * 1024)), vec!["PY3101"]),
        ("parens.py", format!("x = {}1{}\nprint x\n", "(".repeat(n), ")".repeat(n)), vec!["PY3101"]),
        ("brackets.py", format!("x = {}1{}\nprint x\n", "[".repeat(n), "]".repeat(n)), vec!["PY3101"]),
        // Tabs and spaces mixed (PY3113), then the first line deeper than 100 levels
        // (PY3100): the lines under it are not analysed.
        ("ifs.py", ifs, vec!["PY3113", "PY3100"]),
        ("backquotes.py", format!("x = {}\n", "`".repeat(n)), vec![]),
        // NUL is valid JSON (`\u0000`) and valid UTF-8; the editor holds the text, so the
        // server analyses what it is given.
        ("nul.py", "print 'a'\n\0\nprint 'b'\n".to_owned(), vec!["PY3101", "PY3100", "PY3101"]),
        ("mixed.py", "print 'a'\r\nprint 'b'\nx = 1\rprint 'd'\r\n".to_owned(), vec!["PY3101", "PY3101", "PY3101"]),
        (
            "formfeed.py",
            "print 'a'\n\x0c\nprint 'b'\n\x0cdef f():\n    \x0c    print 'c'\n".to_owned(),
            vec!["PY3101", "PY3101", "PY3101"],
        ),
        ("empty.py", String::new(), vec![]),
        ("controls.py", (1..32u8).map(char::from).collect::<String>().repeat(100), vec!["PY3100"]),
    ];
    for (name, text, _) in &documents {
        client.open(&format!("file:///hostile/{name}"), text).await;
    }
    let uri = |name: &str| format!("file:///hostile/{name}");
    let wanted = documents.iter().map(|(name, _, _)| (uri(name), 1)).collect();
    let all = published(&mut client, &wanted).await;
    for (name, _, expected) in &documents {
        let diagnostics = &all[&uri(name)];
        let mut got: Vec<&str> = codes(diagnostics);
        got.dedup();
        let mut want = expected.clone();
        want.dedup();
        assert_eq!(got, want, "{name}: {diagnostics:?}");
    }
    let big_diagnostics = &all[&uri("big.py")];
    assert!(
        big_diagnostics[0]["message"].as_str().unwrap().contains("over the `max-file-size` limit of 10485760 bytes"),
        "{big_diagnostics:?}"
    );
    let info = client
        .call("workspace/executeCommand", json!({ "command": "py3port.debugInformation", "arguments": [] }))
        .await;
    assert!(info.as_str().unwrap().contains(&format!("open documents: {}", documents.len())), "{info}");
    assert!(client.stop().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_range_edits_are_clamped_and_the_document_stays_in_sync() {
    let mut client = started().await;
    let uri = "file:///hostile/range.py";
    client.open(uri, "x = 1\r\nprint 'é😀'\n").await;
    client.diagnostics(uri, 1).await;
    // Each edit and the text it leaves: positions past a line's end clamp to the end of
    // the line, lines past the end to the end of the text, an end before the start to
    // the start; a column inside a surrogate pair moves to the pair's start.
    let edits: [(Value, &str); 6] = [
        (json!({ "start": { "line": 100, "character": 0 }, "end": { "line": 200, "character": 5 } }), "print 'end'\n"),
        (json!({ "start": { "line": 0, "character": 999 }, "end": { "line": 0, "character": 1000 } }), "  # tail"),
        (json!({ "start": { "line": 1, "character": 10 }, "end": { "line": 1, "character": 2 } }), "X"),
        (json!({ "start": { "line": 1, "character": 9 }, "end": { "line": 1, "character": 10 } }), "?"),
        (
            json!({ "start": { "line": 4294967295u32, "character": 4294967295u32 }, "end": { "line": 0, "character": 0 } }),
            "",
        ),
        (json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }), "print 1\n"),
    ];
    let mut version = 1;
    for (range, text) in edits {
        version += 1;
        client.change(uri, version, json!([{ "range": range, "text": text }])).await;
    }
    let published = comparable(&client.diagnostics(uri, version).await);
    // The same text, worked out with the clamping rules above, opened fresh.
    let expected_text = "print 1\nx = 1  # tail\r\nprint 'é?X'\nprint 'end'\n";
    let expected = fresh(&mut client, "range.py", expected_text).await;
    assert_eq!(published, expected);
    let mut changes = Vec::new();
    changes.push(json!({ "text": expected_text }));
    version += 1;
    client.change(uri, version, Value::Array(changes)).await;
    assert_eq!(comparable(&client.diagnostics(uri, version).await), expected);
    // A change for a document that is not open is a log line, not a crash.
    client.change("file:///hostile/never-opened.py", 2, json!([{ "text": "print 1\n" }])).await;
    // Parameters that do not parse are a log line too.
    client.notify("textDocument/didChange", json!({ "textDocument": 7 })).await;
    let info = client
        .call("workspace/executeCommand", json!({ "command": "py3port.debugInformation", "arguments": [uri] }))
        .await;
    assert!(info.as_str().unwrap().contains(&format!("version: {version}")), "{info}");
    assert!(client.stop().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_methods_and_notifications_are_answered_or_ignored() {
    let mut client = started().await;
    let response = client.request("py3port/noSuchMethod", json!({})).await;
    assert_eq!(response["error"]["code"], -32601, "{response}");
    let response = client.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": "x" } })).await;
    assert_eq!(response["error"]["code"], -32601, "{response}");
    client.notify("$/noSuchNotification", json!({ "anything": [1, 2, 3] })).await;
    client.notify("custom/notification", Value::Null).await;
    client.notify("$/cancelRequest", json!({ "id": 12345 })).await;
    client.notify("$/setTrace", json!({ "value": "verbose" })).await;
    let uri = "file:///hostile/after.py";
    client.open(uri, "print 1\n").await;
    assert_eq!(codes(&comparable(&client.diagnostics(uri, 1).await)), ["PY3101"]);
    assert!(client.stop().await);
}

/// A deterministic generator for the edits.
struct Random(u64);

impl Random {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % below as u64).unwrap()
    }
}

/// 200 documents, 25 incremental edits each sent without waiting, interleaved: every
/// document ends with the diagnostics of a fresh analysis of its final text, and the
/// server answers a request after it all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_documents_under_rapid_edits_end_in_sync() {
    const DOCUMENTS: usize = 200;
    const EDITS: usize = 25;
    let mut client = started().await;
    let base = "import urllib2\n\nclass Store:\n    def get(self, key):\n        if self.data.has_key(key):\n            print 'hit', key\n        return self.data[key]\n\nfor i in xrange(10):\n    print i\n";
    let mut texts: Vec<String> = vec![base.to_owned(); DOCUMENTS];
    let uri = |at: usize| format!("file:///load/module_{at}.py");
    for (at, text) in texts.iter().enumerate() {
        client.open(&uri(at), text).await;
    }
    let pieces = ["print 'x'\n", "x", " ", "`y`", "\n", "é", "😀", "exec 'a'\n", "(", ")", "    "];
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for version in 2..(EDITS as i64 + 2) {
        for (at, text) in texts.iter_mut().enumerate() {
            // Insert or replace at a character boundary, in UTF-16 positions computed
            // from the client's copy of the text.
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let start = boundaries[random.next(boundaries.len())];
            let end = boundaries[random.next(boundaries.len())].max(start).min(start + 8);
            let end = *boundaries.iter().find(|&&b| b >= end).unwrap();
            let piece = pieces[random.next(pieces.len())];
            let position = |offset: usize| {
                let line = text[..offset].matches('\n').count();
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                json!({ "line": line, "character": text[line_start..offset].encode_utf16().count() })
            };
            let range = json!({ "start": position(start), "end": position(end) });
            client.change(&uri(at), version, json!([{ "range": range, "text": piece }])).await;
            text.replace_range(start..end, piece);
        }
    }
    let final_version = EDITS as i64 + 1;
    let info = client
        .call("workspace/executeCommand", json!({ "command": "py3port.debugInformation", "arguments": [] }))
        .await;
    assert!(info.as_str().unwrap().contains(&format!("open documents: {DOCUMENTS}")), "{info}");
    let wanted = (0..DOCUMENTS).map(|at| (uri(at), final_version)).collect();
    let last = published(&mut client, &wanted).await;
    for at in 0..DOCUMENTS {
        let expected = fresh(&mut client, &format!("module_{at}.py"), &texts[at]).await;
        assert_eq!(last[&uri(at)], expected, "document {at}:\n{}", texts[at]);
    }
    assert!(client.stop().await);
}

/// A client that sends and never reads: the server's output pipe fills and its writes
/// block. When the client then closes the server's input, the server must still exit
/// (it does not wait to flush output nobody reads).
#[cfg(unix)]
#[test]
fn a_client_that_never_reads_cannot_keep_the_server_alive_after_closing_its_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_py3port-lsp"))
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut stdin = child.stdin.take().unwrap();
    // Keep the read end open and unread: a full pipe, not a closed one.
    let stdout = child.stdout.take().unwrap();
    let mut send = |message: Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).is_ok() && stdin.flush().is_ok()
    };
    send(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": {} } }),
    );
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    // Each open publishes ~100 diagnostics (tens of KB): far more than a 64 KiB pipe.
    let text = "print 'x'\n".repeat(100);
    for at in 0..100 {
        let item =
            json!({ "uri": format!("file:///never/read_{at}.py"), "languageId": "python", "version": 1, "text": text });
        if !send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": item } })) {
            break;
        }
    }
    // Give the server time to fill the pipe (not an assertion: it only makes the test
    // meaningful).
    std::thread::sleep(Duration::from_millis(500));
    drop(stdin);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("the server did not exit after its input closed (deadlocked on a full output pipe)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdout);
    assert_eq!(status.code(), Some(1), "no shutdown was requested");
}
