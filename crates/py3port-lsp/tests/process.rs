//! The binary as editors start it: exit codes after `shutdown`/`exit`, exiting when the
//! editor process named in `initialize` dies, and surviving malformed input.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A failsafe only: a server that never exits fails the test instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(60);

struct Server {
    child: Child,
    /// `None` once closed.
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn start() -> Self {
        Self::start_with(&mut Command::new(env!("CARGO_BIN_EXE_py3port-lsp")), Stdio::null())
    }

    fn start_with(command: &mut Command, stderr: Stdio) -> Self {
        let mut child = command
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Server { child, stdin, stdout }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("input open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("input open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Reads messages until the response to `id`.
    fn response(&mut self, id: i64) -> Value {
        self.messages_until(id).pop().unwrap()
    }

    /// Reads messages up to and including the response to `id`.
    fn messages_until(&mut self, id: i64) -> Vec<Value> {
        let mut messages = Vec::new();
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the server closed its output");
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(value) = line.strip_prefix("Content-Length:") {
                    length = value.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            self.stdout.read_exact(&mut body).unwrap();
            let message: Value = serde_json::from_slice(&body).unwrap();
            let done = message["id"] == id && message.get("method").is_none();
            messages.push(message);
            if done {
                return messages;
            }
        }
    }

    fn initialize(&mut self, process_id: Option<u32>) {
        self.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": process_id, "capabilities": {} } }));
        assert!(self.response(1)["result"]["capabilities"].is_object());
        self.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    }

    fn wait(mut self) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if started.elapsed() > PATIENCE {
                self.child.kill().unwrap();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn shutdown_then_exit_exits_with_0() {
    let mut server = Server::start();
    server.initialize(None);
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(server.response(2)["result"], Value::Null);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.wait().code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut server = Server::start();
    server.initialize(None);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.wait().code(), Some(1));
}

#[test]
fn closed_input_ends_the_server() {
    let mut server = Server::start();
    server.initialize(None);
    server.stdin = None;
    assert_eq!(server.wait().code(), Some(1));
}

/// Malformed input costs one error response each (JSON-RPC's `-32700` or `-32600`, id
/// `null`), never the session: the transport underneath stops reading after its first
/// decoding error, so `framing.rs` must catch every kind of it.
#[test]
fn malformed_messages_are_answered_and_the_session_goes_on() {
    let mut server = Server::start();
    server.initialize(None);
    let frame = |body: &[u8]| [format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(), body].concat();
    server.send_raw(&frame(br#"{"jsonrpc":"2.0","id":7,"method":"#)); // not JSON
    server.send_raw(&frame(br#"{"hello":"world"}"#)); // not JSON-RPC
    server.send_raw(&frame(b"\xff\xfe{}")); // not UTF-8
    server.send_raw(b"Content-Length: twelve\r\n\r\n"); // a bad header
    server.send_raw(b"some garbage between messages\r\n");
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "no/suchMethod" }));
    let messages = server.messages_until(2);
    let errors: Vec<i64> = messages
        .iter()
        .filter(|message| message["id"].is_null() && message.get("method").is_none())
        .map(|message| message["error"]["code"].as_i64().unwrap())
        .collect();
    assert_eq!(errors, [-32700, -32600, -32700, -32700, -32700], "{messages:#?}");
    assert_eq!(messages.last().unwrap()["error"]["code"], -32601, "an unknown method is answered as such");
    server.send(json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }));
    assert_eq!(server.response(3)["result"], Value::Null);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.wait().code(), Some(0));
}

/// A panic in a handler is an error response and one line on standard error, and the
/// server goes on to a clean exit.
#[test]
fn a_panic_is_one_log_line_and_an_error_response() {
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_py3port-lsp"));
    command.env("PY3PORT_LSP_DEBUG_COMMANDS", "1");
    let mut server = Server::start_with(&mut command, log.reopen().unwrap().into());
    server.initialize(None);
    let panic = json!({ "command": "py3port.debug.panic" });
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": panic }));
    let response = server.response(2);
    assert_eq!(response["error"]["code"], -32603, "{response}");
    server.send(json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }));
    assert_eq!(server.response(3)["result"], Value::Null);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.wait().code(), Some(0));
    let stderr = std::fs::read_to_string(log.path()).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with(
            "py3port-lsp: internal error (panic) in workspace/executeCommand: deliberate panic for tests at "
        ),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn the_server_exits_when_the_editor_process_dies() {
    let mut editor = Command::new("sleep").arg("600").spawn().expect("a stand-in editor process");
    let mut server = Server::start();
    server.initialize(Some(editor.id()));
    // Alive editor: the server keeps answering.
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": { "command": "py3port.debugInformation" } }));
    assert!(server.response(2)["result"].is_string());
    editor.kill().unwrap();
    editor.wait().unwrap();
    // The server's input stays open: only the watchdog can end it.
    assert_eq!(server.wait().code(), Some(1));
}
