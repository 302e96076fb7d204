//! The transport-facing service: hands document and settings notifications to the state
//! owner in message order, and turns a panicking handler into an error response.
//!
//! tower-lsp polls up to four handlers at once, so the order in which handler futures
//! first run is not a promise of the protocol (tower-lsp issue #284). `Service::call`, by
//! contrast, is invoked by the transport for one message after the other, as they are
//! read. The notifications that change state are queued to the owner right there, before
//! any future exists, so edits can never be reordered whatever the handlers do.

use std::panic::AssertUnwindSafe;
use std::task::{Context, Poll};

use futures::FutureExt;
use futures::future::BoxFuture;
use serde::de::DeserializeOwned;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::lsp_types::MessageType;
use tower_lsp_server::{ExitedError, LspService};
use tower_service::Service;

use crate::actor::Actor;
use crate::framing;
use crate::panic;
use crate::server::Backend;
use crate::state::State;

/// The language server as the transport sees it.
pub struct Ordered {
    inner: LspService<Backend>,
    actor: Actor,
}

impl Ordered {
    pub fn new(inner: LspService<Backend>) -> Self {
        let actor = inner.inner().actor.clone();
        Ordered { inner, actor }
    }

    /// Queues the notification to the owner if it changes state; `false` for the others.
    fn dispatch(&self, request: &Request) -> bool {
        if request.id().is_some() {
            return false;
        }
        match request.method() {
            "textDocument/didOpen" => self.queue("textDocument/didOpen", request, State::did_open),
            "textDocument/didChange" => self.queue("textDocument/didChange", request, State::did_change),
            "textDocument/didClose" => self.queue("textDocument/didClose", request, State::did_close),
            "textDocument/didSave" => self.queue("textDocument/didSave", request, State::did_save),
            "workspace/didChangeConfiguration" => {
                self.queue("workspace/didChangeConfiguration", request, State::did_change_configuration);
            }
            "workspace/didChangeWatchedFiles" => {
                self.queue("workspace/didChangeWatchedFiles", request, State::did_change_watched_files);
            }
            "workspace/didChangeWorkspaceFolders" => {
                self.queue("workspace/didChangeWorkspaceFolders", request, State::did_change_workspace_folders);
            }
            _ => return false,
        }
        true
    }

    fn queue<P: DeserializeOwned + Send + 'static>(
        &self,
        method: &'static str,
        request: &Request,
        apply: fn(&mut State, P),
    ) {
        let params = request.params().cloned().unwrap_or_default();
        match serde_json::from_value::<P>(params) {
            Ok(params) => self.actor.notify(method, move |state| apply(state, params)),
            Err(error) => self.actor.notify(method, move |state| {
                state.outbox.log(MessageType::ERROR, format!("invalid {method} parameters: {error}"));
            }),
        }
    }
}

impl Service<Request> for Ordered {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFuture<'static, Result<Option<Response>, ExitedError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), ExitedError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if request.method() == framing::INVALID_MESSAGE {
            return futures::future::ready(Ok(Some(invalid_message(&request)))).boxed();
        }
        if self.dispatch(&request) {
            return futures::future::ready(Ok(None)).boxed();
        }
        if request.method() == "initialize" {
            // lsp-types 0.97 reads `workspace.diagnostic`, but the specification (and VS
            // Code) spell it `workspace.diagnostics`: read the flag from the raw message.
            // Queued now, it reaches the owner before the `initialize` handler's task.
            let refresh = request
                .params()
                .and_then(|params| params.pointer("/capabilities/workspace/diagnostics/refreshSupport"))
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            self.actor.notify("initialize", move |state| state.set_diagnostic_refresh(refresh));
        }
        let id = request.id().cloned();
        let method = request.method().to_owned();
        let future = self.inner.call(request);
        async move {
            match AssertUnwindSafe(future).catch_unwind().await {
                Ok(response) => response,
                Err(payload) => {
                    let error = panic::error(&method, payload.as_ref());
                    Ok(id.map(|id| Response::from_error(id, error)))
                }
            }
        }
        .boxed()
    }
}

/// The error response to a message the client sent and the input pump could not read
/// (see `framing.rs`): what JSON-RPC prescribes, with the reason.
fn invalid_message(request: &Request) -> Response {
    let params = request.params();
    let field = |name: &str| params.and_then(|params| params.get(name)).and_then(serde_json::Value::as_str);
    let code = match field("kind") {
        Some("request") => ErrorCode::InvalidRequest,
        _ => ErrorCode::ParseError,
    };
    let message = format!("{}: {}", code.description(), field("reason").unwrap_or("unreadable message"));
    Response::from_error(Id::Null, Error { code, message: message.into(), data: None })
}
