// The web entry point (vscode.dev, github.dev): no process can be started there, so the
// WebAssembly analyzer of the `py3port` npm package runs in the extension host itself.

import * as py3port from "py3port";
import * as vscode from "vscode";

import { createChannels } from "./logging";
import { clientSettings, coreKeys } from "./settings";
import { WasmLinter, register } from "./wasm";

/** The analyzer, copied next to this bundle by esbuild.mjs. */
export const WASM_FILE = "py3port_wasm_bg.wasm";

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = clientSettings();
  const channels = createChannels(settings.logLevel, settings.traceServer);
  context.subscriptions.push(
    channels,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration("py3port")) return;
      const now = clientSettings();
      channels.update(now.logLevel, now.traceServer);
    }),
  );
  const log = channels.log;
  const manifest = context.extension.packageJSON as { version?: string };
  try {
    const wasm = vscode.Uri.joinPath(context.extensionUri, "dist", WASM_FILE);
    await py3port.init(await vscode.workspace.fs.readFile(wasm));
  } catch (error) {
    const message = `py3port: cannot load the WebAssembly analyzer: ${error instanceof Error ? error.message : String(error)}`;
    log.error(message);
    void vscode.window.showErrorMessage(message, "Show Logs").then((choice) => {
      if (choice === "Show Logs") log.show();
    });
    return;
  }
  log.info(`Running the WebAssembly analyzer (py3port ${py3port.version()}) in the extension host; no language server in the browser.`);
  const linter = new WasmLinter(py3port, coreKeys(context.extension.packageJSON as object), log);
  context.subscriptions.push(...register(linter, py3port, log, String(manifest.version)));
}

export function deactivate(): void {}
