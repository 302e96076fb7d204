// The desktop entry point: finds py3port-lsp, starts it with vscode-languageclient, and
// keeps it in step with the settings, the workspace's trust and the Python environment.

import * as vscode from "vscode";
import {
  CloseAction,
  type CloseHandlerResult,
  DidChangeConfigurationNotification,
  type ErrorHandler,
  type ErrorHandlerResult,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  State,
} from "vscode-languageclient/node";

import { type ServerBinary, ServerNotFound, activePythonBin, findServer, pythonApi } from "./binary";
import {
  SERVER_APPLY_AUTOFIX,
  SERVER_DEBUG_INFORMATION,
  clientOptions,
  serverExecutable,
} from "./client";
import { type Channels, createChannels } from "./logging";
import {
  RESTART_KEYS,
  SECTION,
  type ServerSettings,
  clientSettings,
  coreKeys,
  dropsInitializationKey,
  serverSettingsFor,
} from "./settings";

/** Commands the extension contributes (the server's own are registered by the client). */
export const COMMANDS = {
  restart: "py3port.restart",
  showLogs: "py3port.showLogs",
  fixAll: "py3port.executeAutofix",
  debugInformation: "py3port.showDebugInformation",
} as const;

/** Restarts allowed after crashes within CRASH_WINDOW_MS before the extension gives up. */
const MAX_CRASHES = 4;
const CRASH_WINDOW_MS = 3 * 60_000;

class Controller implements vscode.Disposable {
  readonly channels: Channels;
  readonly keys: readonly string[];
  client: LanguageClient | undefined;
  binary: ServerBinary | undefined;
  /** The settings sent as `initializationOptions` to the running server. */
  initialization: ServerSettings = {};
  #crashes: number[] = [];
  #starting: Promise<void> | undefined;
  #disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    const settings = clientSettings();
    this.channels = createChannels(settings.logLevel, settings.traceServer);
    this.keys = coreKeys(context.extension.packageJSON as object);
  }

  get log(): vscode.LogOutputChannel {
    return this.channels.log;
  }

  /** Starts the server if it is enabled and not running; serialised with stop/restart. */
  start(): Promise<void> {
    const previous = this.#starting ?? Promise.resolve();
    const next = previous.then(() => this.#start());
    this.#starting = next.catch(() => undefined);
    return next;
  }

  async #start(): Promise<void> {
    if (this.client !== undefined) return;
    const settings = clientSettings();
    if (!settings.enable) {
      this.log.info("py3port is disabled (`py3port.enable` is false); the server is not started.");
      return;
    }
    let binary: ServerBinary;
    try {
      binary = await findServer({
        extensionPath: this.context.extensionPath,
        settings,
        pythonBin: () => activePythonBin(vscode.workspace.workspaceFolders?.[0]?.uri),
      });
    } catch (error) {
      this.fail(error);
      return;
    }
    this.binary = binary;
    for (const skipped of binary.skipped) this.log.warn(`Skipped ${skipped}`);
    this.log.info(`Using ${binary.path} (py3port-lsp ${binary.version}): ${binary.reason}.`);

    this.initialization = serverSettingsFor(this.keys);
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const client = new LanguageClient(
      "py3port",
      "py3port",
      serverExecutable(binary, cwd),
      clientOptions({
        log: this.channels.log,
        trace: this.channels.trace,
        errorHandler: this.errorHandler(),
        keys: this.keys,
        parse: (uri) => vscode.Uri.parse(uri),
      }),
    );
    this.client = client;
    try {
      await client.start();
      this.log.info(`Server started; analyzer settings from VS Code: ${JSON.stringify(this.initialization)}`);
    } catch (error) {
      this.client = undefined;
      await client.dispose().catch(() => undefined);
      // vscode-languageclient has already shown its own notification ("couldn't create
      // connection to server", with "Go to output"); one is enough.
      this.log.error(`The server did not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async stop(): Promise<void> {
    await this.#starting;
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    try {
      if (client.state !== State.Stopped) await client.stop(2000);
    } catch (error) {
      this.log.warn(`Stopping the server: ${String(error)}`);
    }
    await client.dispose().catch(() => undefined);
  }

  async restart(): Promise<void> {
    this.log.info("Restarting the server.");
    await this.stop();
    this.#crashes = [];
    await this.start();
  }

  /** One notification for a failure to start, with what to do. */
  fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.log.error(message);
    const settingsProblem = error instanceof ServerNotFound && error.settingsProblem;
    const actions = settingsProblem ? ["Open Settings", "Show Logs"] : ["Show Logs"];
    void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
      if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "py3port.path");
      if (choice === "Show Logs") this.log.show();
    });
  }

  errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult =>
        (count ?? 0) <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown, handled: true },
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.#crashes = [...this.#crashes.filter((time) => now - time < CRASH_WINDOW_MS), now];
        if (this.#crashes.length <= MAX_CRASHES) {
          this.log.warn(`The server stopped unexpectedly; restarting it (${this.#crashes.length} of ${MAX_CRASHES}).`);
          return { action: CloseAction.Restart, handled: true };
        }
        const message = `py3port: the language server stopped ${this.#crashes.length} times in 3 minutes and is not restarted. The logs have its last messages.`;
        this.log.error(message);
        void vscode.window.showErrorMessage(message, "Show Logs", "Restart").then((choice) => {
          if (choice === "Show Logs") this.log.show();
          if (choice === "Restart") void this.restart();
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  async settingsChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!event.affectsConfiguration(SECTION)) return;
    const settings = clientSettings();
    this.channels.update(settings.logLevel, settings.traceServer);
    if (RESTART_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
      if (!settings.enable) {
        this.log.info("py3port was disabled; stopping the server.");
        await this.stop();
        return;
      }
      await this.restart();
      return;
    }
    const client = this.client;
    if (client === undefined || !client.isRunning()) return;
    const now = serverSettingsFor(this.keys);
    if (dropsInitializationKey(this.initialization, now)) {
      this.log.info("A setting given at start-up was removed; restarting the server so that it is forgotten.");
      await this.restart();
      return;
    }
    // The server asks again (`workspace/configuration`) for each folder.
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: now } });
  }

  debugInformation = async (): Promise<void> => {
    const settings = clientSettings();
    const lines = [
      `py3port extension ${String((this.context.extension.packageJSON as { version?: string }).version)} (desktop), VS Code ${vscode.version}`,
      `workspace trusted: ${vscode.workspace.isTrusted}`,
      `py3port.enable: ${settings.enable}; py3port.importStrategy: ${settings.importStrategy}; py3port.path: ${JSON.stringify(settings.path)}`,
    ];
    if (this.binary !== undefined) {
      lines.push(`server binary: ${this.binary.path}`, `  version: ${this.binary.version}`, `  why: ${this.binary.reason}`);
      for (const skipped of this.binary.skipped) lines.push(`  skipped: ${skipped}`);
    } else {
      lines.push("server binary: none (see the py3port output channel)");
    }
    lines.push(`analyzer settings sent for the window: ${JSON.stringify(serverSettingsFor(this.keys))}`);
    const client = this.client;
    if (client?.isRunning() === true) {
      const document = vscode.window.activeTextEditor?.document;
      const argument = document === undefined ? [] : [{ uri: document.uri.toString() }];
      try {
        const server = await client.sendRequest(ExecuteCommandRequest.type, {
          command: SERVER_DEBUG_INFORMATION,
          arguments: argument,
        });
        lines.push("", "Server:", String(server));
      } catch (error) {
        lines.push("", `Server: ${String(error)}`);
      }
    } else {
      lines.push("", "Server: not running");
    }
    const document = await vscode.workspace.openTextDocument({ content: lines.join("\n"), language: "plaintext" });
    await vscode.window.showTextDocument(document);
  };

  fixAll = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    if (document === undefined || document.languageId !== "python") {
      void vscode.window.showInformationMessage("py3port: open a Python file to fix it.");
      return;
    }
    const client = this.client;
    if (client === undefined || !client.isRunning()) {
      void vscode.window.showWarningMessage("py3port: the language server is not running.", "Show Logs").then((choice) => {
        if (choice === "Show Logs") this.log.show();
      });
      return;
    }
    await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_APPLY_AUTOFIX,
      arguments: [{ uri: document.uri.toString(), version: document.version }],
    });
  };

  watch(): void {
    this.#disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => void this.settingsChanged(event)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info("The workspace is trusted now; looking for the server again.");
        void this.restart();
      }),
    );
    void pythonApi().then((api) => {
      const event = api?.environments?.onDidChangeActiveEnvironmentPath;
      if (event === undefined) return;
      this.#disposables.push(
        event(() => {
          const settings = clientSettings();
          if (settings.importStrategy === "fromEnvironment" && settings.path.length === 0) {
            this.log.info("The active Python environment changed; looking for the server again.");
            void this.restart();
          }
        }),
      );
    });
  }

  /** Stops watching; `deactivate` stops the server. */
  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
    this.#disposables = [];
  }
}

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const current = new Controller(context);
  controller = current;
  context.subscriptions.push(
    current,
    vscode.commands.registerCommand(COMMANDS.restart, () => current.restart()),
    vscode.commands.registerCommand(COMMANDS.showLogs, () => current.log.show()),
    vscode.commands.registerCommand(COMMANDS.fixAll, current.fixAll),
    vscode.commands.registerCommand(COMMANDS.debugInformation, current.debugInformation),
  );
  current.watch();
  await current.start();
}

export async function deactivate(): Promise<void> {
  const current = controller;
  controller = undefined;
  await current?.stop();
  current?.channels.dispose();
}
