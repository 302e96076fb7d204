//! Panics in handlers: each becomes one log line and a JSON-RPC error, never a dead
//! server.
//!
//! The hook replaces Rust's multi-line report with a single line on standard error (which
//! editors keep in their language-server log): that is the panic's only log line. It also
//! remembers the message on the panicking thread, so that the code that catches the
//! unwind can put it in the error response.

use std::any::Any;
use std::cell::RefCell;
use std::sync::Once;

use tower_lsp_server::jsonrpc;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The message being handled on this thread, for the log line.
    static CURRENT: RefCell<Option<&'static str>> = const { RefCell::new(None) };
}

/// Names the message this thread handles from now on (the state owner sets it per task).
pub fn handling(method: &'static str) {
    CURRENT.with(|current| *current.borrow_mut() = Some(method));
}

/// Installs the hook, once per process.
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = payload_text(info.payload());
            let location = info.location().map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
            let line = format!("{message}{location}");
            let during = CURRENT.with(|current| current.borrow().map(|method| format!(" in {method}")));
            eprintln!("py3port-lsp: internal error (panic){}: {line}", during.unwrap_or_default());
            LAST.with(|last| *last.borrow_mut() = Some(line));
        }));
    });
}

/// The message of the panic just caught on this thread, with its location when the hook
/// recorded it.
pub fn caught_message(payload: &(dyn Any + Send)) -> String {
    LAST.with(|last| last.borrow_mut().take()).unwrap_or_else(|| payload_text(payload))
}

/// The JSON-RPC error for a handler that panicked.
pub fn error(method: &str, payload: &(dyn Any + Send)) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: format!("py3port-lsp: internal error in {method}: {}", caught_message(payload)).into(),
        data: None,
    }
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    }
}
