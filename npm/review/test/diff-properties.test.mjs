// Property-based tests (fast-check) of the diff parser, and of the annotator's line
// mapping (issue 11): no input makes `parseDiff` throw or take unbounded time; what it
// reads is self-consistent; printing and re-reading changes nothing; and on diffs made
// from a model (an old file, an edit script, git's hunk grouping and path quoting,
// written here independently of the library's printer) it recovers every line exactly
// and the annotator puts a diagnostic on exactly the lines the filter mode allows.

import assert from "node:assert/strict";
import { test } from "node:test";

import fc from "fast-check";

import { annotate, formatDiff, parseDiff } from "../dist/index.js";

const runs = Number(process.env.FC_RUNS ?? 300);

// ---- Arbitrary and diff-shaped input -------------------------------------------------

const pathArb = fc.oneof(
  fc.constantFrom("a.py", "dir/b.py", "with space.py", "café.py", 'quo"te.py', "back\\slash.py", "tab\there.py", "/dev/null"),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const numberArb = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 ** 40 }));
const diffishLine = fc.oneof(
  fc.tuple(numberArb, numberArb, numberArb, numberArb, fc.string({ maxLength: 6 })).map(([a, b, c, d, s]) => `@@ -${a},${b} +${c},${d} @@ ${s}`),
  fc.tuple(numberArb, numberArb).map(([a, c]) => `@@ -${a} +${c} @@`),
  fc.string({ maxLength: 10 }).map((s) => `+${s}`),
  fc.string({ maxLength: 10 }).map((s) => `-${s}`),
  fc.string({ maxLength: 10 }).map((s) => ` ${s}`),
  fc.constant("\\ No newline at end of file"),
  fc.constant(""),
  fc.tuple(pathArb, pathArb).map(([a, b]) => `diff --git a/${a} b/${b}`),
  fc.tuple(pathArb, pathArb).map(([a, b]) => `diff --git "a/${a}" "b/${b}"`),
  pathArb.map((p) => `--- a/${p}`),
  pathArb.map((p) => `+++ b/${p}`),
  fc.constantFrom("--- /dev/null", "+++ /dev/null", "new file mode 100644", "deleted file mode 100644", "similarity index 90%", "index 1234567..89abcde 100644", "GIT binary patch"),
  pathArb.map((p) => `rename from ${p}`),
  pathArb.map((p) => `rename to ${p}`),
  pathArb.map((p) => `copy from ${p}`),
  pathArb.map((p) => `Binary files a/${p} and b/${p} differ`),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const diffishText = fc
  .array(fc.tuple(diffishLine, fc.constantFrom("\n", "\r\n", "\r", "")), { maxLength: 40 })
  .map((lines) => lines.map(([line, eol]) => line + eol).join(""));
const anyText = fc.oneof(diffishText, fc.string({ unit: "binary", maxLength: 200 }), fc.string({ maxLength: 200 }));

/** What a second round of printing cannot keep: a truncated hunk is printed with the counts of the lines it has. */
function normalized(files) {
  return files.map((file) => ({
    ...file,
    hunks: file.hunks.map((hunk) =>
      hunk.truncated
        ? {
            ...hunk,
            truncated: false,
            oldLines: hunk.lines.filter((l) => l.kind !== "add").length,
            newLines: hunk.lines.filter((l) => l.kind !== "delete").length,
          }
        : hunk,
    ),
  }));
}

test("parseDiff never throws, and what it reads is self-consistent", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const files = parseDiff(text);
      assert.ok(Array.isArray(files));
      for (const file of files) {
        assert.ok(["added", "deleted", "modified", "renamed", "copied"].includes(file.status));
        if (file.status === "added") assert.equal(file.oldPath, null);
        if (file.status === "deleted") assert.equal(file.newPath, null);
        let lastPosition = 0;
        for (const hunk of file.hunks) {
          let oldLine = hunk.oldStart;
          let newLine = hunk.newStart;
          for (const line of hunk.lines) {
            assert.ok(line.position > lastPosition, "positions increase");
            lastPosition = line.position;
            assert.equal(line.oldLine, line.kind === "add" ? null : oldLine++);
            assert.equal(line.newLine, line.kind === "delete" ? null : newLine++);
            assert.ok(!line.text.includes("\n"));
          }
          const olds = hunk.lines.filter((l) => l.kind !== "add").length;
          const news = hunk.lines.filter((l) => l.kind !== "delete").length;
          assert.ok(olds <= hunk.oldLines && news <= hunk.newLines, "never more lines than the header says");
          if (!hunk.truncated) assert.ok(olds === hunk.oldLines && news === hunk.newLines);
        }
      }
    }),
    { numRuns: runs * 3 },
  );
});

test("printing and re-reading is stable: format(parse(x)) is a fixed point", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const first = parseDiff(text);
      const printed = formatDiff(first);
      const second = parseDiff(printed);
      assert.deepEqual(second, normalized(first));
      assert.equal(formatDiff(second), printed);
    }),
    { numRuns: runs * 3 },
  );
});

test("the annotator never throws on arbitrary diffs", () => {
  const everyLine = (text) => text.split("\n").map((_, i, all) => diagnosticAt(all, i));
  fc.assert(
    fc.property(anyText, fc.constantFrom("added", "diff_context", "file"), (text, filter) => {
      const result = annotate(text, { filter, analyze: everyLine, isPython: () => true });
      for (const annotation of result.annotations) assert.ok(annotation.line >= 1);
    }),
    { numRuns: runs },
  );
});

test("parsing a large diff takes bounded time", () => {
  const line = "+    value = compute(value, other) # some text\n";
  const big = `diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -0,0 +1,200000 @@\n${line.repeat(200_000)}`;
  const start = performance.now();
  const [file] = parseDiff(big);
  const elapsed = performance.now() - start;
  assert.equal(file.hunks[0].lines.length, 200_000);
  assert.ok(elapsed < 5_000, `${elapsed} ms for 9 MB`);
});

// ---- Diffs made from a model --------------------------------------------------------

/** C-style quoting as git's quote_c_style does it: control characters, `"`, `\` and every non-ASCII byte. */
function gitQuote(path) {
  const bytes = new TextEncoder().encode(path);
  if (![...bytes].some((b) => b < 0x20 || b >= 0x7f || b === 0x22 || b === 0x5c)) return path;
  const named = { 7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 0x22: '"', 0x5c: "\\" };
  let out = '"';
  for (const b of bytes) {
    if (named[b] !== undefined) out += `\\${named[b]}`;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}

/** Groups an edit script into hunks with `context` lines around changes, as git does. */
function hunksOf(entries, context) {
  const changed = entries.map((e, i) => (e.kind === " " ? -1 : i)).filter((i) => i !== -1);
  const groups = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last !== undefined && index - last.end <= 2 * context + 1) last.end = index;
    else groups.push({ start: index, end: index });
  }
  return groups.map(({ start, end }) => {
    const from = Math.max(0, start - context);
    const to = Math.min(entries.length - 1, end + context);
    const slice = entries.slice(from, to + 1);
    const olds = slice.filter((e) => e.kind !== "+");
    const news = slice.filter((e) => e.kind !== "-");
    const oldBefore = entries.slice(0, from).filter((e) => e.kind !== "+").length;
    const newBefore = entries.slice(0, from).filter((e) => e.kind !== "-").length;
    return {
      oldStart: olds.length > 0 ? olds[0].old : oldBefore,
      oldLines: olds.length,
      newStart: news.length > 0 ? news[0].new : newBefore,
      newLines: news.length,
      entries: slice,
    };
  });
}

const lineTextArb = fc.oneof(
  fc.constantFrom("a", "b", "", "    x = 1", "+x", "-y", " z", "@@ -1 +1 @@", "\\ q", "diff --git a/x b/x", "--- a/x", "+++ b/x", "print 'hi'"),
  fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
);
const modelPathArb = fc.stringMatching(/^[a-zA-Z0-9_é"\\.-][a-zA-Z0-9_ é"\\.\t-]{0,10}[a-zA-Z0-9_é.-]$/);
const modelArb = fc.record({
  old: fc.array(lineTextArb, { maxLength: 30 }),
  ops: fc.array(fc.tuple(fc.constantFrom("keep", "keep", "keep", "delete", "replace", "insert"), lineTextArb), { maxLength: 40 }),
  context: fc.constantFrom(0, 1, 3),
  eol: fc.constantFrom("\n", "\r\n"),
  oldPath: modelPathArb,
  newPath: fc.option(modelPathArb, { nil: null }),
  status: fc.constantFrom("modified", "added", "deleted"),
});

/** The model's old and new files and its unified diff, as git would print it. */
function build(model) {
  const oldLines = model.status === "added" ? [] : model.old;
  const entries = [];
  let o = 0;
  let oldNumber = 1;
  let newNumber = 1;
  if (model.status === "deleted") {
    for (const text of oldLines) entries.push({ kind: "-", text, old: oldNumber++ });
  } else {
    for (const [op, text] of model.ops) {
      if (op === "insert" || o >= oldLines.length) {
        entries.push({ kind: "+", text, new: newNumber++ });
        continue;
      }
      if (op === "keep") entries.push({ kind: " ", text: oldLines[o], old: oldNumber++, new: newNumber++ });
      if (op === "delete" || op === "replace") entries.push({ kind: "-", text: oldLines[o], old: oldNumber++ });
      if (op === "replace") entries.push({ kind: "+", text, new: newNumber++ });
      o++;
    }
    while (o < oldLines.length) entries.push({ kind: " ", text: oldLines[o++], old: oldNumber++, new: newNumber++ });
  }
  const newLines = entries.filter((e) => e.kind !== "-").map((e) => e.text);
  const renamed = model.status === "modified" && model.newPath !== null && model.newPath !== model.oldPath;
  const oldPath = model.status === "added" ? null : model.oldPath;
  const newPath = model.status === "deleted" ? null : renamed ? model.newPath : model.oldPath;
  const hunks = hunksOf(entries, model.context);
  const name = (prefix, path) => {
    const quoted = gitQuote(prefix + path);
    return quoted.startsWith('"') || !path.includes(" ") ? quoted : `${quoted}\t`;
  };
  let text = `diff --git ${gitQuote(`a/${oldPath ?? newPath}`)} ${gitQuote(`b/${newPath ?? oldPath}`)}\n`;
  if (model.status === "added") text += "new file mode 100644\n";
  if (model.status === "deleted") text += "deleted file mode 100644\n";
  if (renamed) text += `similarity index 90%\nrename from ${gitQuote(oldPath)}\nrename to ${gitQuote(newPath)}\n`;
  if (hunks.length > 0) {
    text += `--- ${oldPath === null ? "/dev/null" : name("a/", oldPath)}\n`;
    text += `+++ ${newPath === null ? "/dev/null" : name("b/", newPath)}\n`;
  }
  for (const hunk of hunks) {
    const range = (start, count) => (count === 1 ? `${start}` : `${start},${count}`);
    text += `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@\n`;
    for (const entry of hunk.entries) text += `${entry.kind}${entry.text}${model.eol}`;
  }
  return { text, oldLines, newLines, oldPath, newPath, entries, renamed };
}

test("model diffs: every line, number and path is read back exactly", () => {
  fc.assert(
    fc.property(modelArb, (model) => {
      const built = build(model);
      const files = parseDiff(built.text);
      assert.equal(files.length, 1, built.text);
      const [file] = files;
      assert.equal(file.oldPath, built.oldPath);
      assert.equal(file.newPath, built.newPath);
      assert.equal(file.status, model.status === "modified" ? (built.renamed ? "renamed" : "modified") : model.status);
      for (const hunk of file.hunks) {
        assert.equal(hunk.truncated, false);
        for (const line of hunk.lines) {
          assert.equal(line.eol, model.eol);
          if (line.kind !== "add") assert.equal(line.text, built.oldLines[line.oldLine - 1]);
          if (line.kind !== "delete") assert.equal(line.text, built.newLines[line.newLine - 1]);
        }
      }
      // Applying the hunks to the old file gives the new file.
      const result = [];
      let next = 1;
      for (const hunk of file.hunks) {
        const firstOld = hunk.lines.find((l) => l.oldLine !== null)?.oldLine ?? hunk.oldStart + 1;
        while (next < firstOld) result.push(built.oldLines[next++ - 1]);
        for (const line of hunk.lines) {
          if (line.kind !== "delete") result.push(line.text);
          if (line.kind !== "add") next = line.oldLine + 1;
        }
      }
      while (next <= built.oldLines.length) result.push(built.oldLines[next++ - 1]);
      assert.deepEqual(result, built.newLines);
      // And the library's printer round-trips it.
      assert.deepEqual(parseDiff(formatDiff(files)), files);
    }),
    { numRuns: runs },
  );
});

/** A diagnostic on the whole of line `i` of `lines` (UTF-16 offsets into their `\n` join). */
function diagnosticAt(lines, i) {
  const from = lines.slice(0, i).reduce((sum, line) => sum + line.length + 1, 0);
  return {
    code: "PY3999",
    name: "every-line",
    family: "syntax",
    severity: "error",
    confidence: "high",
    message: `line ${i}`,
    url: "https://example.invalid/every-line",
    from,
    to: from + lines[i].length,
    range: { start: { line: i, character: 0 }, end: { line: i, character: lines[i].length } },
    fix: null,
  };
}

test("model diffs: the annotator maps a diagnostic on every line to exactly the lines the filter allows", () => {
  // A stand-in analyzer that flags every line of what it is given (whole file or repaired hunk).
  const everyLine = (text) => {
    const lines = text.split("\n");
    return lines.map((_, i) => diagnosticAt(lines, i)).filter((d) => d.to > d.from || lines.length > 0);
  };
  fc.assert(
    fc.property(modelArb, fc.boolean(), (model, withText) => {
      const built = build(model);
      const files = withText && built.newPath !== null ? { [built.newPath]: built.newLines.map((l) => l + model.eol).join("") } : undefined;
      const added = new Set(built.entries.filter((e) => e.kind === "+").map((e) => e.new));
      const shown = new Set();
      for (const hunk of parseDiff(built.text)[0].hunks) for (const line of hunk.lines) if (line.newLine !== null) shown.add(line.newLine);
      for (const [filter, expected] of [
        ["added", added],
        ["diff_context", shown],
      ]) {
        const result = annotate(built.text, { filter, files, analyze: everyLine, isPython: () => true });
        const lines = result.annotations.map((a) => a.line);
        assert.deepEqual(lines, [...expected].sort((a, b) => a - b), `${filter} ${withText}`);
        for (const annotation of result.annotations) {
          assert.equal(annotation.commentRange.line, annotation.line);
          assert.equal(annotation.lineKind, added.has(annotation.line) ? "added" : "context");
        }
      }
    }),
    { numRuns: runs },
  );
});
