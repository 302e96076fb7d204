//! The single owner of all server state, and the two channels around it.
//!
//! Every document, setting and capability lives in one [`State`] on one thread. Handlers
//! never touch it: they send a task, and requests await the task's answer. Tasks run one
//! at a time in the order they were sent, so edits apply strictly in the order the client
//! sent them (document notifications are sent from `Service::call`, which the transport
//! invokes in message order; see `ordered.rs`). Analysis is CPU work, so the owner is an
//! OS thread rather than an async task.
//!
//! After each batch of queued tasks the owner publishes the diagnostics of the documents
//! that changed, at their newest version only: a version superseded by an edit already in
//! the queue is never published. Outgoing notifications go through one outbox task, so
//! they reach the client in the order the owner produced them.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::lsp_types::{LogMessageParams, MessageType, ShowMessageParams, Uri};

use crate::convert;
use crate::output::Frames;
use crate::panic;
use crate::state::State;

/// A unit of work on the state.
pub type Task = Box<dyn FnOnce(&mut State) + Send>;

/// Where the owner thread's handle is kept, for `serve` to wait for the thread at the end.
pub type StateThread = std::sync::Arc<std::sync::Mutex<Option<std::thread::JoinHandle<()>>>>;

/// A handle to the owner: cheap to clone, usable from any thread.
#[derive(Clone)]
pub struct Actor {
    tasks: mpsc::UnboundedSender<(&'static str, Task)>,
}

impl Actor {
    /// Starts the owner thread and the outbox task (on the current Tokio runtime); the
    /// thread's handle goes to `thread`.
    pub fn start(client: Client, options: crate::Options, frames: Frames, thread: &StateThread) -> Actor {
        let (tasks, inbox) = mpsc::unbounded_channel();
        let (outbox, outgoing) = mpsc::unbounded_channel();
        tokio::spawn(run_outbox(frames, outgoing));
        let state = State::new(client, tasks.downgrade(), Outbox(outbox), tokio::runtime::Handle::current(), options);
        let handle = std::thread::Builder::new()
            .name("py3port-lsp-state".to_owned())
            .spawn(move || run(state, inbox))
            .expect("the state thread starts");
        if let Ok(mut slot) = thread.lock() {
            *slot = Some(handle);
        }
        Actor { tasks }
    }

    /// Queues a change to the state.
    pub fn notify(&self, method: &'static str, task: impl FnOnce(&mut State) + Send + 'static) {
        // The owner only stops when every handle is gone, so this cannot fail while a
        // handler runs.
        let _ = self.tasks.send((method, Box::new(task)));
    }

    /// Runs `job` on the state and returns its answer. A request cancelled before its turn
    /// comes is skipped; a panic becomes an internal error.
    pub async fn request<T: Send + 'static>(
        &self,
        method: &'static str,
        job: impl FnOnce(&mut State) -> jsonrpc::Result<T> + Send + 'static,
    ) -> jsonrpc::Result<T> {
        let (reply, answer) = oneshot::channel();
        self.notify(method, move |state| {
            // `$/cancelRequest` drops the handler's future, and with it the receiver.
            if reply.is_closed() {
                return;
            }
            // The panic hook has written the one log line; the client gets the error.
            let result = catch_unwind(AssertUnwindSafe(|| job(state)))
                .unwrap_or_else(|payload| Err(panic::error(method, payload.as_ref())));
            let _ = reply.send(result);
        });
        answer.await.unwrap_or_else(|_| Err(jsonrpc::Error::internal_error()))
    }
}

/// The owner's loop: run every queued task, then publish what changed.
fn run(mut state: State, mut inbox: mpsc::UnboundedReceiver<(&'static str, Task)>) {
    while let Some(first) = inbox.blocking_recv() {
        let mut next = Some(first);
        // A panicking task has had its one log line from the panic hook; the state stays
        // usable (the core never leaves a document half-edited) and the loop goes on.
        while let Some((method, task)) = next {
            panic::handling(method);
            let _ = catch_unwind(AssertUnwindSafe(|| task(&mut state)));
            next = inbox.try_recv().ok();
        }
        panic::handling("publishing diagnostics");
        let _ = catch_unwind(AssertUnwindSafe(|| state.flush()));
    }
}

/// What the owner sends to the client, in order.
pub enum Outgoing {
    /// A `publishDiagnostics` notification, serialized (`convert::publish_frame`).
    Publish {
        uri: Uri,
        frame: Vec<u8>,
    },
    Log(MessageType, String),
    Show(MessageType, String),
}

/// The owner's side of the outbox.
#[derive(Clone)]
pub struct Outbox(mpsc::UnboundedSender<Outgoing>);

impl Outbox {
    pub fn send(&self, message: Outgoing) {
        let _ = self.0.send(message);
    }

    pub fn log(&self, kind: MessageType, message: String) {
        self.send(Outgoing::Log(kind, message));
    }

    pub fn show(&self, kind: MessageType, message: String) {
        self.send(Outgoing::Show(kind, message));
    }
}

/// Sends the owner's notifications one after the other, serialized here rather than by
/// the transport (see `output.rs`), so that they keep their order. Of several
/// publications for one document waiting together, only the last is sent. (Log and
/// show messages are sent before `initialized` too, as the transport's `Client` does.)
async fn run_outbox(frames: Frames, mut outgoing: mpsc::UnboundedReceiver<Outgoing>) {
    while let Some(first) = outgoing.recv().await {
        // Wait for room at the output before taking what else is waiting: publications
        // that queue up meanwhile replace the ones they supersede.
        let Ok(permit) = frames.reserve().await else { return };
        let mut permit = Some(permit);
        let mut batch = vec![first];
        while let Ok(more) = outgoing.try_recv() {
            batch.push(more);
        }
        let superseded: Vec<bool> = (0..batch.len())
            .map(|at| match &batch[at] {
                Outgoing::Publish { uri, .. } => batch[at + 1..]
                    .iter()
                    .any(|later| matches!(later, Outgoing::Publish { uri: other, .. } if other == uri)),
                _ => false,
            })
            .collect();
        for (message, superseded) in batch.into_iter().zip(superseded) {
            let frame = match message {
                Outgoing::Publish { .. } if superseded => continue,
                Outgoing::Publish { frame, .. } => frame,
                Outgoing::Log(typ, message) => {
                    convert::notification_frame("window/logMessage", LogMessageParams { typ, message })
                }
                Outgoing::Show(typ, message) => {
                    convert::notification_frame("window/showMessage", ShowMessageParams { typ, message })
                }
            };
            match permit.take() {
                Some(permit) => permit.send(frame),
                None if frames.send(frame).await.is_err() => return,
                None => {}
            }
        }
    }
}
