//! The `LanguageServer` implementation: each handler forwards to the state owner and
//! awaits nothing else. Document and settings notifications never get here (see
//! `ordered.rs`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionParams, CodeActionResponse, DocumentDiagnosticParams, DocumentDiagnosticReportResult,
    ExecuteCommandParams, Hover, HoverParams, InitializeParams, InitializeResult, InitializedParams,
};
use tower_lsp_server::{Client, LanguageServer};

use crate::Options;
use crate::actor::Actor;
use crate::output::Frames;

pub struct Backend {
    pub(crate) actor: Actor,
    /// Set by `shutdown`: the process exits with 0 after `exit` only then.
    pub(crate) shut_down: Arc<AtomicBool>,
}

impl Backend {
    pub fn new(
        client: Client,
        options: Options,
        shut_down: Arc<AtomicBool>,
        frames: Frames,
        thread: &crate::actor::StateThread,
    ) -> Self {
        Backend { actor: Actor::start(client, options, frames, thread), shut_down }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        self.actor.request("initialize", move |state| Ok(state.initialize(params))).await
    }

    async fn initialized(&self, _: InitializedParams) {
        self.actor.notify("initialized", |state| state.initialized());
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        self.actor.request("textDocument/diagnostic", move |state| Ok(state.diagnostic(params))).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.actor.request("textDocument/hover", move |state| Ok(state.hover(params))).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.actor.request("textDocument/codeAction", move |state| Ok(Some(state.code_action(params)))).await
    }

    async fn code_action_resolve(&self, action: CodeAction) -> Result<CodeAction> {
        self.actor.request("codeAction/resolve", move |state| state.code_action_resolve(action)).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        self.actor.request("workspace/executeCommand", move |state| state.execute_command(params)).await
    }
}
