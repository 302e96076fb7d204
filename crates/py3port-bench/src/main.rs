//! py3port's benchmarks. `check`: throughput of `py3port check` over a directory of real
//! Python, per phase (decode, parse, walk and rules, output), as a ratio to tree-sitter's
//! bare parse of the same files in the same run. Single-threaded, so that the phases add
//! up; the files are read into memory first. Run in release mode:
//!
//! ```text
//! cargo run --release -p py3port-bench -- check /path/to/python/sources [--iterations 5]
//! cargo run --release -p py3port-bench -- bare-parse /path/to/python/sources [--threads 2]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use py3port_cli::messages::Message;
use py3port_cli::output::{self, OutputFormat};
use py3port_core::{FileContext, LineIndex, Settings, check_parsed, parse};

struct Phases {
    decode: Duration,
    parse: Duration,
    walk: Duration,
    output: Duration,
    bare_parse: Duration,
    bare_walk: Duration,
    /// Freeing the bare parse's tree (the check's own tree is freed inside its walk phase).
    bare_free: Duration,
    diagnostics: usize,
}

/// The allocator `py3port` itself uses (mimalloc, which also serves tree-sitter's `malloc`),
/// so that the phases cost what they cost there: the bare parse as much as the check's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("dialects") {
        dialects(&args[1..]);
        return;
    }
    if args.first().map(String::as_str) == Some("document") {
        document();
        return;
    }
    if args.first().map(String::as_str) == Some("bare-parse") {
        bare_parse(&args[1..]);
        return;
    }
    if args.first().map(String::as_str) != Some("check") || args.len() < 2 {
        eprintln!("usage: py3port-bench check DIR... [--iterations N] [--select CODES]");
        std::process::exit(2);
    }
    let mut iterations = 5;
    let mut dirs = Vec::new();
    let mut settings = Settings::default();
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--iterations" => iterations = rest.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            "--select" => {
                let codes = rest.next().map(String::as_str).unwrap_or("ALL");
                let list = codes.split(',').map(|c| py3port_core::SettingValue::String(c.to_owned())).collect();
                settings.set("select", py3port_core::SettingValue::List(list)).expect("valid --select");
            }
            dir => dirs.push(PathBuf::from(dir)),
        }
    }
    let files = py3port_cli::files::discover(&dirs, &Settings::default(), false).expect("readable directories");
    let contents: Vec<(PathBuf, Vec<u8>)> =
        files.into_iter().filter_map(|path| std::fs::read(&path).ok().map(|bytes| (path, bytes))).collect();
    let bytes: usize = contents.iter().map(|(_, b)| b.len()).sum();
    let lines: usize = contents.iter().map(|(_, b)| b.iter().filter(|&&c| c == b'\n').count()).sum();
    println!(
        "corpus: {} files, {:.1} MB, {} lines; {iterations} iterations, single thread",
        contents.len(),
        bytes as f64 / 1e6,
        lines
    );

    let mut runs: Vec<Phases> = (0..iterations).map(|_| run_once(&contents, &settings)).collect();
    runs.sort_by_key(|p| p.decode + p.parse + p.walk + p.output);
    let median = &runs[runs.len() / 2];
    let total = median.decode + median.parse + median.walk + median.output;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let bare = ms(median.bare_parse);
    println!("diagnostics: {}", median.diagnostics);
    println!("{:<22} {:>10} {:>12}", "phase (median run)", "ms", "x bare parse");
    for (name, duration) in [
        ("decode", median.decode),
        ("parse (with recovery)", median.parse),
        ("walk and rules", median.walk),
        ("output (json)", median.output),
    ] {
        println!("{name:<22} {:>10.1} {:>12.3}", ms(duration), ms(duration) / bare);
    }
    println!("{:<22} {:>10.1} {:>12.3}", "check, total", ms(total), ms(total) / bare);
    println!("{:<22} {:>10.1} {:>12.3}", "bare tree-sitter parse", bare, 1.0);
    println!("{:<22} {:>10.1} {:>12.3}", "(bare cursor walk)", ms(median.bare_walk), ms(median.bare_walk) / bare);
    // `check` frees each file's tree in its walk phase; a bare parse that also frees its
    // tree is the like-for-like floor.
    let bare_and_free = bare + ms(median.bare_free);
    println!("{:<22} {:>10.1} {:>12.3}", "(freeing bare trees)", ms(median.bare_free), ms(median.bare_free) / bare);
    println!("check, total / (bare parse + freeing its tree): {:.3}", ms(total) / bare_and_free);
    // Each run measures both, file by file: its own ratio is the steadiest figure on a
    // machine whose speed drifts between runs.
    let mut ratios: Vec<f64> = runs
        .iter()
        .map(|p| (p.decode + p.parse + p.walk + p.output).as_secs_f64() / p.bare_parse.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    println!(
        "check, total / bare parse, run by run: median {:.3} (min {:.3}, max {:.3})",
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1]
    );
    println!(
        "throughput: {:.1} MB/s check, {:.1} MB/s bare parse",
        bytes as f64 / 1e6 / total.as_secs_f64(),
        bytes as f64 / 1e6 / median.bare_parse.as_secs_f64()
    );
}

fn run_once(contents: &[(PathBuf, Vec<u8>)], settings: &Settings) -> Phases {
    let rules = settings.resolve();
    let context = FileContext::default();
    let mut phases = Phases {
        decode: Duration::ZERO,
        parse: Duration::ZERO,
        walk: Duration::ZERO,
        output: Duration::ZERO,
        bare_parse: Duration::ZERO,
        bare_walk: Duration::ZERO,
        bare_free: Duration::ZERO,
        diagnostics: 0,
    };
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_python::LANGUAGE.into()).expect("grammar loads");
    let mut sink = Vec::new();
    for (path, bytes) in contents {
        let start = Instant::now();
        let Ok(source) = py3port_cli::source::decode(bytes) else { continue };
        phases.decode += start.elapsed();

        let start = Instant::now();
        let tree = parser.parse(&source.text, None);
        phases.bare_parse += start.elapsed();
        if let Some(tree) = &tree {
            let start = Instant::now();
            std::hint::black_box(bare_walk(tree));
            phases.bare_walk += start.elapsed();
        }
        let start = Instant::now();
        drop(tree);
        phases.bare_free += start.elapsed();

        let start = Instant::now();
        let parsed = parse(&source.text);
        phases.parse += start.elapsed();

        let start = Instant::now();
        let analysis = check_parsed(&source.text, parsed, settings, &rules, &context);
        phases.walk += start.elapsed();

        let start = Instant::now();
        // As `py3port check` does, a file with nothing to report has its lines left unindexed.
        let index = LineIndex::new(if analysis.diagnostics.is_empty() { "" } else { &source.text });
        let dialect = Some(analysis.dialect.dialect.as_str());
        let messages: Vec<Message> =
            analysis.diagnostics.into_iter().map(|d| Message::new(path, &source.text, &index, d, dialect)).collect();
        phases.diagnostics += messages.len();
        let context = output::Context { files: &[], unsafe_fixes: false, show_fix_summary: false, color: false };
        sink.clear();
        output::emit(OutputFormat::Json, &messages, &context, &mut sink).expect("writing to memory");
        phases.output += start.elapsed();
    }
    phases
}

/// `bare-parse DIR... [--threads N]`: the floor for `py3port check` on N cores: find the
/// files, read and decode them, and parse each with tree-sitter and nothing else, on N
/// threads (default 2). Prints the wall time of the parse alone and of the whole.
fn bare_parse(args: &[String]) {
    let mut threads = 2;
    let mut dirs = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--threads" => threads = rest.next().and_then(|n| n.parse().ok()).unwrap_or(2),
            dir => dirs.push(PathBuf::from(dir)),
        }
    }
    let start = Instant::now();
    let files = py3port_cli::files::discover(&dirs, &Settings::default(), false).expect("readable directories");
    let texts: Vec<String> = files
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .filter_map(|bytes| py3port_cli::source::decode(&bytes).ok())
        .map(|source| source.text)
        .collect();
    let read = start.elapsed();
    let parse_start = Instant::now();
    let nodes: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let texts = &texts;
                scope.spawn(move || {
                    let mut parser = tree_sitter::Parser::new();
                    parser.set_language(&tree_sitter_python::LANGUAGE.into()).expect("grammar loads");
                    texts
                        .iter()
                        .skip(worker)
                        .step_by(threads)
                        .filter_map(|text| parser.parse(text, None))
                        .map(|tree| tree.root_node().descendant_count())
                        .sum::<usize>()
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().expect("worker")).sum()
    });
    let parse = parse_start.elapsed();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("corpus: {} files, {:.1} MB, {nodes} nodes; {threads} threads", texts.len(), bytes as f64 / 1e6);
    println!("find, read and decode: {:.0} ms", read.as_secs_f64() * 1000.0);
    println!("bare parse, {threads} threads: {:.0} ms", parse.as_secs_f64() * 1000.0);
    println!("total: {:.0} ms", (read + parse).as_secs_f64() * 1000.0);
}

/// A pre-order cursor walk that only reads each node's kind: the floor for any analysis.
fn bare_walk(tree: &tree_sitter::Tree) -> usize {
    let mut cursor = tree.walk();
    let mut sum = 0usize;
    loop {
        sum = sum.wrapping_add(usize::from(cursor.node().kind_id()));
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return sum;
            }
        }
    }
}

/// Prints each file's dialect and the evidence for it (for checking the dialect logic on
/// a corpus).
fn dialects(dirs: &[String]) {
    let dirs: Vec<PathBuf> = dirs.iter().map(PathBuf::from).collect();
    let files = py3port_cli::files::discover(&dirs, &Settings::default(), false).expect("readable directories");
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(source) = py3port_cli::source::decode(&bytes) else { continue };
        let analysis = py3port_core::check(&source.text, &Settings::default(), &FileContext::default());
        let describe = |evidence: Option<py3port_core::Evidence>| {
            evidence.map_or_else(String::new, |e| {
                let line = LineIndex::new(&source.text).line_of(e.range.start()) + 1;
                format!("{} (line {line})", e.what)
            })
        };
        println!(
            "{}\t{}\tpy2: {}\tpy3: {}",
            path.display(),
            analysis.dialect.dialect.as_str(),
            describe(analysis.dialect.py2_evidence),
            describe(analysis.dialect.py3_evidence)
        );
    }
}

/// Times `Document::edit` for one character typed into identifiers of a 10,000-line file.
fn document() {
    const LINES: usize = 10_000;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/legacy_app/inventory");
    let mut modules = String::new();
    for name in ["models.py", "storage.py", "cli.py", "remote.py"] {
        let bytes = std::fs::read(format!("{root}/{name}")).expect("the sample application");
        let source = py3port_cli::source::decode(&bytes).expect("a decodable module");
        modules.push_str(&source.text);
        modules.push('\n');
    }
    let mut lines: Vec<&str> = Vec::new();
    while lines.len() < LINES {
        lines.extend(modules.lines());
    }
    lines.truncate(LINES);
    while lines.last().is_some_and(|line| line.starts_with([' ', '\t'])) {
        lines.pop();
        lines.push("");
    }
    let mut text = lines.join("\n");
    text.push('\n');
    // 40 positions, each just after the first letter of an identifier on a line spread
    // evenly through the file.
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).filter(|&i| i < text.len()).collect();
    let mut offsets = Vec::new();
    for k in 0..40 {
        let mut line = k * line_starts.len() / 40;
        while line < line_starts.len() {
            let start = line_starts[line];
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let content = &text[start..end];
            let found = content.char_indices().find(|(i, c)| {
                c.is_ascii_alphabetic() && content[..*i].chars().last().is_none_or(|p| !p.is_ascii_alphanumeric())
            });
            if let Some((i, _)) = found.filter(|_| !content.trim_start().starts_with(['#', '"', '\''])) {
                offsets.push(start + i + 1);
                break;
            }
            line += 1;
        }
    }
    let parsed = parse(&text);
    println!("recovery patches: {}, tree has errors: {}", parsed.patches.len(), parsed.tree.root_node().has_error());
    let started = Instant::now();
    let mut document = py3port_core::Document::new(text.clone(), Settings::default(), FileContext::default());
    let open = started.elapsed();
    let mut times = Vec::new();
    // Each earlier keystroke moved the later positions one byte on.
    for (shift, offset) in offsets.into_iter().enumerate() {
        let at = (offset + shift) as u32;
        let started = Instant::now();
        document.edit(&[(py3port_core::TextRange::empty(at), "x")]);
        times.push(started.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let parse = {
        let started = Instant::now();
        let _ = parse(document.text());
        started.elapsed()
    };
    println!(
        "{} lines, {} diagnostics; open (full check) {:.1} ms, full parse {:.1} ms",
        LINES,
        document.analysis().diagnostics.len(),
        ms(open),
        ms(parse)
    );
    println!(
        "Document::edit over {} keystrokes: median {:.1} ms, p95 {:.1} ms, worst {:.1} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100]),
        ms(times[times.len() - 1])
    );
}
