// The types of the py3port JavaScript API. The Rust side that produces these objects is
// crates/py3port-wasm/src/model.rs; a field added there is added here.

/** How serious a diagnostic is. */
export type Severity = "error" | "warning" | "info" | "hint";

/** How sure a diagnostic is that the code breaks or changes meaning on Python 3. */
export type Confidence = "high" | "medium";

/**
 * Whether a fix may be applied without a person reading it: `safe` fixes keep the
 * behaviour and every comment; `unsafe` ones may change behaviour in some cases (applied
 * by `fix()` only with `unsafeFixes`); `display-only` ones are suggestions, never applied.
 */
export type Applicability = "safe" | "unsafe" | "display-only";

/** The kind of breakage a rule is about, from its code (`PY31xx` is `syntax`, ...). */
export type Family = "syntax" | "builtins" | "stdlib" | "behaviour" | "leftovers" | "dependencies";

/** Whether a rule offers fixes. */
export type FixAvailability = "never" | "sometimes" | "always";

/** Which Python a text is written in, judged from its syntax (or the `source` option). */
export type Dialect = "python2" | "python3" | "compatible" | "undetermined";

/** A position as LSP defines it: 0-based line, and character in UTF-16 code units (Monaco adds 1 to both). */
export interface Position {
  line: number;
  character: number;
}

/** A range of LSP positions; `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * Replace `from..to` with `newText`. `from` and `to` are UTF-16 offsets into the analysed
 * text, as JavaScript strings and CodeMirror count; `range` is the same span as LSP positions.
 */
export interface Edit {
  from: number;
  to: number;
  range: Range;
  newText: string;
}

/** The edits that resolve one diagnostic: sorted, non-overlapping, all in the coordinates of the analysed text. */
export interface Fix {
  /** What the fix does, phrased as an action ("Replace with `print(...)`"). */
  title: string;
  applicability: Applicability;
  edits: Edit[];
}

/** One finding. */
export interface Diagnostic {
  /** The rule's stable code, `PY3101`. */
  code: string;
  /** The rule's kebab-case name, `print-statement`. */
  name: string;
  family: Family;
  /** After the `severity` option. */
  severity: Severity;
  confidence: Confidence;
  message: string;
  /** The rule's documentation page. */
  url: string;
  /** UTF-16 offsets into the analysed text. */
  from: number;
  to: number;
  /** The same span as LSP positions. */
  range: Range;
  fix: Fix | null;
}

/** The Python 3 versions `targetVersion` accepts. */
export type PythonVersion =
  | "py36"
  | "py37"
  | "py38"
  | "py39"
  | "py310"
  | "py311"
  | "py312"
  | "py313"
  | "py314";

/**
 * Analysis options: the settings table's camelCase keys (docs/settings.md). `undefined`
 * or `null` means "not set". An unknown key or an invalid value throws an `Error` whose
 * message names the key and what it accepts.
 */
export interface Options {
  /** Rules to enable, by code, code prefix (`PY31`), name or `ALL`; replaces the default set. */
  select?: readonly string[] | null | undefined;
  /** Rules to enable in addition to `select` (or the default set). */
  extendSelect?: readonly string[] | null | undefined;
  /** Rules to disable; where `select` and `ignore` both match a rule, the more specific wins. */
  ignore?: readonly string[] | null | undefined;
  /** Rules to disable in addition to `ignore`. */
  extendIgnore?: readonly string[] | null | undefined;
  /** Severity per rule selector, `{ PY3101: "warning" }`. */
  severity?: Readonly<Record<string, Severity>> | null | undefined;
  /** Which Python the code is written in; `auto` judges it from its syntax. */
  source?: "auto" | "py2" | "py3" | null | undefined;
  /** What fixes produce: `py3`, code for Python 3 only; `py2-py3`, code that still runs on Python 2.7. */
  target?: "py3" | "py2-py3" | null | undefined;
  /** With `target: "py2-py3"`: the compatibility library fixes may use, or `none`. */
  compatLibrary?: "six" | "future" | "none" | null | undefined;
  /** The oldest Python 3 the code must run on (default `py312`). */
  targetVersion?: PythonVersion | null | undefined;
  /** Texts larger than this many UTF-8 bytes get one PY3190 diagnostic instead of analysis. */
  maxFileSize?: number | null | undefined;
  /** The least confidence a diagnostic needs to be shown (default `high`). */
  minConfidence?: Confidence | null | undefined;
  /** Rules whose fixes `fix()` never applies (their diagnostics are still reported). */
  unfixable?: readonly string[] | null | undefined;
}

/** Options of `fix()`. */
export interface FixOptions extends Options {
  /** Also apply unsafe fixes, as `py3port check --fix --unsafe-fixes` does. */
  unsafeFixes?: boolean | null | undefined;
}

/** A fix `fix()` left out because it would have made the code unparsable. */
export interface DroppedFix {
  code: string;
  title: string;
}

/** What `fix()` returns. */
export interface FixResult {
  /** The fixed text: what `py3port check --fix` writes. */
  output: string;
  /** How many fixes were applied. */
  applied: number;
  /** How many fixes of each rule were applied, by code. */
  appliedByRule: Record<string, number>;
  /** The diagnostics of `output`, in its coordinates. */
  remaining: Diagnostic[];
  dropped: DroppedFix[];
  /** `false` when fixes kept producing new fixes until the round limit. */
  converged: boolean;
}

/** A rule's metadata; its documentation is loaded separately by `ruleDocs()`. */
export interface RuleInfo {
  code: string;
  name: string;
  family: Family;
  /** One sentence: what the rule flags. */
  summary: string;
  /** The default severity. */
  severity: Severity;
  defaultEnabled: boolean;
  fixAvailability: FixAvailability;
  /** The rule's documentation page. */
  url: string;
}

/** One row of the settings table. */
export interface SettingInfo {
  /** The option's key. */
  key: string;
  /** The same setting in `pyproject.toml`'s `[tool.py3port]`. */
  toml: string;
  /** The value's type, in the notation of docs/settings.md. */
  type: string;
  /** The default, as TOML writes it. */
  default: string;
  /** `analysis` settings affect `analyze`; `files` ones only the CLI and the language server (accepted and ignored here). */
  scope: "analysis" | "files";
  description: string;
}

/** Every rule's documentation in Markdown, by code. */
export interface RuleDocs {
  version: string;
  rules: Record<string, string>;
}

/**
 * A change to a `Document`: replace `from..to` (UTF-16 offsets; `to` defaults to `from`,
 * an insertion) with `insert` (default: nothing, a deletion).
 */
export interface TextChange {
  from: number;
  to?: number | undefined;
  insert?: string | undefined;
}

/**
 * What `init()` takes: the `.wasm`'s URL (or a path, in Node), a `Response` (or a promise
 * of one, such as `fetch(url)`), its bytes, or a compiled `WebAssembly.Module`.
 */
export type InitInput =
  | URL
  | string
  | Request
  | Response
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | PromiseLike<URL | string | Request | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module>;
