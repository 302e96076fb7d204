//! `py3port-lsp`: the language server on standard input and output.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut options = py3port_lsp::Options::default();
    for argument in std::env::args().skip(1) {
        match argument.as_str() {
            // Clients pass `--stdio`; it is the only transport.
            "--stdio" => {}
            "--version" | "-V" => {
                println!("py3port-lsp {}", py3port_core::VERSION);
                return ExitCode::SUCCESS;
            }
            "--help" | "-h" => {
                println!("py3port-lsp: py3port's language server, on standard input and output.\n");
                println!("Usage: py3port-lsp [--stdio]\n\nSettings precedence: {}", py3port_lsp::PRECEDENCE);
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("py3port-lsp: unknown argument `{other}` (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    options.debug_commands = std::env::var_os("PY3PORT_LSP_DEBUG_COMMANDS").is_some();
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("py3port-lsp: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let clean = runtime.block_on(py3port_lsp::serve(tokio::io::stdin(), tokio::io::stdout(), options));
    // Standard input is read on a blocking thread that would hold up the runtime's
    // shutdown, so leave without waiting for it.
    std::process::exit(if clean { 0 } else { 1 });
}
