// The annotator: a unified diff (and, when the host has them, the new files' full text)
// in, annotations on the diff's lines out, each with what a review comment needs: where
// it goes, the message, the rule's documentation, and the fix as a GitHub suggestion.
// It knows nothing of any host's page or API: GitHub, GitLab or a CI job render its output.

import { analyze as py3portAnalyze, type Applicability, type Confidence, type Diagnostic, type Family, type Options, type Severity } from "py3port";

import { type DiffFile, type DiffLine, type FileStatus, type Hunk, parseDiff } from "./diff.js";
import { repairHunk } from "./hunk.js";
import { commentBody, suggestionBlock } from "./markdown.js";

/**
 * Which diagnostics are reported, as reviewdog's `-filter-mode` decides:
 * `added` (the default): on added or changed lines; `diff_context`: on any line the diff
 * shows (added lines and their context); `file`: anywhere in a file the diff touches.
 * A diagnostic spanning several lines counts when any of its lines does.
 */
export type FilterMode = "added" | "diff_context" | "file";

export const FILTER_MODES: readonly FilterMode[] = ["added", "diff_context", "file"];

/** The full text of the new revision of files, by their new path. */
export type FileSource =
  | Readonly<Record<string, string | undefined>>
  | ReadonlyMap<string, string>
  | ((path: string) => string | undefined | null);

/** What `annotate` takes besides the diff. */
export interface AnnotateOptions {
  /** Default `added`. */
  filter?: FilterMode | undefined;
  /** Full texts of the new revision: analysed instead of the hunks alone (more context, fewer misses). */
  files?: FileSource | undefined;
  /** py3port's analysis options (`select`, `targetVersion`, ...). */
  options?: Options | undefined;
  /** The analyzer; py3port's `analyze` by default (a host may run it elsewhere, in a worker). */
  analyze?: ((text: string, options?: Options) => Diagnostic[]) | undefined;
  /** Which files are Python; `isPythonFile` by default. */
  isPython?: ((path: string, firstLine: string | undefined) => boolean) | undefined;
  /** `patch -p` for the diff's paths; by default 1 for git's `a/` and `b/` prefixes, else 0. */
  strip?: number | undefined;
}

/** Where a review comment goes: the new file's lines `startLine..line` (GitHub's `start_line`/`line`, side `RIGHT`). */
export interface CommentRange {
  startLine: number;
  line: number;
  side: "RIGHT";
  /** The old file's number of `line` when the diff shows it as a context line, else `null` (GitLab's `old_line`). */
  oldLine: number | null;
}

/** A fix, as a reviewer sees it. */
export interface AnnotationFix {
  /** What the fix does ("Replace with a `print()` call"). */
  title: string;
  applicability: Applicability;
  /**
   * The fix as a GitHub suggestion block (`` ```suggestion ``), replacing the lines of
   * `commentRange`; `null` when the fix cannot be one (see `reason`).
   */
  suggestion: string | null;
  /** The new text of the lines `startLine..endLine`, one string per line (without line endings). */
  replacement: string[] | null;
  /** The new file's lines the suggestion replaces, 1-based and inclusive. */
  startLine: number | null;
  endLine: number | null;
  /** Why there is no suggestion (the fix edits lines the diff does not show, ...). */
  reason: string | null;
}

/** One diagnostic placed on the diff. */
export interface Annotation {
  /** The file's path in the new revision. */
  path: string;
  /** 1-based line in the new file where the diagnostic starts, and where it ends (inclusive). */
  line: number;
  endLine: number;
  /** 1-based columns in UTF-16 code units (as JavaScript strings count). */
  column: number;
  endColumn: number;
  /** What the diff shows on `line`: an added line, a context line, or nothing (`file` mode). */
  lineKind: "added" | "context" | "outside";
  /** GitHub's legacy diff `position` of the comment line, or `null` outside the diff. */
  position: number | null;
  /** Where to post a review comment (the suggestion's lines when there is one), or `null` when the diff does not show the lines. */
  commentRange: CommentRange | null;
  code: string;
  name: string;
  family: Family;
  severity: Severity;
  confidence: Confidence;
  message: string;
  /** The rule's documentation page. */
  docsUrl: string;
  fix: AnnotationFix | null;
  /** `file`: the whole new file was analysed; `hunk`: only this hunk, with its indentation repaired. */
  analysed: "file" | "hunk";
  /** Says so when only the hunk was analysed, and why. */
  note: string | null;
  /** A Markdown review comment: the message, the documentation link, the note and the suggestion. */
  body: string;
}

/** Counts for a per-file summary (a badge). */
export interface FileSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  /** Annotations whose fix is offered as a suggestion. */
  suggestions: number;
}

/** What `annotate` says about one file of the diff. */
export interface FileReport {
  /** The new path (the old one for a deleted file). */
  path: string;
  oldPath: string | null;
  newPath: string | null;
  status: FileStatus;
  python: boolean;
  /** `file`: the full new text; `hunks`: each hunk alone; `none`: not analysed (see `reason`). */
  analysed: "file" | "hunks" | "none";
  /** Why the file was not analysed, or why only its hunks were. */
  reason: string | null;
  annotations: Annotation[];
  summary: FileSummary;
}

export interface AnnotateResult {
  files: FileReport[];
  /** Every file's annotations, in diff order. */
  annotations: Annotation[];
}

const PYTHON_EXTENSIONS = /\.(py|pyw)$/i;
const PYTHON_SHEBANG = /^#!.*\bpython[0-9.]*\b/;

/** What `py3port check` takes: `.py` and `.pyw` files, and files with a `python` shebang. */
export function isPythonFile(path: string, firstLine?: string): boolean {
  if (PYTHON_EXTENSIONS.test(path)) return true;
  return firstLine !== undefined && PYTHON_SHEBANG.test(firstLine);
}

function readSource(files: FileSource | undefined, path: string): string | undefined {
  if (files === undefined) return undefined;
  let value: string | undefined | null;
  if (typeof files === "function") value = files(path);
  else if (files instanceof Map) value = files.get(path);
  else value = Object.prototype.hasOwnProperty.call(files, path) ? (files as Record<string, string | undefined>)[path] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Offsets of line starts in `text`, lines ending at `\n` as git counts them (a `\r\n` line ends at its `\n`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line of a UTF-16 offset. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A line's text without its line ending. */
function lineText(text: string, starts: readonly number[], line: number): string {
  const start = starts[line]!;
  const end = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
  const body = text.slice(start, end);
  return body.endsWith("\r") ? body.slice(0, -1) : body;
}

/** How one analysed text maps to the new file: text line `i` is new-file line `i + offset` (1-based), valid from `first` to `last`. */
interface Mapping {
  text: string;
  starts: number[];
  /** New-file line = 0-based text line + offset. */
  offset: number;
  /** The 0-based text lines that belong to the file (the rest is synthetic). */
  first: number;
  last: number;
  analysed: "file" | "hunk";
  note: string | null;
}

interface LineInfo {
  line: DiffLine;
  hunk: Hunk;
}

/**
 * Annotates a unified diff (text, or files from `parseDiff`). Python files are analysed
 * whole when `options.files` has their new text, and hunk by hunk otherwise. Never throws
 * for a file's analysis: a failure is the file's `reason`.
 */
export function annotate(diff: string | readonly DiffFile[], options: AnnotateOptions = {}): AnnotateResult {
  const filter = options.filter ?? "added";
  if (!FILTER_MODES.includes(filter)) {
    throw new TypeError(`py3port-review: unknown filter mode \`${String(filter)}\`; use one of ${FILTER_MODES.join(", ")}`);
  }
  const files = typeof diff === "string" ? parseDiff(diff, { strip: options.strip }) : diff;
  const reports = files.map((file) => annotateFile(file, filter, options));
  return { files: reports, annotations: reports.flatMap((report) => report.annotations) };
}

function emptySummary(): FileSummary {
  return { total: 0, bySeverity: { error: 0, warning: 0, info: 0, hint: 0 }, suggestions: 0 };
}

function annotateFile(file: DiffFile, filter: FilterMode, options: AnnotateOptions): FileReport {
  const path = file.newPath ?? file.oldPath ?? "";
  const report: FileReport = {
    path,
    oldPath: file.oldPath,
    newPath: file.newPath,
    status: file.status,
    python: false,
    analysed: "none",
    reason: null,
    annotations: [],
    summary: emptySummary(),
  };
  const source = file.newPath === null ? undefined : readSource(options.files, file.newPath);
  const firstHunkLine = file.hunks[0]?.newStart === 1 ? file.hunks[0].lines.find((line) => line.newLine === 1)?.text : undefined;
  const firstLine = source !== undefined ? lineText(source, [0, source.length + 1], 0) : firstHunkLine;
  report.python = (options.isPython ?? isPythonFile)(path, firstLine);
  if (!report.python) {
    report.reason = "not a Python file";
    return report;
  }
  if (file.newPath === null) {
    report.reason = "deleted";
    return report;
  }
  if (file.binary) {
    report.reason = "binary";
    return report;
  }

  const byLine = new Map<number, LineInfo>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) if (line.newLine !== null) byLine.set(line.newLine, { line, hunk });
  }
  if (byLine.size === 0 && filter !== "file") {
    report.reason = "no added or context lines";
    return report;
  }

  const mappings: Mapping[] = [];
  let fullText = source;
  if (fullText !== undefined) {
    const starts = lineStarts(fullText);
    const mismatch = [...byLine.values()].find(({ line }) => line.newLine! > starts.length || lineText(fullText!, starts, line.newLine! - 1) !== line.text);
    if (mismatch !== undefined) {
      report.reason = `the file's text does not match the diff at line ${mismatch.line.newLine}; analysed the hunks alone`;
      fullText = undefined;
    } else {
      mappings.push({ text: fullText, starts, offset: 1, first: 0, last: starts.length - 1, analysed: "file", note: null });
      report.analysed = "file";
    }
  }
  if (fullText === undefined) {
    if (file.hunks.length === 0) {
      report.reason ??= "no hunks and no file text";
      return report;
    }
    report.reason ??= "the file's text was not available; analysed the hunks alone";
    const note =
      "Analysed from this hunk alone (the full file was not available), with its indentation repaired: " +
      "findings that depend on the rest of the file may be missing or wrong.";
    for (const hunk of file.hunks) {
      const newLines = hunk.lines.filter((line) => line.newLine !== null);
      if (newLines.length === 0) continue;
      const repaired = repairHunk(newLines.map((line) => line.text));
      const starts = lineStarts(repaired.text);
      mappings.push({
        text: repaired.text,
        starts,
        offset: newLines[0]!.newLine! - repaired.prefixLines,
        first: repaired.prefixLines,
        last: repaired.prefixLines + newLines.length - 1,
        analysed: "hunk",
        note,
      });
    }
    report.analysed = "hunks";
  }

  const analyzer = options.analyze ?? py3portAnalyze;
  for (const mapping of mappings) {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = analyzer(mapping.text, options.options);
    } catch (error) {
      report.analysed = "none";
      report.reason = `analysis failed: ${error instanceof Error ? error.message : String(error)}`;
      report.annotations = [];
      break;
    }
    for (const diagnostic of diagnostics) {
      // In a hunk analysed alone, a parse error is the cut, not the code.
      if (mapping.analysed === "hunk" && diagnostic.code === "PY3100") continue;
      const annotation = place(diagnostic, mapping, byLine, filter, path);
      if (annotation !== null) report.annotations.push(annotation);
    }
  }
  report.annotations.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
  for (const annotation of report.annotations) {
    report.summary.total++;
    report.summary.bySeverity[annotation.severity]++;
    if (annotation.fix?.suggestion != null) report.summary.suggestions++;
  }
  return report;
}

function significant(info: LineInfo | undefined, filter: FilterMode): boolean {
  if (filter === "file") return true;
  if (info === undefined) return false;
  return filter === "diff_context" || info.line.kind === "add";
}

/** Places a diagnostic on the diff, or `null` when the filter drops it. */
function place(
  diagnostic: Diagnostic,
  mapping: Mapping,
  byLine: ReadonlyMap<number, LineInfo>,
  filter: FilterMode,
  path: string,
): Annotation | null {
  const { starts, text } = mapping;
  const from = Math.min(diagnostic.from, text.length);
  const to = Math.max(from, Math.min(diagnostic.to, text.length));
  const startLine = lineOf(starts, from);
  // A range that ends at the start of a line ends on the line before.
  let endLine = lineOf(starts, to);
  if (to > from && endLine > startLine && starts[endLine] === to) endLine--;
  if (startLine < mapping.first || startLine > mapping.last) return null;
  endLine = Math.min(endLine, mapping.last);

  const fileLine = (textLine: number) => textLine + mapping.offset;
  const line = fileLine(startLine);
  const last = fileLine(endLine);
  let anchor: number | null = null;
  for (let candidate = line; candidate <= last; candidate++) {
    if (significant(byLine.get(candidate), filter)) {
      anchor = candidate;
      break;
    }
  }
  if (anchor === null) return null;
  // In `file` mode the anchor may lie outside the diff: comment on a line the diff shows, if any.
  let commentLine: number | null = byLine.has(anchor) ? anchor : null;
  for (let candidate = line; commentLine === null && candidate <= last; candidate++) {
    if (byLine.has(candidate)) commentLine = candidate;
  }

  const info = byLine.get(line);
  const lineKind: Annotation["lineKind"] = info === undefined ? "outside" : info.line.kind === "add" ? "added" : "context";
  const fix = diagnostic.fix === null ? null : renderFix(diagnostic.fix, mapping, byLine, fileLine);
  const oldLineOf = (line: number) => byLine.get(line)?.line.oldLine ?? null;
  let commentRange: CommentRange | null = commentLine === null ? null : { startLine: commentLine, line: commentLine, side: "RIGHT", oldLine: oldLineOf(commentLine) };
  if (fix !== null && fix.suggestion !== null) commentRange = { startLine: fix.startLine!, line: fix.endLine!, side: "RIGHT", oldLine: oldLineOf(fix.endLine!) };
  const position = commentRange === null ? null : (byLine.get(commentRange.line)?.line.position ?? null);

  const annotation: Annotation = {
    path,
    line,
    endLine: last,
    column: from - starts[startLine]! + 1,
    endColumn: endLine === lineOf(starts, to) ? to - starts[endLine]! + 1 : lineText(text, starts, endLine).length + 1,
    lineKind,
    position,
    commentRange,
    code: diagnostic.code,
    name: diagnostic.name,
    family: diagnostic.family,
    severity: diagnostic.severity,
    confidence: diagnostic.confidence,
    message: diagnostic.message,
    docsUrl: diagnostic.url,
    fix,
    analysed: mapping.analysed,
    note: mapping.note,
    body: "",
  };
  annotation.body = commentBody(annotation);
  return annotation;
}

/** The fix as a suggestion replacing whole lines, when the diff shows all of them in one hunk. */
function renderFix(
  fix: NonNullable<Diagnostic["fix"]>,
  mapping: Mapping,
  byLine: ReadonlyMap<number, LineInfo>,
  fileLine: (textLine: number) => number,
): AnnotationFix {
  const result: AnnotationFix = {
    title: fix.title,
    applicability: fix.applicability,
    suggestion: null,
    replacement: null,
    startLine: null,
    endLine: null,
    reason: null,
  };
  const { text, starts } = mapping;
  const edits = [...fix.edits].sort((a, b) => a.from - b.from);
  if (edits.length === 0) {
    result.reason = "the fix has no edits";
    return result;
  }
  const from = edits[0]!.from;
  const to = Math.max(...edits.map((edit) => edit.to));
  const firstLine = lineOf(starts, from);
  const lastLine = lineOf(starts, to);
  if (firstLine < mapping.first || lastLine > mapping.last) {
    result.reason = "the fix edits lines outside the analysed hunk";
    return result;
  }
  const start = fileLine(firstLine);
  const end = fileLine(lastLine);
  const hunk = byLine.get(start)?.hunk;
  for (let line = start; line <= end; line++) {
    const info = byLine.get(line);
    if (info === undefined || info.hunk !== hunk) {
      result.reason =
        info === undefined
          ? `the fix also edits line ${line}, which the diff does not show`
          : `the fix spans two hunks (lines ${start}-${end})`;
      return result;
    }
  }
  const segmentStart = starts[firstLine]!;
  const segmentEnd = lastLine + 1 < starts.length ? starts[lastLine + 1]! : text.length;
  let segment = "";
  let cursor = segmentStart;
  for (const edit of edits) {
    segment += text.slice(cursor, edit.from) + edit.newText;
    cursor = Math.max(cursor, edit.to);
  }
  segment += text.slice(cursor, segmentEnd);
  // The lines replaced end with their line endings; the suggestion lists lines.
  const replacement = segment.replace(/\r?\n$/, "").split(/\r?\n/);
  result.replacement = replacement;
  result.startLine = start;
  result.endLine = end;
  result.suggestion = suggestionBlock(replacement);
  return result;
}
