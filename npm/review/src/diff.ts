// Unified diffs: parsing what `git diff` (and plain `diff -u`) prints, and printing it
// back. The parser never throws: whatever it cannot read is skipped or ends the hunk it
// was reading, so a truncated or hostile diff still yields what it can (property-tested in
// test/diff-properties.test.mjs).

/** What happened to a file. */
export type FileStatus = "added" | "deleted" | "modified" | "renamed" | "copied";

/** One line of a hunk. */
export interface DiffLine {
  /** `context` lines are on both sides, `add` only in the new file, `delete` only in the old. */
  kind: "context" | "add" | "delete";
  /** The line's text, without the marker and without its line ending. */
  text: string;
  /**
   * How the line ended in the diff: `"\r\n"` when the file (or the diff) has CRLF line
   * endings. A diff's last line without a newline counts as `"\n"`.
   */
  eol: "\n" | "\r\n";
  /** Line number in the old file (context and delete lines), else `null`. */
  oldLine: number | null;
  /** Line number in the new file (context and add lines), else `null`. */
  newLine: number | null;
  /** GitHub's legacy "position": the line's index in the file's diff, counted from the line after the first `@@`. */
  position: number;
  /** A `\ No newline at end of file` marker followed this line. */
  noNewlineAtEof: boolean;
}

/** One `@@ -a,b +c,d @@` hunk. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the second `@@` (git puts the enclosing function there), without the leading space. */
  section: string;
  lines: DiffLine[];
  /** The diff ended (or went on with something else) before the header's line counts were reached. */
  truncated: boolean;
}

/** One file of a diff. */
export interface DiffFile {
  /** Path in the old revision, `null` for an added file. */
  oldPath: string | null;
  /** Path in the new revision, `null` for a deleted file. */
  newPath: string | null;
  status: FileStatus;
  /** A binary file: no hunks. */
  binary: boolean;
  /** The extended header lines (`index ...`, `new file mode ...`), verbatim, for printing the diff back. */
  headers: string[];
  /** The file came from a `diff --git` header (else a plain `---`/`+++` pair). */
  git: boolean;
  hunks: Hunk[];
}

/** Options of `parseDiff`. */
export interface ParseOptions {
  /**
   * How many leading path components to strip, as `patch -p`: `1` for git's `a/` and `b/`
   * prefixes. Default: 1 when the paths carry `a/` and `b/` (or the diff is a git diff),
   * else 0.
   */
  strip?: number | undefined;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/**
 * Splits text into lines, keeping each line's ending (`\n` or `\r\n`). A last line without
 * a newline is read as if it had one: the diff's own final newline means nothing.
 */
function splitLines(text: string): { body: string; eol: "\n" | "\r\n" }[] {
  const lines: { body: string; eol: "\n" | "\r\n" }[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    if (newline === -1) {
      const body = text.slice(start);
      const cr = body.endsWith("\r");
      lines.push({ body: cr ? body.slice(0, -1) : body, eol: cr ? "\r\n" : "\n" });
      break;
    }
    const crlf = newline > start && text.charCodeAt(newline - 1) === 13;
    lines.push({ body: text.slice(start, crlf ? newline - 1 : newline), eol: crlf ? "\r\n" : "\n" });
    start = newline + 1;
  }
  return lines;
}

/** Decodes a path git printed in C-style quotes (`"a/t\303\251st.py"`); `null` if it is not such a string. */
function unquote(value: string): string | null {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return null;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const body = value.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    // Whole code points: a surrogate pair encoded half by half would become two U+FFFD.
    const ch = String.fromCodePoint(body.codePointAt(i)!);
    // An unescaped quote ends the string early: not one quoted path.
    if (ch === '"') return null;
    if (ch !== "\\") {
      bytes.push(...encoder.encode(ch));
      i += ch.length - 1;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return null;
    i++;
    const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
    if (next in simple) {
      bytes.push(simple[next]!);
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      bytes.push(parseInt(digits, 8) & 0xff);
      i += digits.length - 1;
    } else {
      return null;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Quotes a path as git does when it has characters a diff line cannot hold plainly. */
function quote(path: string, force = false): string {
  // Control characters, quotes, backslashes, and leading/trailing spaces (which the
  // header parser would trim) are escaped; other text stays as it is (git's
  // core.quotePath=false). `force` quotes anyway (a `diff --git` line whose unquoted
  // paths could be split in another place).
  if (!force && !/[\x00-\x1f\x7f"\\]/.test(path) && path.trim() === path && path !== "") return path;
  let out = '"';
  const named: Record<number, string> = { 7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 34: '"', 92: "\\" };
  for (const ch of path) {
    const code = ch.codePointAt(0)!;
    if (named[code] !== undefined) out += `\\${named[code]}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A path from a `---`/`+++`/`rename from` line: unquoted, without what follows a tab
 * (`diff -u` puts a timestamp there; git a lone tab after a path with spaces).
 */
function readPath(raw: string): string {
  const tab = raw.indexOf("\t");
  const value = tab === -1 ? raw : raw.slice(0, tab);
  return unquote(value) ?? value;
}

/** The two paths of `diff --git a/x b/x` when the `---`/`+++` lines do not say (binary, pure renames, mode changes). */
function pathsFromGitHeader(rest: string): [string, string] | null {
  if (rest.startsWith('"')) {
    // Quoted old path: find its closing quote.
    let i = 1;
    while (i < rest.length && rest[i] !== '"') i += rest[i] === "\\" ? 2 : 1;
    // A quoted string with an escape git never writes is kept as it is.
    const quoted = rest.slice(0, i + 1);
    return [unquote(quoted) ?? quoted, readPath(rest.slice(i + 2))];
  }
  if (rest.endsWith('"')) {
    for (let open = rest.indexOf(' "'); open !== -1; open = rest.indexOf(' "', open + 1)) {
      const second = unquote(rest.slice(open + 1));
      if (second !== null) return [rest.slice(0, open), second];
    }
  }
  // Unquoted paths may contain spaces: the header is `a/P b/P` for the same P (a rename
  // says its paths on `rename from`/`rename to` lines), so split in the middle.
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (rest[half] === " " && a.replace(/^[^/]*\//, "") === b.replace(/^[^/]*\//, "")) return [a, b];
  }
  const space = rest.indexOf(" ");
  return space === -1 ? null : [rest.slice(0, space), rest.slice(space + 1)];
}

function stripComponents(path: string, count: number): string {
  let out = path;
  for (let i = 0; i < count; i++) {
    const slash = out.indexOf("/");
    if (slash === -1) break;
    out = out.slice(slash + 1);
  }
  return out;
}

interface RawFile {
  git: boolean;
  gitPaths: [string, string] | null;
  minus: string | null;
  plus: string | null;
  renameFrom: string | null;
  renameTo: string | null;
  copy: boolean;
  newFile: boolean;
  deletedFile: boolean;
  binary: boolean;
  headers: string[];
  hunks: Hunk[];
}

function emptyRaw(git: boolean): RawFile {
  return {
    git,
    gitPaths: null,
    minus: null,
    plus: null,
    renameFrom: null,
    renameTo: null,
    copy: false,
    newFile: false,
    deletedFile: false,
    binary: false,
    headers: [],
    hunks: [],
  };
}

/**
 * Parses a unified diff: `git diff` output (renames, copies, added, deleted and binary
 * files, quoted paths) or plain `diff -u` output. CRLF line endings are kept per line
 * (`DiffLine.eol`); everything else about the text is left as it is. Never throws.
 */
export function parseDiff(text: string, options: ParseOptions = {}): DiffFile[] {
  const input = typeof text === "string" ? text : "";
  const lines = splitLines(input);
  const raws: RawFile[] = [];
  let current = null as RawFile | null;
  let position = 0;
  let i = 0;

  const startFile = (git: boolean): RawFile => {
    current = emptyRaw(git);
    raws.push(current);
    position = 0;
    return current;
  };

  while (i < lines.length) {
    const { body } = lines[i]!;
    if (body.startsWith("diff --git ")) {
      const file = startFile(true);
      file.gitPaths = pathsFromGitHeader(body.slice("diff --git ".length));
      i++;
      continue;
    }
    // A `---` line followed by `+++` starts a file (a plain diff, or the paths of a git one).
    if (body.startsWith("--- ") && i + 1 < lines.length && lines[i + 1]!.body.startsWith("+++ ")) {
      let file: RawFile = current ?? startFile(false);
      if (file.minus !== null || file.hunks.length > 0 || (!file.git && file.plus !== null)) file = startFile(false);
      file.minus = readPath(body.slice(4));
      file.plus = readPath(lines[i + 1]!.body.slice(4));
      i += 2;
      continue;
    }
    const file: RawFile | null = current;
    const header = HUNK_HEADER.exec(body);
    if (header !== null && file !== null && (file.git || file.minus !== null)) {
      const hunk: Hunk = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        section: header[5] ?? "",
        lines: [],
        truncated: false,
      };
      // Counts beyond what JavaScript can count exactly are not a real diff's, and neither
      // is a side that starts at line 0 but has lines (0 is only for an empty side).
      const numbers = [hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines];
      if (!numbers.every(Number.isSafeInteger) || (hunk.oldStart === 0 && hunk.oldLines > 0) || (hunk.newStart === 0 && hunk.newLines > 0)) {
        i++;
        continue;
      }
      if (file.hunks.length > 0) position++;
      file.hunks.push(hunk);
      i++;
      let oldLeft = hunk.oldLines;
      let newLeft = hunk.newLines;
      let oldLine = hunk.oldStart;
      let newLine = hunk.newStart;
      while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
        const { body: line, eol } = lines[i]!;
        const marker = line[0];
        if (marker === "\\") {
          const last = hunk.lines[hunk.lines.length - 1];
          if (last !== undefined) last.noNewlineAtEof = true;
          i++;
          continue;
        }
        let kind: DiffLine["kind"];
        if (marker === " " && oldLeft > 0 && newLeft > 0) kind = "context";
        else if (marker === "-" && oldLeft > 0) kind = "delete";
        else if (marker === "+" && newLeft > 0) kind = "add";
        else if (line === "" && oldLeft > 0 && newLeft > 0 && !(i + 1 < lines.length && lines[i + 1]!.body.startsWith("diff --git "))) {
          // Some tools (and editors that trim trailing spaces) drop the space of an empty context line.
          kind = "context";
        } else break;
        position++;
        hunk.lines.push({
          kind,
          text: line.slice(line === "" ? 0 : 1),
          eol,
          oldLine: kind === "add" ? null : oldLine,
          newLine: kind === "delete" ? null : newLine,
          position,
          noNewlineAtEof: false,
        });
        if (kind !== "add") {
          oldLeft--;
          oldLine++;
        }
        if (kind !== "delete") {
          newLeft--;
          newLine++;
        }
        i++;
      }
      if (oldLeft > 0 || newLeft > 0) hunk.truncated = true;
      // A marker right after the last line of the hunk.
      if (i < lines.length && lines[i]!.body.startsWith("\\")) {
        const last = hunk.lines[hunk.lines.length - 1];
        if (last !== undefined) last.noNewlineAtEof = true;
        i++;
      }
      continue;
    }
    if (file !== null && file.git && file.hunks.length === 0 && file.minus === null) {
      // The extended header of a git diff.
      const extended = /^(rename from|rename to|copy from|copy to|new file mode|deleted file mode|old mode|new mode|similarity index|dissimilarity index|index) (.*)$/.exec(body);
      if (extended !== null) {
        const [, key, value] = extended;
        if (key === "rename from" || key === "copy from") file.renameFrom = readPath(value!);
        if (key === "rename to" || key === "copy to") file.renameTo = readPath(value!);
        if (key === "copy from" || key === "copy to") file.copy = true;
        if (key === "new file mode") file.newFile = true;
        if (key === "deleted file mode") file.deletedFile = true;
        file.headers.push(body);
        i++;
        continue;
      }
      if (/^Binary files .* differ$/.test(body) || body === "GIT binary patch") {
        file.binary = true;
        file.headers.push(body);
        i++;
        // A binary patch's data runs until the next file.
        while (i < lines.length && !lines[i]!.body.startsWith("diff --git ")) i++;
        continue;
      }
    }
    // Anything else (commit messages, `index` lines of plain diffs, junk) is skipped.
    i++;
  }

  return raws.map((raw) => finishFile(raw, options.strip));
}

function finishFile(raw: RawFile, strip: number | undefined): DiffFile {
  const added = raw.newFile || raw.minus === "/dev/null";
  const deleted = raw.deletedFile || raw.plus === "/dev/null";
  // `---`/`+++` and `diff --git` name the paths with git's `a/` and `b/` prefixes;
  // `rename from`/`copy from` without them.
  const oldFromRename = raw.minus === null && raw.renameFrom !== null;
  const newFromRename = raw.plus === null && raw.renameTo !== null;
  let oldPath = added ? null : (raw.minus ?? raw.renameFrom ?? raw.gitPaths?.[0] ?? null);
  let newPath = deleted ? null : (raw.plus ?? raw.renameTo ?? raw.gitPaths?.[1] ?? null);
  const prefixedOld = oldPath === null || oldFromRename || oldPath.startsWith("a/");
  const prefixedNew = newPath === null || newFromRename || newPath.startsWith("b/");
  const anyPrefixed = (oldPath !== null && !oldFromRename) || (newPath !== null && !newFromRename);
  const count = strip ?? (prefixedOld && prefixedNew && anyPrefixed ? 1 : 0);
  if (oldPath !== null && !oldFromRename) oldPath = stripComponents(oldPath, count);
  if (newPath !== null && !newFromRename) newPath = stripComponents(newPath, count);
  let status: FileStatus = "modified";
  if (added) status = "added";
  else if (deleted) status = "deleted";
  else if (raw.copy) status = "copied";
  else if (oldPath !== null && newPath !== null && oldPath !== newPath) status = "renamed";
  return {
    oldPath,
    newPath,
    status,
    binary: raw.binary,
    headers: raw.headers,
    git: raw.git,
    hunks: raw.hunks,
  };
}

/**
 * Prints files back as a unified diff, git-style (`diff --git` when the file came from
 * one, with its extended headers). `parseDiff(formatDiff(files))` gives `files` back,
 * except that a truncated hunk is printed with the line counts of the lines it has.
 */
export function formatDiff(files: readonly DiffFile[]): string {
  let out = "";
  for (const file of files) {
    const oldName = file.oldPath === null ? null : `a/${file.oldPath}`;
    const newName = file.newPath === null ? null : `b/${file.newPath}`;
    if (file.git) {
      const left = oldName ?? `a/${file.newPath ?? ""}`;
      const right = newName ?? `b/${file.oldPath ?? ""}`;
      let header = `${quote(left)} ${quote(right)}`;
      // Paths with spaces can make the unquoted line ambiguous: quote them then.
      const read = pathsFromGitHeader(header);
      if (read === null || read[0] !== left || read[1] !== right) header = `${quote(left, true)} ${quote(right, true)}`;
      out += `diff --git ${header}\n`;
      for (const header of file.headers) out += `${header}\n`;
    }
    const paths = `--- ${oldName === null ? "/dev/null" : quote(oldName)}\n+++ ${newName === null ? "/dev/null" : quote(newName)}\n`;
    if (file.hunks.length > 0 || !file.git) {
      out += paths;
    } else {
      // A git file without hunks usually says its paths in its header alone; when the
      // header cannot (a copy's paths, a deletion's), the `---`/`+++` lines say them.
      const start = out.lastIndexOf("diff --git ");
      const [alone] = parseDiff(out.slice(start));
      if (alone === undefined || alone.oldPath !== file.oldPath || alone.newPath !== file.newPath || alone.status !== file.status) out += paths;
    }
    for (const hunk of file.hunks) {
      const count = (start: number, lines: number) => (lines === 1 ? `${start}` : `${start},${lines}`);
      let oldLines = hunk.oldLines;
      let newLines = hunk.newLines;
      if (hunk.truncated) {
        oldLines = hunk.lines.filter((line) => line.kind !== "add").length;
        newLines = hunk.lines.filter((line) => line.kind !== "delete").length;
      }
      out += `@@ -${count(hunk.oldStart, oldLines)} +${count(hunk.newStart, newLines)} @@`;
      out += hunk.section === "" ? "\n" : ` ${hunk.section}\n`;
      for (const line of hunk.lines) {
        const marker = line.kind === "add" ? "+" : line.kind === "delete" ? "-" : " ";
        out += `${marker}${line.text}${line.eol}`;
        if (line.noNewlineAtEof) out += "\\ No newline at end of file\n";
      }
    }
  }
  return out;
}

/** The lines of the new file that the diff shows (context and added), by line number. */
export function newSideLines(file: DiffFile): Map<number, DiffLine> {
  const map = new Map<number, DiffLine>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) if (line.newLine !== null) map.set(line.newLine, line);
  }
  return map;
}
