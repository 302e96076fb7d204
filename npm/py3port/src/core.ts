// The API shared by the browser and the Node entry points: loading the WebAssembly
// analyzer, calling it, and keeping it usable whatever the input.
//
// A panic in Rust cannot be caught inside WebAssembly (it aborts), so the Rust side throws
// it as an Error whose message starts with PANIC_PREFIX; a trap surfaces as a
// WebAssembly.RuntimeError. Either leaves the instance unusable, so `guarded` instantiates
// the compiled module afresh and rethrows a plain Error: no input can break the analyzer
// for the calls after it. Documents notice the new instance and rebuild from their text.

import * as glue from "../pkg/py3port_wasm.js";
import type {
  Diagnostic,
  Dialect,
  FixOptions,
  FixResult,
  InitInput,
  Options,
  Position,
  RuleDocs,
  RuleInfo,
  SettingInfo,
  TextChange,
} from "./types.js";

/** What each entry point provides: how to load the `.wasm` and the rule docs. */
export interface Host {
  compile(input: InitInput | undefined): Promise<WebAssembly.Module>;
  /** Compiles the packaged `.wasm` synchronously, where that is possible (Node). */
  compileSync?: () => WebAssembly.Module;
  loadDocs(input: string | URL | Request | Response | undefined): Promise<unknown>;
}

/** What a Rust panic's message starts with (crates/py3port-wasm/src/panic.rs). */
const PANIC_PREFIX = "py3port panicked: ";

/**
 * The longest text accepted, in UTF-16 code units (128 Mi): up to 384 MiB once encoded as
 * UTF-8 in the analyzer's 4 GiB memory. Anything over `maxFileSize` (10 MB by default) gets
 * one PY3190 diagnostic and no analysis anyway.
 */
export const MAX_TEXT_LENGTH = 2 ** 27;

let host: Host | undefined;
let compiled: WebAssembly.Module | undefined;
let loading: Promise<void> | undefined;
/** Counts instantiations, so that documents notice a new instance. */
let generation = 0;

export function setHost(entry: Host): void {
  host = entry;
}

function instantiate(module: WebAssembly.Module): void {
  glue.__py3portForgetInstance();
  glue.initSync({ module });
  compiled = module;
  generation += 1;
}

/**
 * Loads the analyzer. Without an argument it loads the `.wasm` next to this module (in
 * Node, from the file; in a browser or a bundle, with `fetch`). Calling it again is a no-op.
 * In Node the other functions load it on first use; in a browser, await `init()` first.
 */
export function init(input?: InitInput): Promise<void> {
  if (compiled !== undefined) return Promise.resolve();
  if (loading === undefined) {
    const entry = requireHost();
    loading = entry.compile(input).then(instantiate);
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

function requireHost(): Host {
  if (host === undefined) throw new Error("py3port: import the package's entry point, not its internals");
  return host;
}

function ready(): void {
  if (compiled !== undefined) return;
  const compileSync = requireHost().compileSync;
  if (compileSync === undefined) throw new Error("py3port: the analyzer is not loaded yet: `await init()` first");
  instantiate(compileSync());
}

/** Why an exception means the instance is broken, or `undefined` for an ordinary error. */
function instanceFailure(error: unknown): string | undefined {
  if (error instanceof WebAssembly.RuntimeError) return `WebAssembly trap: ${error.message}`;
  if (error instanceof RangeError && /call stack/i.test(error.message)) return error.message;
  if (error instanceof Error && error.message.startsWith(PANIC_PREFIX)) return error.message;
  return undefined;
}

/** Runs `call` on the instance; after a panic or a trap, starts a new instance and throws. */
function guarded<T>(call: () => T): T {
  ready();
  try {
    return call();
  } catch (error) {
    const failure = instanceFailure(error);
    if (failure === undefined || compiled === undefined) throw error;
    instantiate(compiled);
    throw new Error(`py3port: internal error (the analyzer was restarted; please report this input): ${failure}`, {
      cause: error,
    });
  }
}

function checkText(text: unknown, what: string): asserts text is string {
  if (typeof text !== "string") throw new TypeError(`py3port: ${what} must be a string, not ${describe(text)}`);
  if (text.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`py3port: ${what} is ${text.length} UTF-16 code units long; the limit is ${MAX_TEXT_LENGTH}`);
  }
}

function checkOptions(options: unknown): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`py3port: options must be an object, not ${describe(options)}`);
  }
  // A Map or a class instance would read as an object without keys: the defaults.
  const prototype = Object.getPrototypeOf(options);
  if (prototype !== null && prototype !== Object.prototype) {
    const name = (prototype as { constructor?: { name?: string } }).constructor?.name ?? "a class";
    throw new TypeError(`py3port: options must be a plain object ({ key: value }), not a ${name}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The diagnostics of `source`, sorted by position. Ranges are UTF-16 offsets (`from`,
 * `to`) and LSP positions (`range`); fixes are edits in the same coordinates.
 */
export function analyze(source: string, options?: Options): Diagnostic[] {
  checkText(source, "source");
  checkOptions(options);
  return guarded(() => glue.analyze(source, options) as Diagnostic[]);
}

/**
 * `source` with its fixes applied until none remain: exactly what `py3port check --fix`
 * (with `unsafeFixes: true`, `--fix --unsafe-fixes`) writes.
 */
export function fix(source: string, options?: FixOptions): FixResult {
  checkText(source, "source");
  checkOptions(options);
  return guarded(() => glue.fix(source, options) as FixResult);
}

/**
 * For the package's own tests: a deliberate panic or trap inside the analyzer, through the
 * same guard as every call. Not exported by the entry points.
 */
export function __debugFailure(kind: "panic" | "trap"): void {
  guarded(() => (kind === "panic" ? glue.__debugPanic("deliberate panic for tests") : glue.__debugAbort()));
}

let rulesCache: readonly RuleInfo[] | undefined;
let settingsCache: readonly SettingInfo[] | undefined;

/** Every rule's metadata, sorted by code. `ruleDocs()` loads the documentation. */
export function rules(): RuleInfo[] {
  rulesCache ??= guarded(() => glue.rules() as RuleInfo[]);
  return rulesCache.map((rule) => ({ ...rule }));
}

/** The settings table: every option's key, type, default and description. */
export function settings(): SettingInfo[] {
  settingsCache ??= guarded(() => glue.settings() as SettingInfo[]);
  return settingsCache.map((setting) => ({ ...setting }));
}

/** py3port's version. */
export function version(): string {
  return guarded(() => glue.version());
}

let docsCache: Promise<RuleDocs> | undefined;

/**
 * Loads the rules' documentation (the package's `rules-docs.json`, kept out of the
 * analyzer so that it weighs nothing until asked for). Without an argument, from next to
 * this module; or from a URL, a `Response`, or an already loaded object. Cached.
 */
export function loadRuleDocs(input?: string | URL | Request | Response | RuleDocs): Promise<RuleDocs> {
  if (input !== undefined || docsCache === undefined) {
    const loaded = isRuleDocs(input) ? Promise.resolve(input) : requireHost().loadDocs(input).then(checkDocs);
    docsCache = loaded;
    loaded.catch(() => {
      if (docsCache === loaded) docsCache = undefined;
    });
  }
  return docsCache;
}

function isRuleDocs(value: unknown): value is RuleDocs {
  if (typeof value !== "object" || value === null || value instanceof URL) return false;
  const docs = value as { version?: unknown; rules?: unknown };
  return typeof docs.version === "string" && typeof docs.rules === "object" && docs.rules !== null;
}

function checkDocs(value: unknown): RuleDocs {
  if (!isRuleDocs(value)) throw new Error("py3port: the rule documentation is not a py3port rules-docs.json");
  const analyzer = version();
  if (value.version !== analyzer) {
    throw new Error(`py3port: the rule documentation is for py3port ${value.version}, the analyzer is ${analyzer}`);
  }
  return value;
}

/** One rule's documentation in Markdown, by code (`PY3101`) or name (`print-statement`). */
export async function ruleDocs(rule: string): Promise<string> {
  const meta = rules().find((candidate) => candidate.code === rule.toUpperCase() || candidate.name === rule);
  if (meta === undefined) throw new Error(`py3port: unknown rule \`${rule}\``);
  const docs = await loadRuleDocs();
  return docs.rules[meta.code] ?? "";
}

/** Frees a document's WebAssembly memory once the document is garbage, if its instance is still the current one. */
const finalizer = new FinalizationRegistry<{ raw: glue.Document; generation: number }>((held) => {
  if (held.generation === generation) held.raw.free();
});

/**
 * A document for editors: keeps its text and analysis between edits and re-analyses only
 * the top-level statements an edit touches (the result is always the same as `analyze`).
 * Call `dispose()` when done (or let the garbage collector do it).
 */
export class Document {
  #text: string;
  #options: Options | undefined;
  #raw: glue.Document | undefined;
  #generation = -1;
  #disposed = false;

  /** Throws, as `analyze` does, on invalid options. */
  constructor(text: string, options?: Options) {
    checkText(text, "text");
    checkOptions(options);
    this.#text = text;
    this.#options = options === undefined || options === null ? undefined : { ...options };
    this.#wasm();
  }

  /** The wasm-side document of the current instance, rebuilt from the text after a restart. */
  #wasm(options: Options | undefined = this.#options): glue.Document {
    if (this.#disposed) throw new Error("py3port: the document was disposed");
    if (this.#raw !== undefined && this.#generation === generation) return this.#raw;
    const raw = guarded(() => new glue.Document(this.#text, options));
    finalizer.unregister(this);
    this.#raw = raw;
    this.#generation = generation;
    finalizer.register(this, { raw, generation }, this);
    return raw;
  }

  /** The wasm-side document if it belongs to the current instance (else the next call rebuilds it). */
  #current(): glue.Document | undefined {
    if (this.#disposed) throw new Error("py3port: the document was disposed");
    return this.#raw !== undefined && this.#generation === generation ? this.#raw : undefined;
  }

  /** The current text. */
  get text(): string {
    return this.#text;
  }

  /** How many top-level statements the last update analysed again. */
  get lastWalked(): number {
    const raw = this.#wasm();
    return guarded(() => raw.lastWalked());
  }

  /**
   * Applies changes in order, each in the coordinates of the text the previous ones
   * produced (as LSP's `didChange`; for a CodeMirror `ChangeSet`, whose changes all refer
   * to the old text, pass them from last to first). Offsets are clamped to the text.
   */
  update(changes: TextChange | readonly TextChange[]): void {
    const list = (Array.isArray(changes) ? changes : [changes]) as readonly TextChange[];
    const normalized = list.map(normalizeChange);
    let text = this.#text;
    for (const change of normalized) {
      const { from, to } = clampRange(text, change.from, change.to);
      text = text.slice(0, from) + change.insert + text.slice(to);
    }
    checkText(text, "text");
    // The text is kept first: whatever happens to the analyzer, the document follows the
    // editor (after a restart it is rebuilt from this text).
    const raw = this.#current();
    this.#text = text;
    if (raw === undefined) this.#wasm();
    else guarded(() => raw.update(normalized));
  }

  /** Replaces the whole text. */
  setText(text: string): void {
    checkText(text, "text");
    const raw = this.#current();
    this.#text = text;
    if (raw === undefined) this.#wasm();
    else guarded(() => raw.setText(text));
  }

  /** Replaces the options (throws on invalid ones, keeping the current options). */
  setOptions(options?: Options): void {
    checkOptions(options);
    const copy = options === undefined || options === null ? undefined : { ...options };
    const raw = this.#current();
    if (raw === undefined) this.#wasm(copy);
    else guarded(() => raw.setOptions(copy));
    this.#options = copy;
  }

  /** The diagnostics of the current text, as `analyze` returns them. */
  diagnostics(): Diagnostic[] {
    const raw = this.#wasm();
    return guarded(() => raw.diagnostics() as Diagnostic[]);
  }

  /** Which Python the text is written in. */
  dialect(): Dialect {
    const raw = this.#wasm();
    return guarded(() => raw.dialect() as Dialect);
  }

  /** The LSP position of a UTF-16 offset. */
  positionAt(offset: number): Position {
    const raw = this.#wasm();
    return guarded(() => raw.positionAt(toIndex(offset, "offset")) as Position);
  }

  /** The UTF-16 offset of an LSP position (a character past the line's end means its end). */
  offsetAt(position: Position): number {
    const line = toIndex(position.line, "line");
    const character = toIndex(position.character, "character");
    const raw = this.#wasm();
    return guarded(() => raw.offsetAt({ line, character }));
  }

  /** Frees the document's memory; it cannot be used afterwards. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    finalizer.unregister(this);
    if (this.#raw !== undefined && this.#generation === generation) this.#raw.free();
    this.#raw = undefined;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** An offset or a line number as the analyzer takes it: a non-negative integer (clamped to 2^32 - 1). */
function toIndex(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`py3port: ${what} must be a non-negative integer, not ${String(value)}`);
  }
  return Math.min(value, 0xffff_ffff);
}

function normalizeChange(change: TextChange): { from: number; to: number; insert: string } {
  if (typeof change !== "object" || change === null) throw new TypeError("py3port: a change must be an object");
  const from = toIndex(change.from, "a change's `from`");
  const to = change.to === undefined ? from : toIndex(change.to, "a change's `to`");
  const insert = change.insert ?? "";
  if (typeof insert !== "string") throw new TypeError("py3port: a change's `insert` must be a string");
  return { from, to, insert };
}

/**
 * The range a change replaces, as the analyzer reads it: in order, clamped to the text,
 * and never between the two halves of a surrogate pair.
 */
function clampRange(text: string, from: number, to: number): { from: number; to: number } {
  const floor = (offset: number): number => {
    const clamped = Math.min(offset, text.length);
    const splitsPair =
      clamped > 0 &&
      clamped < text.length &&
      isHighSurrogate(text.charCodeAt(clamped - 1)) &&
      isLowSurrogate(text.charCodeAt(clamped));
    return splitsPair ? clamped - 1 : clamped;
  };
  return { from: floor(Math.min(from, to)), to: floor(Math.max(from, to)) };
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
