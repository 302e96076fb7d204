//! The language server under load, never run as a test: memory and diagnostic latency
//! with 200 open documents under rapid incremental edits, and the memory of a client
//! that never reads. Linux only (it reads `/proc/<pid>/status`).
//!
//! `cargo bench -p py3port-lsp --bench load` starts the real binary, opens 200 Python 2
//! documents of about 300 lines each, then sends 20 rounds of one edit to every document
//! as fast as it can write, and times each edit from writing its `didChange` to reading
//! a `publishDiagnostics` of that version or a later one (the server publishes only a
//! document's newest version). It prints p50, p95 and worst latency, and the server's
//! resident set (`VmRSS`, and the peak `VmHWM`) after opening and at the end. Then a
//! second server gets up to 20,000 edits from a client that never reads its output, and
//! the resident set is sampled as they go (the edits the server accepted before its input
//! stopped being read, and its resident set, every half second for five seconds).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const DOCUMENTS: usize = 200;
const ROUNDS: usize = 20;

fn document(at: usize) -> String {
    let block = "import urllib2\n\nclass Store%:\n    def get(self, key):\n        if self.data.has_key(key):\n            print 'hit', key\n        return self.data[key]\n\n    def items(self):\n        for k, v in self.data.iteritems():\n            yield k, v\n\nfor i in xrange(10):\n    print i\n\n";
    block.replace('%', &at.to_string()).repeat(20)
}

fn start() -> (Child, ChildStdin) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_py3port-lsp"))
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let stdin = child.stdin.take().unwrap();
    (child, stdin)
}

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// `(VmRSS, VmHWM)` in MiB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn change(uri: &str, version: i64, line: usize) -> Value {
    let range = json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } });
    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": uri, "version": version },
        "contentChanges": [{ "range": range, "text": "print 'edit'\n" }] } })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn load() {
    let (mut child, mut stdin) = start();
    let pid = child.id();
    let stdout = child.stdout.take().unwrap();
    // (uri, version, when read) of every publication; responses by id.
    let (events, received) = mpsc::channel::<(String, i64, Instant)>();
    let (responses, answered) = mpsc::channel::<i64>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(message) = read_message(&mut reader) {
            if message["method"] == "textDocument/publishDiagnostics" {
                let params = &message["params"];
                let uri = params["uri"].as_str().unwrap_or_default().to_owned();
                let _ = events.send((uri, params["version"].as_i64().unwrap_or(0), Instant::now()));
            } else if let Some(id) = message["id"].as_i64() {
                let _ = responses.send(id);
            }
        }
    });
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": {} } }),
    );
    answered.recv().unwrap();
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let uri = |at: usize| format!("file:///load/module_{at}.py");
    let opened = Instant::now();
    for at in 0..DOCUMENTS {
        let item = json!({ "uri": uri(at), "languageId": "python", "version": 1, "text": document(at) });
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": item } }),
        );
    }
    let mut latest: HashMap<String, i64> = HashMap::new();
    let mut log: Vec<(String, i64, Instant)> = Vec::new();
    while latest.len() < DOCUMENTS {
        let (uri, version, at) = received.recv().unwrap();
        latest.insert(uri.clone(), version);
        log.push((uri, version, at));
    }
    let open_time = opened.elapsed();
    let (rss_open, _) = memory(pid);
    let mut sent: Vec<(String, i64, Instant)> = Vec::new();
    let started = Instant::now();
    for round in 0..ROUNDS {
        let version = round as i64 + 2;
        for at in 0..DOCUMENTS {
            send(&mut stdin, &change(&uri(at), version, (round * 7 + at) % 250));
            sent.push((uri(at), version, Instant::now()));
        }
    }
    let last = ROUNDS as i64 + 1;
    while latest.values().filter(|&&v| v == last).count() < DOCUMENTS {
        let (uri, version, at) = received.recv().unwrap();
        latest.insert(uri.clone(), version);
        log.push((uri, version, at));
    }
    let total = started.elapsed();
    let (rss_end, hwm) = memory(pid);
    let mut latencies: Vec<Duration> = sent
        .iter()
        .map(|(uri, version, when)| {
            let published = log
                .iter()
                .filter(|(u, v, at)| u == uri && v >= version && at >= when)
                .map(|(_, _, at)| *at)
                .min()
                .expect("a publication of that version or a later one");
            published - *when
        })
        .collect();
    latencies.sort();
    println!("{DOCUMENTS} documents of {} bytes opened and analysed in {open_time:.2?}", document(0).len());
    println!(
        "{} edits ({ROUNDS} rounds, one per document, sent back to back) in {total:.2?}; publications: {}",
        sent.len(),
        log.len()
    );
    println!(
        "diagnostic latency: p50 {:.1?}, p95 {:.1?}, worst {:.1?}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        latencies.last().unwrap()
    );
    println!("resident set: {rss_open:.0} MiB after opening, {rss_end:.0} MiB at the end, peak {hwm:.0} MiB");
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    answered.recv().unwrap();
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "method": "exit" }));
    let _ = child.wait();
}

fn never_reading_client() {
    let (mut child, mut stdin) = start();
    let pid = child.id();
    // Held open, never read.
    let _stdout = child.stdout.take().unwrap();
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": {} } }),
    );
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let uri = "file:///never/read.py";
    let item = json!({ "uri": uri, "languageId": "python", "version": 1, "text": document(0) });
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": item } }),
    );
    // The writes may block (back-pressure): write from a thread and watch its progress.
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let progress = sent.clone();
    std::thread::spawn(move || {
        for version in 2..20_002i64 {
            let message = change(uri, version, (version as usize * 7) % 250);
            let body = message.to_string();
            if write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).is_err() {
                return;
            }
            progress.store(version as usize - 1, std::sync::atomic::Ordering::SeqCst);
        }
        // Keep the input open: its end would stop the server.
        std::thread::sleep(Duration::from_secs(60));
        drop(stdin);
    });
    print!("never-reading client (edits accepted by the server's input, resident set):");
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(500));
        print!(" {} / {:.0} MiB;", sent.load(std::sync::atomic::Ordering::SeqCst), memory(pid).0);
    }
    println!();
    let _ = child.kill();
    let _ = child.wait();
}

fn main() {
    if !cfg!(target_os = "linux") {
        println!("load: Linux only");
        return;
    }
    load();
    never_reading_client();
}
