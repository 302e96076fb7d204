// The `py3port.*` settings: which belong to the extension and which to the analyzer, and
// the settings object the language server (or the WebAssembly analyzer) is given.
//
// The analyzer's keys are the contributed ones minus the extension's own (a test checks
// that the contributed ones are exactly the core's settings table plus CLIENT_KEYS), so
// a key added to the table needs no change here.

import * as vscode from "vscode";

export const SECTION = "py3port";

/** Settings of the extension itself; the server refuses unknown keys, so these are never sent. */
export const CLIENT_KEYS = [
  "enable",
  "path",
  "importStrategy",
  "fixAll",
  "codeAction.disableRuleComment.enable",
  "logLevel",
  "trace.server",
] as const;

/** Settings whose change needs a new server process (another binary, or none). */
export const RESTART_KEYS = ["enable", "path", "importStrategy"] as const;

export type ImportStrategy = "fromEnvironment" | "useBundled";
export type LogLevel = "error" | "warning" | "info" | "debug";

export interface ClientSettings {
  enable: boolean;
  /** `py3port.path` as the workspace's trust allows: only the user's own value when untrusted. */
  path: string[];
  importStrategy: ImportStrategy;
  fixAll: boolean;
  disableRuleComment: boolean;
  logLevel: LogLevel;
  traceServer: "off" | "messages" | "verbose";
}

/** The analyzer's settings object: camelCase keys of docs/settings.md. */
export type ServerSettings = Record<string, unknown>;

interface Manifest {
  contributes?: { configuration?: { properties?: Record<string, unknown> } | { properties?: Record<string, unknown> }[] };
}

/** Every contributed `py3port.*` key, without the prefix. */
export function contributedKeys(manifest: Manifest): string[] {
  const configuration = manifest.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration === undefined ? [] : [configuration];
  const prefix = `${SECTION}.`;
  return sections
    .flatMap((section) => Object.keys(section.properties ?? {}))
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

/** The analyzer's keys: every contributed key that is not the extension's own. */
export function coreKeys(manifest: Manifest): string[] {
  const client = new Set<string>(CLIENT_KEYS);
  return contributedKeys(manifest).filter((key) => !client.has(key));
}

/**
 * The value a setting was given explicitly, at the most specific level that sets it, or
 * `undefined` when it is left at its default.
 */
function explicitValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = config.inspect(key);
  if (inspected === undefined) return undefined;
  return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
}

/**
 * The settings the analyzer gets for a scope: only those set explicitly. A default is not
 * sent, because editor settings take precedence over the project's `pyproject.toml` or
 * `py3port.toml` in the server, and a default must not hide the project's value.
 */
export function serverSettings(config: vscode.WorkspaceConfiguration, keys: readonly string[]): ServerSettings {
  const settings: ServerSettings = {};
  for (const key of keys) {
    const value = explicitValue(config, key);
    if (value !== undefined && value !== null) settings[key] = value;
  }
  return settings;
}

/** The server's settings for a scope (a folder or document URI; none for the window). */
export function serverSettingsFor(keys: readonly string[], scope?: vscode.Uri): ServerSettings {
  return serverSettings(vscode.workspace.getConfiguration(SECTION, scope ?? null), keys);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** The extension's own settings for a scope. */
export function clientSettings(scope?: vscode.Uri): ClientSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope ?? null);
  // `py3port.path` runs a program: in an untrusted workspace only the user's own value
  // counts (VS Code enforces this for restricted settings too; this does not rely on it).
  const rawPath = vscode.workspace.isTrusted ? config.get<unknown>("path") : config.inspect<unknown>("path")?.globalValue;
  const path = (Array.isArray(rawPath) ? rawPath : typeof rawPath === "string" ? [rawPath] : []).filter(
    (entry): entry is string => typeof entry === "string" && entry.trim() !== "",
  );
  const rawStrategy = vscode.workspace.isTrusted
    ? config.get<unknown>("importStrategy")
    : config.inspect<unknown>("importStrategy")?.globalValue;
  return {
    enable: config.get<boolean>("enable", true) !== false,
    path,
    importStrategy: oneOf(rawStrategy, ["fromEnvironment", "useBundled"], "fromEnvironment"),
    fixAll: config.get<boolean>("fixAll", true) !== false,
    disableRuleComment: config.get<boolean>("codeAction.disableRuleComment.enable", true) !== false,
    logLevel: oneOf(config.get<unknown>("logLevel"), ["error", "warning", "info", "debug"], "info"),
    traceServer: oneOf(config.get<unknown>("trace.server"), ["off", "messages", "verbose"], "off"),
  };
}

/**
 * Whether new settings need a new server process although only analyzer keys changed: the
 * server keeps `initializationOptions` as its lowest editor layer, so a key that was set
 * there and is no longer set would keep its old value until the process restarts.
 */
export function dropsInitializationKey(initialization: ServerSettings, now: ServerSettings): boolean {
  return Object.keys(initialization).some((key) => !(key in now));
}
