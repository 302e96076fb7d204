//! py3port's benchmarks. `check`: throughput of `py3port check` over a directory of real
//! Python, per phase (decode, parse, walk and rules, output), as a ratio to tree-sitter's
//! bare parse of the same files in the same run. Single-threaded, so that the phases add
//! up; the files are read into memory first. Run in release mode:
//!
//! ```text
//! cargo run --release -p py3port-bench -- check /path/to/python/sources [--iterations 5]
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
    diagnostics: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("dialects") {
        dialects(&args[1..]);
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
        drop(tree);

        let start = Instant::now();
        let parsed = parse(&source.text);
        phases.parse += start.elapsed();

        let start = Instant::now();
        let analysis = check_parsed(&source.text, parsed, settings, &rules, &context);
        phases.walk += start.elapsed();

        let start = Instant::now();
        let index = LineIndex::new(&source.text);
        let dialect = Some(analysis.dialect.dialect.as_str());
        let messages: Vec<Message> =
            analysis.diagnostics.into_iter().map(|d| Message::new(path, &source.text, &index, d, dialect)).collect();
        phases.diagnostics += messages.len();
        let context = output::Context { files: &[], unsafe_fixes: false, show_fix_summary: false };
        sink.clear();
        output::emit(OutputFormat::Json, &messages, &context, &mut sink).expect("writing to memory");
        phases.output += start.elapsed();
    }
    phases
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
