//! Panics as JavaScript errors. WebAssembly has no unwinding here (`panic = abort`), so a
//! panic cannot be caught in Rust: the hook throws a JavaScript `Error` instead of
//! trapping, with the panic's message behind [`PANIC_PREFIX`]. The instance is not
//! usable after that (its panic count and borrow flags stay set), so the npm package
//! recognises the prefix, or a `WebAssembly.RuntimeError` for a trap, and instantiates
//! the module afresh before rethrowing (`npm/py3port/src/core.ts`).

/// What a panic's error message starts with; the npm package looks for it.
pub const PANIC_PREFIX: &str = "py3port panicked: ";

/// Installs the hook. Idempotent: the module's start function calls it once.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("{PANIC_PREFIX}{info}");
        #[cfg(target_arch = "wasm32")]
        wasm_bindgen::throw_str(&message);
        #[cfg(not(target_arch = "wasm32"))]
        eprintln!("{message}");
    }));
}
