// The annotator on real `git diff` output (test/fixtures/git.diff, made by
// make-fixtures.sh): line mapping through hunks, renamed, added and deleted files, CRLF,
// non-Python files, the filter modes, suggestions, and hunks analysed on their own.
// Expected lines are found by searching the head revision's text, not hard-coded.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { analyze } from "py3port";

import { annotate, isPythonFile, parseDiff, repairHunk } from "../dist/index.js";

const fixtures = new URL("./fixtures/", import.meta.url);
const diffText = readFileSync(new URL("git.diff", fixtures), "utf8");
const head = (path) => readFileSync(new URL(`head/${path}`, fixtures), "utf8");
const headFiles = (path) => {
  try {
    return head(path);
  } catch {
    return undefined;
  }
};

/** The 1-based line of the head revision's file whose text contains `needle`. */
function lineContaining(path, needle) {
  const lines = head(path).split("\n");
  const index = lines.findIndex((line) => line.includes(needle));
  assert.notEqual(index, -1, `${needle} in ${path}`);
  return index + 1;
}

const byPath = (result, path) => {
  const file = result.files.find((candidate) => candidate.path === path);
  assert.ok(file, `${path} in ${result.files.map((f) => f.path).join(", ")}`);
  return file;
};

for (const mode of ["with the files' text", "from the hunks alone"]) {
  const files = mode === "with the files' text" ? headFiles : undefined;

  test(`line mapping through two hunks of a modified file (${mode})`, () => {
    const store = byPath(annotate(diffText, { files }), "app/store.py");
    assert.equal(store.analysed, files ? "file" : "hunks");
    const found = store.annotations.map((a) => [a.code, a.line]);
    assert.deepEqual(found, [
      ["PY3218", lineContaining("app/store.py", "has_key")],
      ["PY3101", lineContaining("app/store.py", "print 'debug'")],
      ["PY3216", lineContaining("app/store.py", "iteritems")],
    ]);
    // The second hunk starts at new line 68: the mapping goes through the first hunk's two added lines.
    assert.ok(store.annotations[2].line > 68);
    for (const annotation of store.annotations) {
      const text = head("app/store.py").split("\n")[annotation.line - 1];
      assert.equal(annotation.lineKind, "added");
      assert.equal(annotation.commentRange.line, annotation.line);
      // The column points at the flagged code.
      assert.match(text.slice(annotation.column - 1), /^(os\.environ|print|iteritems)/);
    }
    assert.equal(store.annotations[0].analysed, files ? "file" : "hunk");
    if (files) assert.equal(store.annotations[0].note, null);
    else assert.match(store.annotations[0].note, /hunk alone/);
  });

  test(`renamed, added and deleted files (${mode})`, () => {
    const result = annotate(diffText, { files });
    const shapes = byPath(result, "app/shapes.py");
    assert.equal(shapes.status, "renamed");
    assert.equal(shapes.oldPath, "app/geometry.py");
    assert.deepEqual(shapes.annotations.map((a) => [a.path, a.code, a.line]), [
      ["app/shapes.py", "PY3101", lineContaining("app/shapes.py", 'print "area of"')],
    ]);

    const added = byPath(result, "app/new_module.py");
    assert.equal(added.status, "added");
    assert.equal(added.oldPath, null);
    assert.deepEqual(added.annotations.map((a) => [a.code, a.line]), [["PY3101", 1], ["PY3211", 2]]);

    const deleted = byPath(result, "app/legacy.py");
    assert.equal(deleted.status, "deleted");
    assert.equal(deleted.analysed, "none");
    assert.equal(deleted.reason, "deleted");
    assert.deepEqual(deleted.annotations, []);

    const pureRename = byPath(result, "lib_moved.py");
    assert.equal(pureRename.status, "renamed");
    assert.deepEqual(pureRename.annotations, []);

    const quoted = byPath(result, "app/café menu.py");
    assert.deepEqual(quoted.annotations.map((a) => [a.code, a.line]), [["PY3101", 2]]);
  });

  test(`CRLF lines map, and suggestions carry no carriage return (${mode})`, () => {
    const crlf = byPath(annotate(diffText, { files }), "app/crlf.py");
    assert.deepEqual(crlf.annotations.map((a) => [a.code, a.line, a.column]), [["PY3218", 3, 12]]);
    const { suggestion, replacement } = crlf.annotations[0].fix;
    assert.deepEqual(replacement, ["    return 1 in d"]);
    assert.equal(suggestion, "```suggestion\n    return 1 in d\n```");
    assert.ok(!suggestion.includes("\r"));
  });

  test(`non-Python files are ignored, a python shebang is Python (${mode})`, () => {
    const result = annotate(diffText, { files });
    const notes = byPath(result, "NOTES.md");
    assert.equal(notes.python, false);
    assert.deepEqual(notes.annotations, []);
    assert.equal(byPath(result, "app/data.bin").annotations.length, 0);
    const script = byPath(result, "tools/run");
    assert.equal(script.python, true);
    assert.deepEqual(script.annotations.map((a) => [a.code, a.line]), [["PY3101", 3]]);
  });
}

test("every annotation's diff position is its line's index below the file's first @@", () => {
  const result = annotate(diffText, { files: headFiles });
  for (const annotation of result.annotations) {
    // An independent count over the raw diff text of this file.
    const sections = diffText.split(/^(?=diff --git )/m);
    // git quotes non-ASCII paths as octal escapes of their UTF-8 bytes.
    const octal = [...new TextEncoder().encode(annotation.path)].map((b) => (b < 128 ? String.fromCharCode(b) : `\\${b.toString(8)}`)).join("");
    const section = sections.find((s) => s.includes(`+++ b/${annotation.path}\n`) || s.includes(`+++ "b/${octal}"`));
    const lines = section.split("\n");
    const firstHunk = lines.findIndex((line) => line.startsWith("@@"));
    let newLine = 0;
    let found = null;
    for (let i = firstHunk; i < lines.length; i++) {
      const header = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(lines[i]);
      if (header) {
        newLine = Number(header[1]);
        continue;
      }
      if (lines[i].startsWith("-")) continue;
      if (newLine === annotation.commentRange.line) {
        found = i - firstHunk;
        break;
      }
      newLine++;
    }
    assert.equal(annotation.position, found, `${annotation.path}:${annotation.line}`);
  }
});

const contextDiff = [
  "diff --git a/m.py b/m.py",
  "--- a/m.py",
  "+++ b/m.py",
  "@@ -2,3 +2,4 @@",
  ' print "context"',
  " x = 1",
  "+y = unicode(x)",
  " z = 2",
  "",
].join("\n");
const contextFile = ['print "far away"', 'print "context"', "x = 1", "y = unicode(x)", "z = 2", ""].join("\n");

test("filter modes: added, diff_context, file (reviewdog's)", () => {
  const lines = (filter) =>
    annotate(contextDiff, { filter, files: { "m.py": contextFile } }).annotations.map((a) => [a.line, a.lineKind, a.commentRange?.line ?? null, a.position]);
  assert.deepEqual(lines("added"), [[4, "added", 4, 3]]);
  assert.deepEqual(lines("diff_context"), [
    [2, "context", 2, 1],
    [4, "added", 4, 3],
  ]);
  assert.deepEqual(lines("file"), [
    [1, "outside", null, null],
    [2, "context", 2, 1],
    [4, "added", 4, 3],
  ]);
  assert.deepEqual(annotate(contextDiff, {}).annotations.map((a) => a.line), [4], "added is the default");
  assert.throws(() => annotate(contextDiff, { filter: "nope" }), TypeError);
});

test("a multi-line statement counts when any of its lines was added", () => {
  const diff = ["--- a/m.py", "+++ b/m.py", "@@ -1,2 +1,2 @@", ' print "a", \\', '-    "b"', '+    "c"', ""].join("\n");
  const [annotation] = annotate(diff, { files: { "m.py": 'print "a", \\\n    "c"\n' } }).annotations;
  assert.equal(annotation.line, 1);
  assert.equal(annotation.endLine, 2);
  assert.equal(annotation.lineKind, "context");
  // The suggestion covers both lines of the statement.
  assert.deepEqual(annotation.commentRange, { startLine: 1, line: 2, side: "RIGHT", oldLine: null });
  assert.deepEqual(annotation.fix.replacement, ['print("a", \\', '    "c")']);
});

test("a fix that edits a line the diff does not show has no suggestion, and says why", () => {
  const text = ["import os", "", "def f(xs):", "    return reduce(g, xs)", ""].join("\n");
  const diff = ["--- a/r.py", "+++ b/r.py", "@@ -3,2 +3,2 @@", " def f(xs):", "-    return xs", "+    return reduce(g, xs)", ""].join("\n");
  const [annotation] = annotate(diff, { files: { "r.py": text } }).annotations;
  assert.equal(annotation.code, "PY3208");
  assert.equal(annotation.fix.suggestion, null);
  assert.match(annotation.fix.reason, /line 2, which the diff does not show/);
  assert.deepEqual(annotation.commentRange, { startLine: 4, line: 4, side: "RIGHT", oldLine: null });
  assert.match(annotation.body, /Fix: .*py3port check --fix/);
});

test("a suggestion's fence is longer than any backticks in the code", () => {
  const diff = ["--- /dev/null", "+++ b/t.py", "@@ -0,0 +1 @@", '+print "```"', ""].join("\n");
  const [annotation] = annotate(diff).annotations;
  assert.equal(annotation.fix.suggestion, '````suggestion\nprint("```")\n````');
});

test("the comment body has the message, the docs link and the suggestion", () => {
  const [annotation] = annotate(contextDiff, { files: { "m.py": contextFile } }).annotations;
  assert.equal(annotation.docsUrl, "https://py3port.github.io/py3port/rules/unicode-builtin/");
  assert.ok(annotation.body.includes(annotation.message));
  assert.ok(annotation.body.includes(`(${annotation.docsUrl})`));
  assert.ok(annotation.body.includes("```suggestion\ny = str(x)\n```"));
});

test("a file text that does not match the diff falls back to the hunks, and says so", () => {
  const store = byPath(annotate(diffText, { files: (path) => (path === "app/store.py" ? "unrelated = 1\n" : headFiles(path)) }), "app/store.py");
  assert.equal(store.analysed, "hunks");
  assert.match(store.reason, /does not match the diff/);
  assert.equal(store.annotations.length, 3);
});

test("a hunk that starts inside a block and dedents is analysed with its indentation repaired", () => {
  const diff = [
    "--- a/deep.py",
    "+++ b/deep.py",
    "@@ -40,6 +40,7 @@ class Deep(object):",
    "             if self.ready:",
    "                 return self.value",
    "+            print 'not ready'",
    "         else:",
    "             return None",
    "     def other(self):",
    "         return self.items.keys()[0]",
    "",
  ].join("\n");
  const result = annotate(diff, { filter: "diff_context" });
  const [file] = result.files;
  assert.equal(file.analysed, "hunks");
  assert.deepEqual(result.annotations.map((a) => [a.code, a.line, a.column]), [
    ["PY3101", 42, 13],
    ["PY3401", 46, 27],
  ]);
  // The repaired text parses: no parse error (PY3100) anywhere.
  const lines = file.annotations.length && parseDiff(diff)[0].hunks[0].lines.map((line) => line.text);
  const repaired = repairHunk(lines);
  assert.ok(!analyze(repaired.text).some((d) => d.code === "PY3100"), repaired.text);
  assert.equal(repaired.text.split("\n").slice(repaired.prefixLines, -1).join("\n"), lines.join("\n"));
});

test("indentation repair: clauses that open the hunk, tabs, and no indentation at all", () => {
  for (const lines of [
    ["    except ValueError, e:", "        raise"],
    ["        x = 1", "    finally:", "        y = 2"],
    ["\t\tx = 1", "\telse:", "\t\tpass"],
    ["    elif x:", "        pass"],
    ["x = 1", "y = 2"],
    ["", "    # only a comment", "        z = 3"],
  ]) {
    const repaired = repairHunk(lines);
    const errors = analyze(repaired.text).filter((d) => d.code === "PY3100");
    assert.deepEqual(errors, [], JSON.stringify(repaired));
    assert.deepEqual(repaired.text.split("\n").slice(repaired.prefixLines, -1), lines);
  }
  assert.equal(repairHunk(["x = 1"]).prefixLines, 0);
});

test("an analyzer failure is the file's reason, not an exception", () => {
  const result = annotate(contextDiff, {
    analyze: () => {
      throw new Error("boom");
    },
  });
  assert.equal(result.files[0].analysed, "none");
  assert.match(result.files[0].reason, /analysis failed: boom/);
  assert.deepEqual(result.annotations, []);
});

test("py3port options pass through (select)", () => {
  const none = annotate(diffText, { files: headFiles, options: { select: ["PY3218"] } });
  assert.ok(none.annotations.length > 0);
  assert.ok(none.annotations.every((a) => a.code === "PY3218"));
});

test("summaries count what the badge shows", () => {
  const store = byPath(annotate(diffText, { files: headFiles }), "app/store.py");
  assert.equal(store.summary.total, 3);
  assert.equal(store.summary.bySeverity.error, store.annotations.filter((a) => a.severity === "error").length);
  assert.equal(store.summary.suggestions, store.annotations.filter((a) => a.fix?.suggestion).length);
});

test("isPythonFile: extensions and shebangs", () => {
  assert.ok(isPythonFile("a/b.py"));
  assert.ok(isPythonFile("GUI.PYW"));
  assert.ok(isPythonFile("bin/tool", "#!/usr/bin/env python2.7"));
  assert.ok(!isPythonFile("bin/tool", "#!/bin/sh"));
  assert.ok(!isPythonFile("README.md"));
  assert.ok(!isPythonFile("stubs.pyi"));
});
