// The editor document: incremental re-analysis that always equals `analyze`, changes in
// UTF-16 offsets applied in order, options, positions and disposal.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { analyze, Document } from "py3port";

import { repo } from "./helpers.mjs";

const cli = readFileSync(join(repo, "examples/legacy_app/inventory/cli.py"), "utf8");

test("typing a file keystroke by keystroke matches a fresh analysis at every step", () => {
  const document = new Document("");
  const target = `# 😀 typed\n${cli}`;
  for (let i = 0; i < target.length; i += 7) {
    document.update({ from: document.text.length, insert: target.slice(i, i + 7) });
    if (i % 70 === 0) assert.deepEqual(document.diagnostics(), analyze(document.text), `after ${i} units`);
  }
  assert.equal(document.text, target);
  assert.deepEqual(document.diagnostics(), analyze(target));
  assert.ok(document.diagnostics().length > 5);
  document.dispose();
});

test("an edit re-analyses only the statements it touches", () => {
  const big = Array.from({ length: 400 }, (_, i) => `def f${i}(d):\n    return d.has_key(${i})\n`).join("");
  const document = new Document(big);
  const at = big.indexOf("has_key(200)");
  document.update({ from: at, to: at + "has_key".length, insert: "get" });
  assert.ok(document.lastWalked <= 3, `walked ${document.lastWalked} statements`);
  assert.deepEqual(document.diagnostics(), analyze(document.text));
  assert.equal(document.diagnostics().length, analyze(big).length - 1);
  document.dispose();
});

test("changes apply in order, each in the coordinates the previous ones produced", () => {
  const document = new Document("x = 1\nprint x\n");
  // A CodeMirror ChangeSet refers to the old text: from last to first, that is the same.
  document.update([
    { from: 12, to: 13, insert: "😀" },
    { from: 0, to: 1, insert: "😀" },
  ]);
  assert.equal(document.text, "😀 = 1\nprint 😀\n");
  document.update([{ from: 0, insert: "a" }, { from: 1, insert: "b" }, { from: 0, to: 2 }]);
  assert.equal(document.text, "😀 = 1\nprint 😀\n");
  // An offset between the halves of a surrogate pair means the character's start.
  document.update({ from: 1, insert: "é" });
  assert.equal(document.text, "é😀 = 1\nprint 😀\n");
  assert.deepEqual(document.diagnostics(), analyze(document.text));
  document.dispose();
});

test("options can change, and invalid ones keep the current ones", () => {
  const document = new Document("print 'x'\nx = `y`\n", { select: ["PY3101"] });
  assert.deepEqual(document.diagnostics().map((d) => d.code), ["PY3101"]);
  document.setOptions({ ignore: ["PY3101"] });
  assert.deepEqual(document.diagnostics().map((d) => d.code), ["PY3103"]);
  assert.throws(() => document.setOptions({ ignore: ["nope"] }), /unknown rule selector `nope`/);
  assert.deepEqual(document.diagnostics().map((d) => d.code), ["PY3103"]);
  assert.throws(() => new Document("x", { source: "py4" }), /option `source`/);
  document.setText("from __future__ import print_function\nprint('x')\n");
  assert.equal(document.dialect(), "compatible");
  assert.deepEqual(document.diagnostics(), []);
  document.setText("print 'x'\n");
  assert.equal(document.dialect(), "python2");
  document.dispose();
});

test("a disposed document refuses to work; `using` disposes it", () => {
  let escaped;
  {
    const document = new Document("print 1\n");
    escaped = document;
    document[Symbol.dispose]();
  }
  assert.throws(() => escaped.diagnostics(), /the document was disposed/);
  escaped.dispose();
});
