// Positions are UTF-16 offsets and LSP positions (0-based, UTF-16), and edits applied by
// a JavaScript consumer give exactly what the native CLI writes.

import assert from "node:assert/strict";
import { test } from "node:test";

import { analyze, Document, fix } from "py3port";

import { applyEdits, cliFix, fixLikeAConsumer } from "./helpers.mjs";

test("on a line with 😀, offsets and characters count UTF-16 code units", () => {
  const source = 'label = u"😀 ok"; print label, `label`\n';
  const diagnostics = analyze(source);
  const print = diagnostics.find((d) => d.code === "PY3101");
  assert.ok(print, JSON.stringify(diagnostics));
  // UTF-8 bytes would put `print` 2 units later, code points 1 unit earlier.
  assert.equal(print.from, source.indexOf("print"));
  assert.equal(source.slice(print.from, print.to), "print label, `label`");
  assert.deepEqual(print.range, {
    start: { line: 0, character: print.from },
    end: { line: 0, character: print.to },
  });
  const backquote = diagnostics.find((d) => d.code === "PY3103");
  assert.equal(source.slice(backquote.from, backquote.to), "`label`");
  for (const edit of backquote.fix.edits) {
    assert.deepEqual(edit.range.start, { line: 0, character: edit.from });
  }
  const fixed = fixLikeAConsumer(source);
  assert.equal(fixed, 'label = u"😀 ok"; print(label, repr(label))\n');
  assert.equal(fixed, cliFix(source));
});

test("after 😀 on an earlier line, positions restart at each line", () => {
  const source = "# 😀😀\nx = `y`\n";
  const [diagnostic] = analyze(source);
  assert.equal(diagnostic.code, "PY3103");
  assert.equal(diagnostic.from, source.indexOf("`"));
  assert.deepEqual(diagnostic.range.start, { line: 1, character: 4 });
  const document = new Document(source);
  assert.equal(document.offsetAt(diagnostic.range.start), diagnostic.from);
  assert.deepEqual(document.positionAt(diagnostic.to), diagnostic.range.end);
  // The middle of the surrogate pair is the character's start.
  assert.deepEqual(document.positionAt(3), { line: 0, character: 2 });
  document.dispose();
});

test("CRLF input: lines end at CRLF, positions and fixes keep it", () => {
  const source = "import urllib2\r\n\r\ndef f(d):\r\n    if d.has_key('x'):\r\n        print 'yes'\r\n";
  const diagnostics = analyze(source);
  const hasKey = diagnostics.find((d) => d.name === "dict-has-key");
  assert.ok(hasKey, JSON.stringify(diagnostics.map((d) => d.name)));
  assert.equal(hasKey.range.start.line, 3);
  const lineStart = source.indexOf("    if");
  assert.equal(hasKey.range.start.character, hasKey.from - lineStart);
  const print = diagnostics.find((d) => d.name === "print-statement");
  assert.deepEqual(print.range.start, { line: 4, character: 8 });

  const fixed = fixLikeAConsumer(source, { unsafe: true });
  assert.equal(fixed, cliFix(source, { unsafe: true }));
  assert.equal(fix(source, { unsafeFixes: true }).output, fixed);
  assert.match(fixed, /print\('yes'\)\r\n$/);
  assert.ok(!/[^\r]\n/.test(fixed), "every line still ends in CRLF");
});

test("CR, LF and CRLF end lines, as in LSP", () => {
  const document = new Document("a\rb\nc\r\nd");
  assert.deepEqual(document.positionAt(2), { line: 1, character: 0 });
  assert.deepEqual(document.positionAt(4), { line: 2, character: 0 });
  assert.deepEqual(document.positionAt(7), { line: 3, character: 0 });
  // The CR of a CRLF is the end of its line's content.
  assert.equal(document.offsetAt({ line: 2, character: 9 }), 5);
  document.dispose();
});
