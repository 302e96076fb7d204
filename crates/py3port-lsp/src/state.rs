//! The server's state and what each message does to it. Only the owner thread
//! (`actor.rs`) touches a [`State`]; nothing here awaits.
//!
//! Requests to the client (`workspace/configuration`, `workspace/applyEdit`,
//! `client/registerCapability`, `workspace/diagnostic/refresh`) are sent from spawned
//! tasks; their answers come back as tasks on the owner's queue.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use py3port_core::deps::{DepsContext, ManifestKind, check_dependencies};
use py3port_core::{Diagnostic, Document, PositionEncoding, TextRange, VERSION};
use serde_json::Value;
use tokio::runtime::Handle;
use tokio::sync::mpsc::WeakUnboundedSender;
use tower_lsp_server::lsp_types::{
    self as lsp, ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, ConfigurationItem, DiagnosticOptions, DiagnosticServerCapabilities,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams, DocumentDiagnosticReport,
    DocumentDiagnosticReportResult, ExecuteCommandOptions, ExecuteCommandParams, FileSystemWatcher,
    FullDocumentDiagnosticReport, GlobPattern, Hover, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, MessageType, OneOf, Registration, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, ServerCapabilities, ServerInfo, TextDocumentContentChangeEvent,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    UnchangedDocumentDiagnosticReport, Uri, WorkspaceFolder, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};
use tower_lsp_server::{Client, UriExt, jsonrpc};

use crate::actions::{self, ResolveData, Target};
use crate::actor::{Outbox, Outgoing, Task};
use crate::convert::{self, Positions};
use crate::settings::{self, Inputs, Layer, Origin, ProjectFacts, Resolved};
use crate::{Options, hover, watchdog, workspace};

pub const APPLY_AUTOFIX: &str = "py3port.applyAutofix";
pub const DEBUG_INFORMATION: &str = "py3port.debugInformation";
/// Panics on purpose, to test that a panic is an error response; only with
/// [`Options::debug_commands`].
pub const DEBUG_PANIC: &str = "py3port.debug.panic";

/// What the client said it can do, reduced to what the server needs.
#[derive(Clone, Debug, Default)]
struct Capabilities {
    /// `textDocument/diagnostic`: the client pulls, so the server does not push.
    pull: bool,
    configuration: bool,
    watch_files: bool,
    document_changes: bool,
    resolve_edit: bool,
    literals: bool,
    apply_edit: bool,
    diagnostic_refresh: bool,
}

impl Capabilities {
    fn of(client: &ClientCapabilities) -> Self {
        let workspace = client.workspace.as_ref();
        let text = client.text_document.as_ref();
        let code_action = text.and_then(|t| t.code_action.as_ref());
        Capabilities {
            pull: text.is_some_and(|t| t.diagnostic.is_some()),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            resolve_edit: code_action
                .and_then(|c| c.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
            literals: code_action.is_some_and(|c| c.code_action_literal_support.is_some()),
            apply_edit: workspace.and_then(|w| w.apply_edit).unwrap_or(false),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        }
    }
}

/// A workspace folder and what the server learnt about it.
struct Folder {
    uri: Uri,
    name: String,
    path: Option<PathBuf>,
    /// Its `workspace/configuration` answer.
    layer: Option<Layer>,
    /// The background scan's result, once it is in.
    facts: Option<ProjectFacts>,
    scanning: bool,
}

/// An open document.
pub struct Open {
    pub path: Option<PathBuf>,
    pub version: i32,
    pub document: Document,
    pub resolved: Resolved,
    /// Changed since diagnostics were last published.
    dirty: bool,
    /// Bumped on every re-analysis: the `resultId` of pulled diagnostics.
    revision: u64,
    /// The dependency manifest the document is (`requirements.txt`, `pyproject.toml`,
    /// ...), from its name: its diagnostics are the `PY36xx` rules' (and, for
    /// `setup.py`, the code's as well).
    pub manifest: Option<ManifestKind>,
}

impl Open {
    /// The document's diagnostics: the code's, a manifest's, or both for `setup.py`.
    /// A manifest is checked on demand (it is small); the unused-requirement rule needs
    /// the whole project's imports and is left to the command line.
    pub fn diagnostics(&self) -> Cow<'_, [Diagnostic]> {
        let code = &self.document.analysis().diagnostics;
        let Some(kind) = self.manifest else { return Cow::Borrowed(code) };
        let deps = check_dependencies(kind, self.document.text(), self.document.settings(), &DepsContext::default())
            .diagnostics;
        if kind != ManifestKind::SetupPy {
            return Cow::Owned(deps);
        }
        let mut all = code.clone();
        all.extend(deps);
        all.sort_by_key(|d| (d.range.start(), d.rule));
        Cow::Owned(all)
    }
}

pub struct State {
    client: Client,
    inbox: WeakUnboundedSender<(&'static str, Task)>,
    pub outbox: Outbox,
    runtime: Handle,
    options: Options,
    encoding: PositionEncoding,
    capabilities: Capabilities,
    client_name: String,
    folders: Vec<Folder>,
    initialization: Option<Layer>,
    /// The answer to `workspace/configuration` without a scope, for documents outside
    /// every folder.
    unscoped: Option<Layer>,
    /// Settings pushed by `didChangeConfiguration`, for clients that cannot be asked.
    pushed: Option<Layer>,
    documents: HashMap<Uri, Open>,
    /// Numbers the `workspace/configuration` requests, so a late answer to an older one is
    /// ignored.
    configuration_generation: u64,
    /// Settings errors already shown to the user.
    shown_errors: Vec<String>,
    /// Settings changed while the client pulls: ask it to pull again.
    refresh_pulled: bool,
    /// `workspace.diagnostics.refreshSupport` as the client spelt it (see `ordered.rs`).
    raw_diagnostic_refresh: bool,
}

impl State {
    pub fn new(
        client: Client,
        inbox: WeakUnboundedSender<(&'static str, Task)>,
        outbox: Outbox,
        runtime: Handle,
        options: Options,
    ) -> Self {
        State {
            client,
            inbox,
            outbox,
            runtime,
            options,
            encoding: PositionEncoding::Utf16,
            capabilities: Capabilities::default(),
            client_name: String::new(),
            folders: Vec::new(),
            initialization: None,
            unscoped: None,
            pushed: None,
            documents: HashMap::new(),
            configuration_generation: 0,
            shown_errors: Vec::new(),
            refresh_pulled: false,
            raw_diagnostic_refresh: false,
        }
    }

    /// Runs `future` on the runtime and hands its output to `then`, on the owner thread.
    fn spawn<T: Send + 'static>(
        &self,
        method: &'static str,
        future: impl Future<Output = T> + Send + 'static,
        then: impl FnOnce(&mut State, T) + Send + 'static,
    ) {
        let inbox = self.inbox.clone();
        self.runtime.spawn(async move {
            let output = future.await;
            if let Some(inbox) = inbox.upgrade() {
                let task: Task = Box::new(move |state| then(state, output));
                let _ = inbox.send((method, task));
            }
        });
    }

    // Lifecycle.

    pub fn set_diagnostic_refresh(&mut self, supported: bool) {
        self.raw_diagnostic_refresh = supported;
    }

    pub fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        self.capabilities = Capabilities::of(&params.capabilities);
        self.capabilities.diagnostic_refresh |= self.raw_diagnostic_refresh;
        self.encoding =
            convert::negotiate(params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        self.client_name = params.client_info.as_ref().map_or_else(
            || "unknown".to_owned(),
            |info| format!("{} {}", info.name, info.version.as_deref().unwrap_or("")),
        );
        #[allow(deprecated)] // `root_uri` is the fallback for clients without folders.
        let folders = params.workspace_folders.clone().unwrap_or_else(|| {
            params
                .root_uri
                .clone()
                .map(|uri| vec![WorkspaceFolder { name: folder_name(&uri), uri }])
                .unwrap_or_default()
        });
        self.folders = folders.into_iter().map(new_folder).collect();
        self.initialization = params.initialization_options.as_ref().map(|options| Layer {
            origin: Origin::InitializationOptions,
            entries: settings::json_entries(&settings::initialization_settings(options)),
        });
        if let Some(pid) = params.process_id {
            let _guard = self.runtime.enter();
            watchdog::watch_parent(pid);
        }
        let mut commands = vec![APPLY_AUTOFIX.to_owned(), DEBUG_INFORMATION.to_owned()];
        if self.options.debug_commands {
            commands.push(DEBUG_PANIC.to_owned());
        }
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(self.encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![
                        CodeActionKind::QUICKFIX,
                        CodeActionKind::from(actions::QUICKFIX_PREFIX),
                        CodeActionKind::SOURCE_FIX_ALL,
                        CodeActionKind::from(actions::FIX_ALL),
                    ]),
                    resolve_provider: Some(true),
                    ..CodeActionOptions::default()
                })),
                execute_command_provider: Some(ExecuteCommandOptions { commands, ..ExecuteCommandOptions::default() }),
                diagnostic_provider: self.capabilities.pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some(convert::SOURCE.to_owned()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..DiagnosticOptions::default()
                    })
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo { name: "py3port-lsp".to_owned(), version: Some(VERSION.to_owned()) }),
        }
    }

    pub fn initialized(&mut self) {
        if self.capabilities.watch_files {
            let watchers = ["**/pyproject.toml", "**/py3port.toml", "**/setup.cfg", "**/setup.py"]
                .into_iter()
                .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.to_owned()), kind: None })
                .collect();
            let registration = Registration {
                id: "py3port-configuration-files".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
            };
            let client = self.client.clone();
            self.spawn(
                "client/registerCapability",
                async move { client.register_capability(vec![registration]).await },
                |state, result| {
                    if let Err(error) = result {
                        state.outbox.log(MessageType::WARNING, format!("cannot watch configuration files: {error}"));
                    }
                },
            );
        }
        self.pull_configuration();
        self.scan_folders();
    }

    // Documents.

    pub fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = item.uri.to_file_path().map(|p| p.into_owned());
        let resolved = self.resolve(path.as_deref());
        self.report_errors(&resolved);
        let document = Document::new(item.text, resolved.settings.clone(), resolved.context.clone());
        let manifest = ManifestKind::from_path(item.uri.path().as_str());
        let open = Open { path, version: item.version, document, resolved, dirty: true, revision: 0, manifest };
        self.documents.insert(item.uri, open);
    }

    pub fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let encoding = self.encoding;
        let uri = params.text_document.uri;
        let Some(open) = self.documents.get_mut(&uri) else {
            self.outbox
                .log(MessageType::WARNING, format!("didChange for a document that is not open: {}", uri.as_str()));
            return;
        };
        apply_changes(&mut open.document, params.content_changes, encoding);
        open.version = params.text_document.version;
        open.dirty = true;
        open.revision += 1;
    }

    /// A saved file counts, with its new syntax, in its folder's dialect verdict.
    pub fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        let Some(open) = self.documents.get(&params.text_document.uri) else { return };
        // A requirements file or `pyproject.toml` is not Python: no dialect evidence.
        if open.manifest.is_some_and(|kind| kind != ManifestKind::SetupPy) {
            return;
        }
        let Some(path) = open.path.clone() else { return };
        let dialect = workspace::syntax_dialect(open.document.analysis());
        let Some(root) = self.folder_of(Some(&path)).and_then(|folder| folder.path.clone()) else { return };
        let folder = self.folders.iter_mut().find(|folder| folder.path.as_ref() == Some(&root));
        if let Some(facts) = folder.and_then(|folder| folder.facts.as_mut()) {
            facts.record(&path, dialect);
            self.refresh_settings();
        }
    }

    pub fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.documents.remove(&uri).is_some() && !self.capabilities.pull {
            let frame = convert::publish_frame(&uri, None, [(); 0]);
            self.outbox.send(Outgoing::Publish { uri, frame });
        }
    }

    /// Publishes the diagnostics of every document that changed, at its current version.
    pub fn flush(&mut self) {
        if self.refresh_pulled {
            self.refresh_pulled = false;
            if self.capabilities.diagnostic_refresh {
                let client = self.client.clone();
                self.spawn(
                    "workspace/diagnostic/refresh",
                    async move { client.workspace_diagnostic_refresh().await },
                    |_, _| {},
                );
            }
        }
        let encoding = self.encoding;
        let pull = self.capabilities.pull;
        for (uri, open) in &mut self.documents {
            if !open.dirty {
                continue;
            }
            open.dirty = false;
            if pull {
                continue;
            }
            let frame = publish_frame(uri, open, encoding);
            self.outbox.send(Outgoing::Publish { uri: uri.clone(), frame });
        }
    }

    // Settings.

    pub fn did_change_configuration(&mut self, params: DidChangeConfigurationParams) {
        if self.capabilities.configuration {
            self.pull_configuration();
        } else {
            self.pushed = Some(Layer {
                origin: Origin::DidChangeConfiguration,
                entries: settings::json_entries(&settings::pushed_settings(&params.settings)),
            });
            self.refresh_settings();
        }
    }

    pub fn did_change_watched_files(&mut self, _params: DidChangeWatchedFilesParams) {
        // A configuration file or the project metadata changed: every document's settings
        // and context are worked out again (cheap: a few small files are read).
        self.refresh_settings();
    }

    pub fn did_change_workspace_folders(&mut self, params: DidChangeWorkspaceFoldersParams) {
        let removed = params.event.removed;
        self.folders.retain(|folder| !removed.iter().any(|r| r.uri == folder.uri));
        self.folders.extend(params.event.added.into_iter().map(new_folder));
        self.pull_configuration();
        self.scan_folders();
        self.refresh_settings();
    }

    fn pull_configuration(&mut self) {
        if !self.capabilities.configuration {
            return;
        }
        self.configuration_generation += 1;
        let generation = self.configuration_generation;
        let section = Some("py3port".to_owned());
        let mut items: Vec<ConfigurationItem> = self
            .folders
            .iter()
            .map(|folder| ConfigurationItem { scope_uri: Some(folder.uri.clone()), section: section.clone() })
            .collect();
        items.push(ConfigurationItem { scope_uri: None, section });
        let client = self.client.clone();
        let scopes: Vec<Uri> = self.folders.iter().map(|folder| folder.uri.clone()).collect();
        self.spawn(
            "workspace/configuration",
            async move { client.configuration(items).await },
            move |state, result| {
                state.configuration_arrived(generation, &scopes, result);
            },
        );
    }

    fn configuration_arrived(&mut self, generation: u64, scopes: &[Uri], result: jsonrpc::Result<Vec<Value>>) {
        if generation != self.configuration_generation {
            return;
        }
        let values = match result {
            Ok(values) => values,
            Err(error) => {
                self.outbox.log(MessageType::WARNING, format!("workspace/configuration failed: {error}"));
                return;
            }
        };
        for (scope, value) in scopes.iter().zip(&values) {
            if let Some(folder) = self.folders.iter_mut().find(|folder| &folder.uri == scope) {
                folder.layer = Some(Layer {
                    origin: Origin::WorkspaceConfiguration(folder.name.clone()),
                    entries: settings::json_entries(value),
                });
            }
        }
        self.unscoped = values.get(scopes.len()).map(|value| Layer {
            origin: Origin::WorkspaceConfiguration("no folder".to_owned()),
            entries: settings::json_entries(value),
        });
        self.refresh_settings();
    }

    /// Starts the background scan of each folder not scanned yet (once per folder).
    fn scan_folders(&mut self) {
        let mut waiting = Vec::new();
        for folder in &mut self.folders {
            if let (Some(path), None, false) = (&folder.path, &folder.facts, folder.scanning) {
                folder.scanning = true;
                waiting.push((folder.uri.clone(), path.clone()));
            }
        }
        for (uri, path) in waiting {
            // The settings of a file at the folder's top: its configuration file's
            // exclusions and size limit apply to the scan.
            let settings = self.resolve(Some(&path.join("__init__.py"))).settings;
            let scan = self.runtime.spawn_blocking(move || workspace::scan(&path, &settings));
            self.spawn("workspace scan", scan, move |state, facts| {
                let Ok(facts) = facts else { return };
                if let Some(folder) = state.folders.iter_mut().find(|folder| folder.uri == uri) {
                    folder.facts = Some(facts);
                }
                state.refresh_settings();
            });
        }
    }

    /// The folder holding `path`: the deepest one, as folders can nest.
    fn folder_of(&self, path: Option<&Path>) -> Option<&Folder> {
        let path = path?;
        self.folders
            .iter()
            .filter(|folder| folder.path.as_deref().is_some_and(|root| path.starts_with(root)))
            .max_by_key(|folder| folder.path.as_ref().map_or(0, |root| root.as_os_str().len()))
    }

    /// The settings of a document at `path`, from every source in precedence order.
    fn resolve(&self, path: Option<&Path>) -> Resolved {
        let folder = self.folder_of(path);
        let client_layer = if self.capabilities.configuration {
            folder.and_then(|folder| folder.layer.as_ref()).or(self.unscoped.as_ref())
        } else {
            self.pushed.as_ref()
        };
        let layers: Vec<Layer> = self.initialization.iter().chain(client_layer).cloned().collect();
        settings::resolve(&Inputs {
            path,
            folder: folder.and_then(|folder| folder.path.as_deref()),
            layers: &layers,
            facts: folder.and_then(|folder| folder.facts.as_ref()),
        })
    }

    /// Works out every open document's settings again and re-analyses those whose
    /// settings changed.
    fn refresh_settings(&mut self) {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            let path = self.documents[&uri].path.clone();
            let resolved = self.resolve(path.as_deref());
            self.report_errors(&resolved);
            let Some(open) = self.documents.get_mut(&uri) else { continue };
            if open.resolved != resolved {
                open.document.set_settings(resolved.settings.clone(), resolved.context.clone());
                open.resolved = resolved;
                open.dirty = true;
                open.revision += 1;
                self.refresh_pulled = true;
            }
        }
    }

    /// Shows each settings error once (a typo in a key must not go unnoticed), and logs it.
    fn report_errors(&mut self, resolved: &Resolved) {
        for error in &resolved.errors {
            if !self.shown_errors.contains(error) {
                self.shown_errors.push(error.clone());
                self.outbox.show(MessageType::WARNING, format!("py3port: {error}"));
            }
        }
    }

    // Requests.

    pub fn diagnostic(&self, params: DocumentDiagnosticParams) -> DocumentDiagnosticReportResult {
        let Some(open) = self.documents.get(&params.text_document.uri) else {
            return full_report(None, Vec::new());
        };
        let result_id = format!("{}.{}", open.version, open.revision);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
                RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
                },
            ));
        }
        full_report(Some(result_id), lsp_diagnostics(open, self.encoding))
    }

    pub fn hover(&self, params: HoverParams) -> Option<Hover> {
        let position = params.text_document_position_params;
        let open = self.documents.get(&position.text_document.uri)?;
        if !open.document.analysis().analysed {
            return None;
        }
        let positions = positions(open, self.encoding);
        hover::hover(&positions, positions.offset(position.position))
    }

    pub fn code_action(&self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let Some(open) = self.documents.get(&uri) else { return Vec::new() };
        if !open.document.analysis().analysed || open.resolved.excluded {
            return Vec::new();
        }
        let target = self.target(&uri, open);
        if !self.capabilities.literals {
            return vec![CodeActionOrCommand::Command(actions::fix_all_command(&uri, open.version))];
        }
        let only = params.context.only.as_deref();
        actions::code_actions(&target, params.range, only, self.capabilities.resolve_edit)
    }

    pub fn code_action_resolve(&self, mut action: lsp::CodeAction) -> jsonrpc::Result<lsp::CodeAction> {
        let Some(data) = action.data.take() else { return Ok(action) };
        let data: ResolveData =
            serde_json::from_value(data).map_err(|error| jsonrpc::Error::invalid_params(error.to_string()))?;
        let open = self
            .documents
            .get(&data.uri)
            .filter(|open| open.version == data.version)
            .ok_or_else(jsonrpc::Error::content_modified)?;
        action.edit = Some(actions::fix_all_edit(&self.target(&data.uri, open)));
        Ok(action)
    }

    pub fn execute_command(&mut self, params: ExecuteCommandParams) -> jsonrpc::Result<Option<Value>> {
        let argument = params.arguments.first();
        let uri = argument.and_then(|argument| {
            let uri = argument.get("uri").unwrap_or(argument);
            serde_json::from_value::<Uri>(uri.clone()).ok()
        });
        match params.command.as_str() {
            APPLY_AUTOFIX => {
                let uri = uri.ok_or_else(|| jsonrpc::Error::invalid_params("expected a document URI"))?;
                self.apply_autofix(&uri)?;
                Ok(None)
            }
            DEBUG_INFORMATION => Ok(Some(Value::String(self.debug_information(uri.as_ref())))),
            DEBUG_PANIC if self.options.debug_commands => panic!("deliberate panic for tests"),
            other => Err(jsonrpc::Error::invalid_params(format!("unknown command `{other}`"))),
        }
    }

    /// Sends the whole-file fix through `workspace/applyEdit`, from a spawned task: the
    /// answer comes back to the owner, which reports a refusal.
    fn apply_autofix(&self, uri: &Uri) -> jsonrpc::Result<()> {
        if !self.capabilities.apply_edit {
            return Err(jsonrpc::Error::invalid_request());
        }
        let open = self
            .documents
            .get(uri)
            .ok_or_else(|| jsonrpc::Error::invalid_params(format!("{} is not open", uri.as_str())))?;
        let edit = actions::fix_all_edit(&self.target(uri, open));
        let client = self.client.clone();
        self.spawn("workspace/applyEdit", async move { client.apply_edit(edit).await }, |state, result| match result {
            Ok(response) if response.applied => {}
            Ok(response) => state.outbox.log(
                MessageType::WARNING,
                format!("py3port: the client did not apply the fixes: {}", response.failure_reason.unwrap_or_default()),
            ),
            Err(error) => {
                state.outbox.log(MessageType::WARNING, format!("py3port: workspace/applyEdit failed: {error}"))
            }
        });
        Ok(())
    }

    fn target<'a>(&self, uri: &'a Uri, open: &'a Open) -> Target<'a> {
        Target {
            uri,
            version: open.version,
            document: &open.document,
            diagnostics: open.diagnostics(),
            manifest: open.manifest,
            positions: positions(open, self.encoding),
            document_changes: self.capabilities.document_changes,
        }
    }

    /// The server's version, the position encoding, and for a document its settings with
    /// the source of each, in precedence order.
    pub fn debug_information(&self, uri: Option<&Uri>) -> String {
        let mut out = String::new();
        let mode = if self.capabilities.pull { "pull (textDocument/diagnostic)" } else { "push (publishDiagnostics)" };
        let _ = writeln!(out, "py3port-lsp {VERSION}");
        let _ = writeln!(out, "client: {}", self.client_name.trim());
        let _ = writeln!(out, "position encoding: {}", convert::encoding_kind(self.encoding).as_str());
        let _ = writeln!(out, "diagnostics: {mode}");
        let _ = writeln!(out, "open documents: {}", self.documents.len());
        for folder in &self.folders {
            let scan = match &folder.facts {
                None => "scan pending".to_owned(),
                Some(facts) => format!(
                    "Python 2 files: {}, Python 3 files: {}; project methods: {:?}",
                    facts.python2.len(),
                    facts.python3.len(),
                    facts.project_methods
                ),
            };
            let _ = writeln!(out, "workspace folder: {} ({scan})", folder.uri.as_str());
        }
        let _ = writeln!(out, "settings precedence (lowest first): {}", settings::PRECEDENCE);
        let Some(uri) = uri else { return out };
        let _ = writeln!(out, "\ndocument: {}", uri.as_str());
        let Some(open) = self.documents.get(uri) else {
            let _ = writeln!(out, "not open");
            return out;
        };
        let analysis = open.document.analysis();
        let resolved = &open.resolved;
        let _ = writeln!(out, "version: {}", open.version);
        let config = resolved.config_file.as_ref().map_or_else(|| "none".to_owned(), |p| p.display().to_string());
        let _ = writeln!(out, "configuration file: {config}");
        let _ = writeln!(out, "excluded: {}", resolved.excluded);
        let _ = writeln!(
            out,
            "dialect: {} ({:?}); project: {:?}; module: {}",
            analysis.dialect.dialect.as_str(),
            analysis.dialect.basis,
            resolved.context.project,
            resolved.context.module_name.as_deref().unwrap_or("unknown")
        );
        let _ = writeln!(out, "diagnostics: {}", analysis.diagnostics.len());
        let _ = writeln!(out, "settings:");
        for doc in py3port_core::SETTINGS {
            match resolved.origins.get(doc.kebab).map(Vec::as_slice) {
                Some([overridden @ .., (value, origin)]) => {
                    let _ = write!(out, "  {} = {value}  (from {origin}", doc.kebab);
                    for (value, origin) in overridden.iter().rev() {
                        let _ = write!(out, "; overrides {value} from {origin}");
                    }
                    let _ = writeln!(out, ")");
                }
                _ => {
                    let _ = writeln!(out, "  {} = {}  (default)", doc.kebab, doc.default);
                }
            }
        }
        for error in &resolved.errors {
            let _ = writeln!(out, "  error: {error}");
        }
        out
    }
}

fn new_folder(folder: WorkspaceFolder) -> Folder {
    let path = folder.uri.to_file_path().map(|path| path.into_owned());
    Folder { name: folder.name, uri: folder.uri, path, layer: None, facts: None, scanning: false }
}

fn folder_name(uri: &Uri) -> String {
    uri.path().as_str().rsplit('/').find(|s| !s.is_empty()).unwrap_or("workspace").to_owned()
}

fn positions(open: &Open, encoding: PositionEncoding) -> Positions<'_> {
    Positions { text: open.document.text(), index: open.document.line_index(), encoding }
}

fn lsp_diagnostics(open: &Open, encoding: PositionEncoding) -> Vec<lsp::Diagnostic> {
    if open.resolved.excluded {
        return Vec::new();
    }
    let positions = positions(open, encoding);
    open.diagnostics().iter().map(|d| convert::diagnostic(&positions, d, open.version)).collect()
}

/// The `publishDiagnostics` notification of a document at its version.
fn publish_frame(uri: &Uri, open: &Open, encoding: PositionEncoding) -> Vec<u8> {
    if open.resolved.excluded {
        return convert::publish_frame(uri, Some(open.version), [(); 0]);
    }
    let positions = positions(open, encoding);
    let diagnostics = open.diagnostics();
    convert::publish_frame(uri, Some(open.version), convert::wire_diagnostics(&positions, &diagnostics, open.version))
}

fn full_report(result_id: Option<String>, items: Vec<lsp::Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
    }))
}

/// Applies a `didChange`'s content changes, each in the coordinates of the text the
/// previous ones produced, then re-analyses once.
fn apply_changes(document: &mut Document, changes: Vec<TextDocumentContentChangeEvent>, encoding: PositionEncoding) {
    // The common case, one ranged change, converts positions with the document's index.
    if let [TextDocumentContentChangeEvent { range: Some(range), text, .. }] = changes.as_slice() {
        let positions = Positions { text: document.text(), index: document.line_index(), encoding };
        let range = positions.text_range(*range);
        document.edit(&[(range, text.as_str())]);
        return;
    }
    // Several changes: later ones are positioned in the text the earlier ones made, so
    // follow along on a copy to convert them.
    let mut text = document.text().to_owned();
    let mut edits: Vec<(TextRange, String)> = Vec::new();
    let mut replaced = false;
    for change in changes {
        match change.range {
            None => {
                text = change.text;
                edits.clear();
                replaced = true;
            }
            Some(range) => {
                let index = py3port_core::LineIndex::new(&text);
                let range = Positions { text: &text, index: &index, encoding }.text_range(range);
                text.replace_range(range.to_usize(), &change.text);
                edits.push((range, change.text));
            }
        }
    }
    if replaced {
        document.set_text(text);
    } else {
        let edits: Vec<(TextRange, &str)> = edits.iter().map(|(range, text)| (*range, text.as_str())).collect();
        document.edit(&edits);
    }
}
