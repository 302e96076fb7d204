// A small `vscode` module for the unit tests: the parts of the API the extension's modules
// use, with settings at the user, workspace and folder levels, recorded notifications and
// output, and text documents. test/mock/register.ts makes `require("vscode")` load it.
//
// It implements behaviour (configuration precedence, ranges, code action kinds) rather than
// returning canned values, so the modules under test do their real work against it.

import { readFile } from "node:fs/promises";
import * as path from "node:path";

// Enums, with VS Code's values.
export enum LogLevel {
  Off = 0,
  Trace = 1,
  Debug = 2,
  Info = 3,
  Warning = 4,
  Error = 5,
}
export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}
export enum DiagnosticTag {
  Unnecessary = 1,
  Deprecated = 2,
}

export const version = "1.91.0-mock";

export class Disposable {
  constructor(private readonly callback: () => void = () => {}) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.callback();
  }
}

export type Event<T> = (listener: (value: T) => unknown) => Disposable;

export class EventEmitter<T> {
  #listeners = new Set<(value: T) => unknown>();
  event: Event<T> = (listener) => {
    this.#listeners.add(listener);
    return new Disposable(() => this.#listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of [...this.#listeners]) listener(value);
  }
  dispose(): void {
    this.#listeners.clear();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(fsPath: string): Uri {
    return new Uri("file", path.resolve(fsPath));
  }
  static parse(value: string): Uri {
    const match = /^([a-z][a-z0-9+.-]*):(?:\/\/[^/]*)?(.*)$/i.exec(value);
    if (match === null) throw new Error(`mock Uri.parse: not a URI: ${value}`);
    return new Uri(match[1] as string, decodeURIComponent(match[2] as string));
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...segments));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return this.scheme === "file" ? `file://${encodeURI(this.path)}` : `${this.scheme}:${this.path}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  compareTo(other: Position): number {
    return this.line - other.line || this.character - other.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = a instanceof Position ? a : new Position(a, b as number);
    this.end = b instanceof Position ? b : new Position(c as number, d as number);
  }
  intersection(other: Range): Range | undefined {
    const start = this.start.compareTo(other.start) >= 0 ? this.start : other.start;
    const end = this.end.compareTo(other.end) <= 0 ? this.end : other.end;
    return start.compareTo(end) > 0 ? undefined : new Range(start, end);
  }
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  tags?: DiagnosticTag[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind("");
  static readonly QuickFix = new CodeActionKind("quickfix");
  static readonly Source = new CodeActionKind("source");
  static readonly SourceFixAll = new CodeActionKind("source.fixAll");
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value === "" ? part : `${this.value}.${part}`);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === "" || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export class WorkspaceEdit {
  readonly edits = new Map<string, TextEdit[]>();
  replace(uri: Uri, range: Range, newText: string): void {
    const key = uri.toString();
    this.edits.set(key, [...(this.edits.get(key) ?? []), { range, newText }]);
  }
  get size(): number {
    return this.edits.size;
  }
}

export class CodeAction {
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

/** A text document with VS Code's offset and position conversions (UTF-16, LF/CRLF/CR). */
export class TextDocument {
  version = 1;
  constructor(
    readonly uri: Uri,
    readonly languageId: string,
    private text: string,
  ) {}
  getText(): string {
    return this.text;
  }
  #lineStarts(): number[] {
    const starts = [0];
    for (let index = 0; index < this.text.length; index += 1) {
      const char = this.text[index];
      if (char === "\r" && this.text[index + 1] === "\n") continue;
      if (char === "\n" || char === "\r") starts.push(index + 1);
    }
    return starts;
  }
  positionAt(offset: number): Position {
    const starts = this.#lineStarts();
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line += 1;
    return new Position(line, offset - (starts[line] as number));
  }
  offsetAt(position: Position): number {
    const starts = this.#lineStarts();
    return Math.min((starts[position.line] ?? this.text.length) + position.character, this.text.length);
  }
  /** Applies edits (in the coordinates of the current text) and returns the change event. */
  edit(edits: { range: Range; newText: string }[]): TextDocumentChangeEvent {
    const sorted = [...edits].sort((a, b) => b.range.start.compareTo(a.range.start));
    const contentChanges = sorted.map((edit) => {
      const from = this.offsetAt(edit.range.start);
      const to = this.offsetAt(edit.range.end);
      this.text = this.text.slice(0, from) + edit.newText + this.text.slice(to);
      return { range: edit.range, rangeOffset: from, rangeLength: to - from, text: edit.newText };
    });
    this.version += 1;
    return { document: this, contentChanges };
  }
}

export interface TextDocumentChangeEvent {
  document: TextDocument;
  contentChanges: { range: Range; rangeOffset: number; rangeLength: number; text: string }[];
}

// Settings.

type Values = Record<string, unknown>;

/** The settings store; tests set values at each level. */
export const settings = {
  defaults: {} as Values,
  global: {} as Values,
  workspace: {} as Values,
  /** Per workspace folder path. */
  folders: new Map<string, Values>(),
  reset(): void {
    this.global = {};
    this.workspace = {};
    this.folders.clear();
  },
};

function folderValues(scope: Uri | null | undefined): Values | undefined {
  if (scope === undefined || scope === null) return undefined;
  const folder = workspace.getWorkspaceFolder(scope);
  return folder === undefined ? undefined : settings.folders.get(folder.uri.fsPath);
}

export interface WorkspaceConfiguration {
  get<T>(key: string, defaultValue?: T): T;
  has(key: string): boolean;
  inspect<T>(key: string): { key: string; defaultValue?: T; globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined;
}

const RESTRICTED = new Set(["path", "importStrategy"]);

export const workspace = {
  isTrusted: true,
  workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
  textDocuments: [] as TextDocument[],
  getWorkspaceFolder(uri: Uri): { uri: Uri; name: string; index: number } | undefined {
    return workspace.workspaceFolders
      ?.filter((folder) => uri.fsPath === folder.uri.fsPath || uri.fsPath.startsWith(folder.uri.fsPath + path.sep))
      .sort((a, b) => b.uri.fsPath.length - a.uri.fsPath.length)[0];
  },
  getConfiguration(section: string, scope?: Uri | null): WorkspaceConfiguration {
    const full = (key: string): string => `${section}.${key}`;
    const inspect = <T>(key: string) => ({
      key: full(key),
      defaultValue: settings.defaults[full(key)] as T | undefined,
      globalValue: settings.global[full(key)] as T | undefined,
      workspaceValue: settings.workspace[full(key)] as T | undefined,
      workspaceFolderValue: folderValues(scope)?.[full(key)] as T | undefined,
    });
    return {
      get<T>(key: string, defaultValue?: T): T {
        const value = inspect<T>(key);
        // VS Code ignores the workspace's values of restricted settings when untrusted.
        const local = workspace.isTrusted || !RESTRICTED.has(key) ? (value.workspaceFolderValue ?? value.workspaceValue) : undefined;
        return (local ?? value.globalValue ?? value.defaultValue ?? defaultValue) as T;
      },
      has: (key) => full(key) in settings.defaults,
      inspect,
    };
  },
  /** `workspace.fs` over the local disk (file URIs only). */
  fs: {
    readFile: async (uri: Uri): Promise<Uint8Array> => new Uint8Array(await readFile(uri.fsPath)),
  },
  onDidOpenTextDocument: new EventEmitter<TextDocument>().event,
  onDidChangeTextDocument: new EventEmitter<TextDocumentChangeEvent>().event,
  onDidCloseTextDocument: new EventEmitter<TextDocument>().event,
  onDidChangeConfiguration: new EventEmitter<unknown>().event,
  onDidGrantWorkspaceTrust: new EventEmitter<void>().event,
};

// Windows, output and notifications.

export interface Notification {
  level: "error" | "warning" | "info";
  message: string;
  actions: string[];
}

export const recorded = {
  notifications: [] as Notification[],
  output: new Map<string, string[]>(),
  reset(): void {
    this.notifications = [];
    this.output.clear();
  },
};

function notify(level: Notification["level"]) {
  return (message: string, ...actions: string[]): Promise<string | undefined> => {
    recorded.notifications.push({ level, message, actions });
    return Promise.resolve(undefined);
  };
}

export const window = {
  activeTextEditor: undefined as { document: TextDocument } | undefined,
  showErrorMessage: notify("error"),
  showWarningMessage: notify("warning"),
  showInformationMessage: notify("info"),
  createOutputChannel(name: string) {
    const lines: string[] = [];
    recorded.output.set(name, lines);
    return {
      name,
      append: (value: string) => lines.push(value),
      appendLine: (value: string) => lines.push(value),
      replace: (value: string) => lines.splice(0, lines.length, value),
      clear: () => lines.splice(0, lines.length),
      show: () => {},
      hide: () => {},
      dispose: () => {},
    };
  },
};

export class DiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  constructor(readonly name: string) {}
  set(uri: Uri, diagnostics: Diagnostic[]): void {
    this.entries.set(uri.toString(), diagnostics);
  }
  get(uri: Uri): Diagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  dispose(): void {
    this.entries.clear();
  }
}

export const languages = {
  collections: [] as DiagnosticCollection[],
  createDiagnosticCollection(name: string): DiagnosticCollection {
    const collection = new DiagnosticCollection(name);
    languages.collections.push(collection);
    return collection;
  },
  registerCodeActionsProvider: () => new Disposable(),
};

export const extensions = {
  installed: new Map<string, unknown>(),
  getExtension(id: string) {
    if (!extensions.installed.has(id)) return undefined;
    const api = extensions.installed.get(id);
    return { id, isActive: true, exports: api, activate: () => Promise.resolve(api) };
  },
};

export const commands = {
  registered: new Map<string, (...args: unknown[]) => unknown>(),
  registerCommand(id: string, callback: (...args: unknown[]) => unknown): Disposable {
    commands.registered.set(id, callback);
    return new Disposable(() => commands.registered.delete(id));
  },
  executeCommand: (id: string, ...args: unknown[]) => Promise.resolve(commands.registered.get(id)?.(...args)),
};

// Classes vscode-languageclient extends when it is loaded (its constructors are not used by
// the tests: the desktop entry is tested up to the point where it would start a client).
export class CallHierarchyItem {}
export class CodeLens {}
export class CompletionItem {}
export class DocumentLink {}
export class InlayHint {}
export class SymbolInformation {}
export class TypeHierarchyItem {}
export class CancellationError extends Error {}
