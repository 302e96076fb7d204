//! The native side of `scripts/bench-wasm`: times `py3port_core::check` on each file given,
//! the same work the npm package's `analyze()` does in WebAssembly, and prints one line of
//! JSON per file (median and minimum milliseconds over the runs). Never run as a test.
//!
//! `cargo bench -p py3port-wasm --bench native -- FILE... [--runs N]`

use std::time::Instant;

use py3port_core::{FileContext, Settings};

fn main() {
    let mut runs = 20;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs takes a number"),
            // `cargo bench` passes `--bench`.
            flag if flag.starts_with("--") => {}
            file => files.push(file.to_owned()),
        }
    }
    let settings = Settings::default();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_else(|error| panic!("cannot read {file}: {error}"));
        let mut diagnostics = 0;
        for _ in 0..3 {
            diagnostics = py3port_core::check(&source, &settings, &FileContext::default()).diagnostics.len();
        }
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let analysis = py3port_core::check(&source, &settings, &FileContext::default());
                std::hint::black_box(analysis);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"file\": {file:?}, \"bytes\": {}, \"diagnostics\": {diagnostics}, \"medianMs\": {:.3}, \"minMs\": {:.3}}}",
            source.len(),
            times[times.len() / 2],
            times[0]
        );
    }
}
