// The diff parser on the shapes diffs take: git's extended headers, quoted paths, plain
// `diff -u`, missing counts, markers, CRLF, truncation.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { formatDiff, newSideLines, parseDiff } from "../dist/index.js";

const gitDiff = readFileSync(new URL("./fixtures/git.diff", import.meta.url), "utf8");

test("git diff: statuses, paths and binaries", () => {
  const files = parseDiff(gitDiff);
  assert.deepEqual(
    files.map((f) => [f.status, f.oldPath, f.newPath, f.binary, f.hunks.length]),
    [
      ["modified", "NOTES.md", "NOTES.md", false, 1],
      ["modified", "app/café menu.py", "app/café menu.py", false, 1],
      ["modified", "app/crlf.py", "app/crlf.py", false, 1],
      ["modified", "app/data.bin", "app/data.bin", true, 0],
      ["deleted", "app/legacy.py", null, false, 1],
      ["added", null, "app/new_module.py", false, 1],
      ["renamed", "app/geometry.py", "app/shapes.py", false, 1],
      ["modified", "app/store.py", "app/store.py", false, 2],
      ["renamed", "app/moved.py", "lib_moved.py", false, 0],
      ["modified", "tools/run", "tools/run", false, 1],
    ],
  );
});

test("line numbers and positions through hunks", () => {
  const store = parseDiff(gitDiff).find((f) => f.newPath === "app/store.py");
  const [first, second] = store.hunks;
  assert.deepEqual([first.oldStart, first.oldLines, first.newStart, first.newLines, first.section], [4, 6, 4, 8, "import os"]);
  assert.deepEqual(
    second.lines.map((l) => [l.kind, l.oldLine, l.newLine, l.position]),
    [
      ["context", 66, 68, 10],
      ["context", 67, 69, 11],
      ["context", 68, 70, 12],
      ["delete", 69, null, 13],
      ["add", null, 71, 14],
      ["add", null, 72, 15],
      ["add", null, 73, 16],
    ],
  );
  const lines = newSideLines(store);
  assert.equal(lines.get(71).text, "        for k, v in d.iteritems():");
  assert.equal(lines.has(69 + 100), false);
});

test("CRLF content lines keep their line ending apart from their text", () => {
  const crlf = parseDiff(gitDiff).find((f) => f.newPath === "app/crlf.py");
  assert.deepEqual(crlf.hunks[0].lines.map((l) => [l.kind, l.text, l.eol]), [
    ["context", "def windows():", "\r\n"],
    ["delete", "    return 1", "\r\n"],
    ["add", "    d = {}", "\r\n"],
    ["add", "    return d.has_key(1)", "\r\n"],
  ]);
  // A whole diff saved with CRLF line endings reads the same.
  const windows = parseDiff(gitDiff.replace(/\r?\n/g, "\r\n"));
  assert.deepEqual(windows.map((f) => [f.status, f.newPath]), parseDiff(gitDiff).map((f) => [f.status, f.newPath]));
});

test("plain diff -u with timestamps, and counts left out", () => {
  const text = [
    "--- old/app.py\t2024-01-01 10:00:00.000000000 +0100",
    "+++ new/app.py\t2024-01-02 10:00:00.000000000 +0100",
    "@@ -3 +3 @@",
    "-x = 1",
    "+x = 2",
    "",
  ].join("\n");
  const [file] = parseDiff(text);
  assert.deepEqual([file.oldPath, file.newPath, file.status, file.git], ["old/app.py", "new/app.py", "renamed", false]);
  assert.deepEqual(parseDiff(text, { strip: 1 }).map((f) => [f.oldPath, f.newPath, f.status]), [["app.py", "app.py", "modified"]]);
  assert.deepEqual(file.hunks[0].lines.map((l) => [l.kind, l.oldLine, l.newLine]), [
    ["delete", 3, null],
    ["add", null, 3],
  ]);
});

test("no newline at end of file, and an empty context line without its space", () => {
  const text = ["--- a/x.py", "+++ b/x.py", "@@ -1,3 +1,3 @@", " a", "", "-b", "\\ No newline at end of file", "+c", "\\ No newline at end of file", ""].join("\n");
  const [file] = parseDiff(text);
  assert.deepEqual(file.hunks[0].lines.map((l) => [l.kind, l.text, l.noNewlineAtEof]), [
    ["context", "a", false],
    ["context", "", false],
    ["delete", "b", true],
    ["add", "c", true],
  ]);
  assert.equal(file.hunks[0].truncated, false);
});

test("a truncated hunk is marked, and the next file still parses", () => {
  const text = ["diff --git a/a.py b/a.py", "--- a/a.py", "+++ b/a.py", "@@ -1,5 +1,5 @@", " one", "+two", "diff --git a/b.py b/b.py", "--- a/b.py", "+++ b/b.py", "@@ -1 +1 @@", "-x", "+y", ""].join("\n");
  const files = parseDiff(text);
  assert.deepEqual(files.map((f) => [f.newPath, f.hunks[0].truncated, f.hunks[0].lines.length]), [
    ["a.py", true, 2],
    ["b.py", false, 2],
  ]);
});

test("quoted paths with escapes, and paths with spaces in a pure rename", () => {
  const text = [
    'diff --git "a/tab\\there.py" "b/quote\\"d.py"',
    "similarity index 100%",
    'rename from "tab\\there.py"',
    'rename to "quote\\"d.py"',
    "diff --git a/with space.py b/with space.py",
    "old mode 100644",
    "new mode 100755",
    "",
  ].join("\n");
  const files = parseDiff(text);
  assert.deepEqual(files.map((f) => [f.status, f.oldPath, f.newPath]), [
    ["renamed", "tab\there.py", 'quote"d.py'],
    ["modified", "with space.py", "with space.py"],
  ]);
});

test("commit messages and junk around the files are skipped; junk alone gives nothing", () => {
  const text = `From 1234 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] fix\n\n---\n a.py | 2 +-\n\n${gitDiff}-- \n2.43.0\n`;
  assert.equal(parseDiff(text).length, parseDiff(gitDiff).length);
  assert.deepEqual(parseDiff("hello\n@@ -1 +1 @@\n+x\n"), []);
  assert.deepEqual(parseDiff(""), []);
  assert.deepEqual(parseDiff(undefined), []);
});

test("formatDiff prints what parseDiff reads back", () => {
  const files = parseDiff(gitDiff);
  assert.deepEqual(parseDiff(formatDiff(files)), files);
});

// Counterexamples fast-check found (test/diff-properties.test.mjs), kept as regressions.
test("round trip: astral characters in quoted paths, ambiguous spaces, header-less copies and deletions", () => {
  const cases = [
    'diff --git "a/a.py" "b/a.py"\u{10000}\n',
    'diff --git "a/ #" "b/#"\n',
    'diff --git "a/back\\slash.py" "b/a.py"\n',
    "diff --git a/a.py b/a.py\ncopy from a.py\n--- a/back\\slash.py\n+++ b/ \n",
    "diff --git a/  b/ \n--- a/ \r+\n+++ /dev/null\n",
  ];
  for (const text of cases) {
    const first = parseDiff(text);
    const printed = formatDiff(first);
    assert.deepEqual(parseDiff(printed), first, JSON.stringify(text));
    assert.equal(formatDiff(parseDiff(printed)), printed);
  }
  assert.equal(parseDiff('diff --git "a/\u{10000}.py" "b/\u{10000}.py"\n')[0].newPath, "\u{10000}.py");
  assert.equal(parseDiff('diff --git "a/ #" "b/ #"\n')[0].newPath, " #");
});

test("a hunk header whose side starts at line 0 but has lines is not a hunk (fast-check counterexample)", () => {
  const [file] = parseDiff("diff --git a/a.py b/ \n@@ -0 +0 @@\n+++ b/ \n");
  assert.deepEqual(file.hunks, []);
  const [added] = parseDiff("--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@\n+x\n");
  assert.equal(added.hunks[0].lines[0].newLine, 1);
});
