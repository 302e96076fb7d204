// How the extension configures vscode-languageclient for py3port-lsp: the process, the
// initialization options, the answer to `workspace/configuration`, and the code actions
// the client settings let through. Everything here but `createClient` is plain data and
// functions, so the tests start the server exactly as the extension does.

import type * as vscode from "vscode";
import type {
  ConfigurationParams,
  ErrorHandler,
  Executable,
  LanguageClientOptions,
  Middleware,
} from "vscode-languageclient/node";

import type { ServerBinary } from "./binary";
import { type ServerSettings, clientSettings, serverSettingsFor, SECTION } from "./settings";

/** The code action kind of the whole-file fix. */
export const FIX_ALL_KIND = "source.fixAll.py3port";
/** The kinds of "Disable PY3101 for this line" (`quickfix.py3port.noqa.PY3101`). */
export const NOQA_KIND_PREFIX = "quickfix.py3port.noqa.";
/** The server's commands (crates/py3port-lsp/src/state.rs). */
export const SERVER_APPLY_AUTOFIX = "py3port.applyAutofix";
export const SERVER_DEBUG_INFORMATION = "py3port.debugInformation";

/** Python files on disk and unsaved ones; the server reads configuration files next to them. */
export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "python" },
  { scheme: "untitled", language: "python" },
];

/** The server process: the binary on stdio, in the first workspace folder. */
export function serverExecutable(binary: ServerBinary, cwd: string | undefined): Executable {
  return {
    command: binary.path,
    args: ["--stdio"],
    options: { cwd, env: { ...process.env } },
  };
}

/** `initializationOptions`: the settings set explicitly for the window (see settings.ts). */
export function initializationOptions(keys: readonly string[]): { settings: ServerSettings } {
  return { settings: serverSettingsFor(keys) };
}

/** The answer to `workspace/configuration` for the `py3port` section; `undefined` for other sections. */
export function configurationAnswer(params: ConfigurationParams, keys: readonly string[], parse: (uri: string) => vscode.Uri): (ServerSettings | undefined)[] {
  return params.items.map((item) =>
    item.section === SECTION ? serverSettingsFor(keys, item.scopeUri === undefined ? undefined : parse(item.scopeUri)) : undefined,
  );
}

/** Whether a code action is one the user's settings turned off. */
export function hiddenBySettings(kind: string | undefined, settings: { fixAll: boolean; disableRuleComment: boolean }): boolean {
  if (kind === undefined) return false;
  if (!settings.fixAll && (kind === FIX_ALL_KIND || kind.startsWith(`${FIX_ALL_KIND}.`))) return true;
  if (!settings.disableRuleComment && kind.startsWith(NOQA_KIND_PREFIX)) return true;
  return false;
}

export function middleware(keys: readonly string[], parse: (uri: string) => vscode.Uri): Middleware {
  return {
    workspace: {
      // VS Code would answer with every `py3port.*` value, defaults and the extension's
      // own keys included; the server wants the analyzer's keys the user set.
      configuration: async (params, token, next) => {
        const ours = configurationAnswer(params, keys, parse);
        if (ours.every((answer) => answer !== undefined)) return ours;
        const theirs = await next(params, token);
        if (!Array.isArray(theirs)) return theirs;
        return theirs.map((answer, index) => ours[index] ?? answer);
      },
    },
    provideCodeActions: async (document, range, context, token, next) => {
      const actions = await next(document, range, context, token);
      if (actions === null || actions === undefined) return actions;
      const settings = clientSettings(document.uri);
      return actions.filter((action) => !("kind" in action && hiddenBySettings(action.kind?.value, settings)));
    },
  };
}

export interface ClientHooks {
  log: vscode.LogOutputChannel;
  trace: vscode.LogOutputChannel;
  errorHandler: ErrorHandler;
  keys: readonly string[];
  parse: (uri: string) => vscode.Uri;
}

/** The client options; `initializationOptions` are read when the client is created. */
export function clientOptions(hooks: ClientHooks): LanguageClientOptions {
  return {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: hooks.log,
    traceOutputChannel: hooks.trace,
    initializationOptions: initializationOptions(hooks.keys),
    middleware: middleware(hooks.keys, hooks.parse),
    errorHandler: hooks.errorHandler,
    // Failures get one notification from the extension (extension.ts), not one per message.
    revealOutputChannelOn: 4 /* RevealOutputChannelOn.Never */,
  };
}
