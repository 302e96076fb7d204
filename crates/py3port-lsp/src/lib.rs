//! py3port's language server: Python 2 constructs that break on Python 3, underlined,
//! explained and fixed in any editor that speaks LSP.
//!
//! Structure: `ordered.rs` is the service the transport calls; it queues document and
//! settings notifications to the single owner of the state (`actor.rs`, a thread running
//! `state.rs`) in message order, and `server.rs` forwards requests to the same owner.
//! All analysis goes through `py3port_core::Document`; `convert.rs` is the only place that
//! knows LSP positions, `settings.rs` where settings come from, `actions.rs` the code
//! actions, `hover.rs` the rule documentation on suppression comments (found by
//! `comments.rs`), `workspace.rs` the background scan of a folder's dialect,
//! `watchdog.rs` the exit when the editor dies, `panic.rs` panics as error responses,
//! `framing.rs` malformed input as error responses, `output.rs` the one writer of the
//! output, where the diagnostics the server serializes itself join the transport's
//! messages.

mod actions;
mod actor;
mod comments;
mod convert;
mod framing;
mod hover;
mod ordered;
mod output;
mod panic;
mod server;
mod settings;
mod state;
mod watchdog;
mod workspace;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use crate::panic::install_hook as install_panic_hook;
pub use crate::settings::PRECEDENCE;

/// How long the server still tries to write its output once its input has ended.
const OUTPUT_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// How long `serve` waits for the state thread to finish its last tasks.
const STATE_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// How the server runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Offer `py3port.debug.panic`, a command that panics, for tests of the panic guard.
    /// The binary turns it on when `PY3PORT_LSP_DEBUG_COMMANDS` is set.
    pub debug_commands: bool,
}

/// Serves one client over `input` and `output` until `exit` or the end of the input.
/// Returns whether the client asked for `shutdown` first (the exit code is 0 only then).
/// Must run inside a Tokio runtime.
pub async fn serve<I, O>(input: I, output: O, options: Options) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    install_panic_hook();
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (transport_frames, frames, queued) = output::queues();
    let (transport_output, transport_written) = tokio::io::duplex(64 * 1024);
    tokio::spawn(output::split(transport_written, transport_frames));
    let state_thread = actor::StateThread::default();
    let slot = state_thread.clone();
    let (service, socket) = LspService::new(move |client| server::Backend::new(client, options, flag, frames, &slot));
    let (input, input_ended) = framing::repair(input);
    let server = Server::new(input, transport_output, socket).serve(ordered::Ordered::new(service));
    // The session ends when the transport has stopped and its last messages are written.
    let session = async {
        tokio::join!(server, output::write(output, queued));
    };
    // After the input ends, the transport still waits to write what it has queued; a
    // client that closed its end without reading would hold the server forever (a full
    // output pipe). Leave after a grace period instead.
    let abandoned = async {
        if input_ended.await.is_ok() {
            tokio::time::sleep(OUTPUT_GRACE).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = session => {}
        () = abandoned => {}
    }
    // With the service gone, the state thread has no more work: wait for it, so that the
    // server has stopped when `serve` returns. The wait is bounded, should a task still
    // hold a handle to the state, and polls rather than blocks, so that nothing of the
    // caller's runtime waits on the thread afterwards.
    let thread = state_thread.lock().ok().and_then(|mut slot| slot.take());
    if let Some(thread) = thread {
        let deadline = tokio::time::Instant::now() + STATE_GRACE;
        while !thread.is_finished() && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
    shut_down.load(Ordering::SeqCst)
}
