// The "py3port" output channel, filtered by `py3port.logLevel`, and the trace channel,
// on when `py3port.trace.server` is not `off`.
//
// vscode-languageclient writes through the `LogOutputChannel` interface; a log channel of
// VS Code's own would filter by its level (set with "Developer: Set Log Level"), which no
// setting reaches. So the channels here are plain output channels behind that interface,
// filtered by the extension's settings alone.

import * as vscode from "vscode";

import type { LogLevel } from "./settings";

const LEVELS: Record<LogLevel, vscode.LogLevel> = {
  error: vscode.LogLevel.Error,
  warning: vscode.LogLevel.Warning,
  info: vscode.LogLevel.Info,
  debug: vscode.LogLevel.Debug,
};

const NAMES: Partial<Record<vscode.LogLevel, string>> = {
  [vscode.LogLevel.Trace]: "trace",
  [vscode.LogLevel.Debug]: "debug",
  [vscode.LogLevel.Info]: "info",
  [vscode.LogLevel.Warning]: "warning",
  [vscode.LogLevel.Error]: "error",
};

export function toLogLevel(level: LogLevel): vscode.LogLevel {
  return LEVELS[level];
}

/** A `LogOutputChannel` over a plain output channel, showing messages at `level()` or above. */
export class FilteredChannel implements vscode.LogOutputChannel {
  readonly #base: vscode.OutputChannel;
  #level: vscode.LogLevel;
  readonly #changed = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.#changed.event;

  constructor(base: vscode.OutputChannel, level: vscode.LogLevel) {
    this.#base = base;
    this.#level = level;
  }

  get name(): string {
    return this.#base.name;
  }

  get logLevel(): vscode.LogLevel {
    return this.#level;
  }

  setLevel(level: vscode.LogLevel): void {
    if (level === this.#level) return;
    this.#level = level;
    this.#changed.fire(level);
  }

  #write(level: vscode.LogLevel, message: string | Error, args: unknown[]): void {
    // `Off` is 0, below every level, so it is checked on its own.
    if (this.#level === vscode.LogLevel.Off || level < this.#level) return;
    const text = message instanceof Error ? (message.stack ?? message.message) : message;
    const rest = args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" ");
    const stamp = new Date().toISOString().replace("T", " ").replace("Z", "");
    this.#base.appendLine(`${stamp} [${NAMES[level] ?? "log"}] ${text}${rest === "" ? "" : ` ${rest}`}`);
  }

  trace(message: string, ...args: unknown[]): void {
    this.#write(vscode.LogLevel.Trace, message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.#write(vscode.LogLevel.Debug, message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.#write(vscode.LogLevel.Info, message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.#write(vscode.LogLevel.Warning, message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.#write(vscode.LogLevel.Error, error, args);
  }
  append(value: string): void {
    this.#base.append(value);
  }
  appendLine(value: string): void {
    this.#base.appendLine(value);
  }
  replace(value: string): void {
    this.#base.replace(value);
  }
  clear(): void {
    this.#base.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === "boolean") this.#base.show(columnOrPreserveFocus);
    else this.#base.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.#base.hide();
  }
  dispose(): void {
    this.#changed.dispose();
    this.#base.dispose();
  }
}

/** The extension's two channels. */
export interface Channels {
  log: FilteredChannel;
  trace: FilteredChannel;
  /** Applies `py3port.logLevel` and `py3port.trace.server`. */
  update(logLevel: LogLevel, traceServer: "off" | "messages" | "verbose"): void;
  dispose(): void;
}

export function createChannels(logLevel: LogLevel, traceServer: "off" | "messages" | "verbose"): Channels {
  const log = new FilteredChannel(vscode.window.createOutputChannel("py3port"), toLogLevel(logLevel));
  // vscode-languageclient traces only while its trace channel's level is Trace; the
  // verbosity then comes from `py3port.trace.server`.
  const traceLevel = (value: string): vscode.LogLevel => (value === "off" ? vscode.LogLevel.Off : vscode.LogLevel.Trace);
  const trace = new FilteredChannel(vscode.window.createOutputChannel("py3port Language Server Trace"), traceLevel(traceServer));
  return {
    log,
    trace,
    update(level, server) {
      log.setLevel(toLogLevel(level));
      trace.setLevel(traceLevel(server));
    },
    dispose() {
      log.dispose();
      trace.dispose();
    },
  };
}
