//! Typing latency of the language server, never run as a test.
//!
//! `cargo bench -p py3port-lsp --bench keystrokes` builds a 10,000-line Python 2 file from
//! `examples/legacy_app`, opens it in the real server (in process, over in-memory pipes,
//! with a minimal client), types one character into an identifier at 40 positions spread
//! through the file, and times each from writing the `didChange` to reading the
//! `publishDiagnostics` of that version (the server has no debounce). It prints the
//! median, p95 and worst, a full parse and a full check of the file for comparison, and
//! the memory each open document of that size takes (resident set growth over ten open
//! copies, on Linux).

use std::time::{Duration, Instant};

use py3port_core::{FileContext, Settings};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};

const LINES: usize = 10_000;
const KEYSTROKES: usize = 40;
const COPIES: usize = 10;

/// The sample application's modules, repeated to `LINES` lines.
fn python2_file() -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/legacy_app/inventory");
    let mut modules = String::new();
    for name in ["models.py", "storage.py", "cli.py", "remote.py"] {
        let bytes = std::fs::read(format!("{root}/{name}")).expect("the sample application");
        // One module declares latin-1 in a coding cookie: decode as Python does.
        let source = py3port_cli::source::decode(&bytes).expect("a decodable module");
        modules.push_str(&source.text);
        modules.push('\n');
    }
    let mut lines: Vec<&str> = Vec::new();
    while lines.len() < LINES {
        lines.extend(modules.lines());
    }
    // End at a blank line or a top-level statement so that the file stays valid.
    lines.truncate(LINES);
    while lines.last().is_some_and(|line| line.starts_with([' ', '\t'])) {
        lines.pop();
        lines.push("");
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

struct Client {
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
}

impl Client {
    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer.write_all(frame.as_bytes()).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// The next message, with the instant its last byte was read (before JSON parsing).
    async fn receive(&mut self) -> (Instant, Value) {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.reader.read_line(&mut line).await.unwrap() > 0, "server closed");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length:") {
                length = value.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).await.unwrap();
        let arrived = Instant::now();
        (arrived, serde_json::from_slice(&body).unwrap())
    }

    /// Waits for the diagnostics of `uri` at `version`; returns when they arrived and how
    /// many there were.
    async fn diagnostics(&mut self, uri: &str, version: i64) -> (Instant, usize) {
        loop {
            let (arrived, message) = self.receive().await;
            let params = &message["params"];
            if message["method"] == "textDocument/publishDiagnostics"
                && params["uri"] == uri
                && params["version"] == version
            {
                return (arrived, params["diagnostics"].as_array().map_or(0, Vec::len));
            }
        }
    }

    async fn open(&mut self, uri: &str, text: &str) -> usize {
        let item = json!({ "uri": uri, "languageId": "python", "version": 1, "text": text });
        self.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": item } }))
            .await;
        self.diagnostics(uri, 1).await.1
    }
}

/// Python 2's keywords (and `print` and `exec`): typing into them is not typing into an
/// identifier.
const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else", "except", "exec", "finally",
    "for", "from", "global", "if", "import", "in", "is", "lambda", "not", "or", "pass", "print", "raise", "return",
    "try", "while", "with", "yield", "None", "True", "False",
];

/// 40 positions spread evenly through the file, each inside an identifier (after its
/// first letter), outside comments and strings.
fn keystroke_positions(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut positions = Vec::new();
    for index in 0..KEYSTROKES {
        let mut line = index * LINES / KEYSTROKES + 3;
        'search: loop {
            let content = lines[line];
            let code = content.split(['#', '\'', '"']).next().unwrap_or("");
            let mut column = 0;
            for word in code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                let starts_with_letter = word.starts_with(|c: char| c.is_ascii_alphabetic());
                if word.len() >= 2 && starts_with_letter && !KEYWORDS.contains(&word) {
                    positions.push((line, column + 1));
                    break 'search;
                }
                column += word.len() + 1;
            }
            line += 1;
        }
    }
    positions
}

/// Resident memory of this process in bytes (Linux), `None` elsewhere.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let rank = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Median time of `runs` runs of `f`.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let text = python2_file();
    let (client_side, server_side) = tokio::io::duplex(1 << 22);
    let (server_read, server_write) = tokio::io::split(server_side);
    tokio::spawn(py3port_lsp::serve(server_read, server_write, py3port_lsp::Options::default()));
    let (client_read, writer) = tokio::io::split(client_side);
    let mut client = Client { reader: BufReader::new(client_read), writer };
    let capabilities = json!({ "general": { "positionEncodings": ["utf-16"] }, "textDocument": { "publishDiagnostics": { "versionSupport": true } } });
    client
        .send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": capabilities } }))
        .await;
    client.receive().await;
    client.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} })).await;

    let uri = "file:///bench/legacy.py";
    let diagnostics = client.open(uri, &text).await;
    println!("file: {LINES} lines, {} bytes, {diagnostics} diagnostics", text.len());

    let positions = keystroke_positions(&text);

    let mut latencies = Vec::new();
    for (keystroke, (line, column)) in positions.iter().enumerate() {
        let version = keystroke as i64 + 2;
        let at = json!({ "line": line, "character": column });
        let change = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": at, "end": at }, "text": "x" }],
            },
        });
        let sent = Instant::now();
        client.send(change).await;
        let (arrived, _) = client.diagnostics(uri, version).await;
        latencies.push(arrived - sent);
    }
    latencies.sort();
    let median = percentile(&latencies, 0.5);
    println!(
        "keystroke to publishDiagnostics ({KEYSTROKES} keystrokes): median {:.2} ms, p95 {:.2} ms, worst {:.2} ms",
        ms(median),
        ms(percentile(&latencies, 0.95)),
        ms(*latencies.last().unwrap())
    );

    // The same keystrokes on the core's document alone, for where the time goes.
    let mut document = py3port_core::Document::new(text.clone(), Settings::default(), FileContext::default());
    let mut core = Vec::new();
    let mut full_walks = 0;
    for (line, column) in &positions {
        let index = document.line_index();
        let offset = index.line_start(u32::try_from(*line).unwrap()) + u32::try_from(*column).unwrap();
        let start = Instant::now();
        document.edit(&[(py3port_core::TextRange::empty(offset), "x")]);
        core.push(start.elapsed());
        // A keystroke that changes the module context re-walks every statement.
        if document.last_walked() > 100 {
            full_walks += 1;
        }
    }
    core.sort();
    println!(
        "of which Document::edit (re-parse and re-analysis in the core): median {:.2} ms, p95 {:.2} ms, worst {:.2} ms; \
         {full_walks} of {KEYSTROKES} keystrokes re-walked the whole file",
        ms(percentile(&core, 0.5)),
        ms(percentile(&core, 0.95)),
        ms(*core.last().unwrap())
    );

    let parse = median_of(9, || {
        std::hint::black_box(py3port_core::parse(&text));
    });
    let check = median_of(5, || {
        std::hint::black_box(py3port_core::check(&text, &Settings::default(), &FileContext::default()));
    });
    println!(
        "full parse of the file: {:.2} ms (median keystroke is {:.2} of it); full check: {:.2} ms",
        ms(parse),
        median.as_secs_f64() / parse.as_secs_f64(),
        ms(check)
    );

    // Memory: open more copies and see the resident set grow.
    let before = resident_bytes();
    for copy in 0..COPIES {
        client.open(&format!("file:///bench/copy{copy}.py"), &text).await;
    }
    match (before, resident_bytes()) {
        (Some(before), Some(after)) => {
            let per_document = after.saturating_sub(before) as f64 / COPIES as f64;
            println!(
                "memory per open document: {:.1} MB ({:.0} times the {} KB file), over {COPIES} copies",
                per_document / 1e6,
                per_document / text.len() as f64,
                text.len() / 1000
            );
        }
        _ => println!("memory per open document: not measured (needs /proc/self/status)"),
    }
}
