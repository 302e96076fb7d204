//! An in-process LSP client for the protocol tests: the real server (`py3port_lsp::serve`)
//! on in-memory pipes, spoken to in JSON-RPC with `Content-Length` framing, as an editor
//! would. Server-to-client requests are answered by a replaceable responder and recorded.

#![allow(dead_code)] // Each test binary uses part of the harness.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::{Mutex as AsyncMutex, mpsc, oneshot};
use tokio::task::JoinHandle;

/// Failsafe only: no assertion depends on it; a broken server fails instead of hanging.
pub const PATIENCE: Duration = Duration::from_secs(60);

type Responder = Box<dyn Fn(&str, &Value) -> Value + Send>;

pub struct TestClient {
    writer: Arc<AsyncMutex<WriteHalf<DuplexStream>>>,
    next_id: i64,
    pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    notifications: mpsc::UnboundedReceiver<Value>,
    /// Every server-to-client request, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    responder: Arc<Mutex<Responder>>,
    server: Option<JoinHandle<bool>>,
}

/// What a client answers when the test does not say otherwise.
pub fn default_response(method: &str, params: &Value) -> Value {
    match method {
        "workspace/configuration" => {
            let items = params["items"].as_array().map_or(0, Vec::len);
            Value::Array(vec![Value::Null; items])
        }
        "workspace/applyEdit" => json!({ "applied": true }),
        _ => Value::Null,
    }
}

impl TestClient {
    pub fn start() -> Self {
        Self::with_options(py3port_lsp::Options::default())
    }

    pub fn with_options(options: py3port_lsp::Options) -> Self {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        let server = tokio::spawn(py3port_lsp::serve(server_read, server_write, options));
        let (client_read, client_write) = tokio::io::split(client_side);
        let writer = Arc::new(AsyncMutex::new(client_write));
        let pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>> = Arc::default();
        let server_requests: Arc<Mutex<Vec<Value>>> = Arc::default();
        let responder: Arc<Mutex<Responder>> = Arc::new(Mutex::new(Box::new(default_response)));
        let (notify, notifications) = mpsc::unbounded_channel();
        {
            let writer = writer.clone();
            let pending = pending.clone();
            let server_requests = server_requests.clone();
            let responder = responder.clone();
            tokio::spawn(async move {
                let mut reader = BufReader::new(client_read);
                while let Some(message) = read_message(&mut reader).await {
                    let method = message.get("method").and_then(Value::as_str).map(str::to_owned);
                    match (method, message.get("id")) {
                        (Some(method), Some(id)) => {
                            server_requests.lock().unwrap().push(message.clone());
                            let result = (responder.lock().unwrap())(&method, &message["params"]);
                            let response = json!({ "jsonrpc": "2.0", "id": id, "result": result });
                            write_message(&mut *writer.lock().await, &response).await;
                        }
                        (Some(_), None) => {
                            let _ = notify.send(message);
                        }
                        (None, Some(id)) => {
                            let id = id.as_i64().expect("numeric ids");
                            if let Some(waiter) = pending.lock().unwrap().remove(&id) {
                                let _ = waiter.send(message);
                            }
                        }
                        (None, None) => panic!("not a JSON-RPC message: {message}"),
                    }
                }
            });
        }
        TestClient { writer, next_id: 1, pending, notifications, server_requests, responder, server: Some(server) }
    }

    /// Replaces how server-to-client requests are answered.
    pub fn respond_with(&self, responder: impl Fn(&str, &Value) -> Value + Send + 'static) {
        *self.responder.lock().unwrap() = Box::new(responder);
    }

    /// Sends a request and returns a future of the whole response (`result` or `error`).
    pub async fn send_request(&mut self, method: &str, params: Value) -> (i64, oneshot::Receiver<Value>) {
        let id = self.next_id;
        self.next_id += 1;
        let (sender, receiver) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, sender);
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        write_message(&mut *self.writer.lock().await, &message).await;
        (id, receiver)
    }

    /// Sends a request and waits for its response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let (_, receiver) = self.send_request(method, params).await;
        tokio::time::timeout(PATIENCE, receiver).await.expect("the server answers").expect("a response")
    }

    /// The `result` of a request that must succeed.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        write_message(&mut *self.writer.lock().await, &message).await;
    }

    /// The next notification with `method`, skipping others (log messages and the like).
    pub async fn notification(&mut self, method: &str) -> Value {
        self.notification_where(method, |_| true).await
    }

    pub async fn notification_where(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = tokio::time::timeout(PATIENCE, self.notifications.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} notification"))
                .expect("the server is running");
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.notification_where("textDocument/publishDiagnostics", |params| {
            params["uri"] == uri && params["version"] == version
        })
        .await
    }

    /// Asks `debugInformation` until `ready` accepts it: for effects of spawned tasks (a
    /// request to the client, the folder scan) that nothing else announces. The deadline
    /// is a failsafe, not part of the assertion.
    pub async fn debug_information_when(&mut self, uri: Option<&str>, ready: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        let arguments = uri.map_or_else(|| json!([]), |uri| json!([{ "uri": uri }]));
        loop {
            let params = json!({ "command": "py3port.debugInformation", "arguments": arguments });
            let info = self.call("workspace/executeCommand", params).await.as_str().unwrap().to_owned();
            if ready(&info) {
                return info;
            }
            assert!(tokio::time::Instant::now() < deadline, "never ready: {info}");
            tokio::task::yield_now().await;
        }
    }

    /// `initialize` then `initialized`.
    pub async fn initialize(&mut self, params: Value) -> Value {
        let result = self.call("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        let item = json!({ "uri": uri, "languageId": "python", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": item })).await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let document = json!({ "uri": uri, "version": version });
        self.notify("textDocument/didChange", json!({ "textDocument": document, "contentChanges": changes })).await;
    }

    /// `shutdown`, `exit`, and whether the server reports a clean exit.
    pub async fn stop(mut self) -> bool {
        self.call("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        let server = self.server.take().expect("running");
        tokio::time::timeout(PATIENCE, server).await.expect("the server exits").expect("no panic")
    }

    /// `exit` without `shutdown`.
    pub async fn exit_abruptly(mut self) -> bool {
        self.notify("exit", Value::Null).await;
        let server = self.server.take().expect("running");
        tokio::time::timeout(PATIENCE, server).await.expect("the server exits").expect("no panic")
    }
}

async fn read_message<R: tokio::io::AsyncBufRead + Unpin>(reader: &mut R) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

async fn write_message<W: tokio::io::AsyncWrite + Unpin>(writer: &mut W, message: &Value) {
    let body = serde_json::to_string(message).unwrap();
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    writer.write_all(frame.as_bytes()).await.expect("the server reads");
    writer.flush().await.unwrap();
}

/// Client capabilities of a modern editor: pushed diagnostics, versioned edits, resolve,
/// configuration, file watching.
pub fn capabilities(encodings: &[&str], pull: bool) -> Value {
    let mut capabilities = json!({
        "general": { "positionEncodings": encodings },
        "workspace": {
            "applyEdit": true,
            "configuration": true,
            "workspaceEdit": { "documentChanges": true },
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "diagnostics": { "refreshSupport": true }
        },
        "textDocument": {
            "publishDiagnostics": { "versionSupport": true },
            "codeAction": {
                "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "source"] } },
                "isPreferredSupport": true,
                "dataSupport": true,
                "resolveSupport": { "properties": ["edit"] }
            }
        }
    });
    if pull {
        capabilities["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    }
    capabilities
}

/// `initialize` parameters for a folder.
pub fn init_params(capabilities: Value, folder: Option<&str>, options: Value) -> Value {
    let folders = folder.map(|uri| json!([{ "uri": uri, "name": "app" }]));
    json!({
        "processId": null,
        "clientInfo": { "name": "py3port-tests", "version": "1" },
        "capabilities": capabilities,
        "workspaceFolders": folders,
        "initializationOptions": options,
    })
}

/// The `file://` URI of a path.
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// Applies LSP text edits (UTF-16 or UTF-8 positions) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let mut start = 0;
        for _ in 0..line {
            match text[start..].find('\n') {
                Some(at) => start += at + 1,
                None => return text.len(),
            }
        }
        let mut units = 0;
        for (at, ch) in text[start..].char_indices() {
            if units >= character || ch == '\n' || ch == '\r' {
                return start + at;
            }
            units += if utf8 { ch.len_utf8() } else { ch.len_utf16() };
        }
        text.len()
    };
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| (offset(&edit["range"]["start"]), offset(&edit["range"]["end"]), edit["newText"].as_str().unwrap()))
        .collect();
    ranges.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = text.to_owned();
    for (start, end, new) in ranges.into_iter().rev() {
        out.replace_range(start..end, new);
    }
    out
}

/// The edits of a workspace edit for one document, and their version.
pub fn document_edits(edit: &Value) -> (Option<i64>, Vec<Value>) {
    let change = &edit["documentChanges"][0];
    (change["textDocument"]["version"].as_i64(), change["edits"].as_array().cloned().unwrap_or_default())
}

/// The codes of published diagnostics.
pub fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Replaces a temporary directory in snapshots.
pub fn redact(value: &Value, directory: &std::path::Path) -> String {
    serde_json::to_string_pretty(value).unwrap().replace(&directory.display().to_string(), "[TMP]")
}
