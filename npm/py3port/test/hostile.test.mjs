// No input traps the analyzer or escapes as a panic: random and hostile text, options and
// changes give diagnostics or an ordinary Error, and the analyzer keeps working after a
// panic or a trap (it is instantiated afresh).

import assert from "node:assert/strict";
import { test } from "node:test";

import { analyze, Document, fix, MAX_TEXT_LENGTH } from "py3port";

import { __debugFailure } from "../dist/core.js";
import { cliDiagnostics, cliFix, fixLikeAConsumer } from "./helpers.mjs";

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  "print ", "exec ", "`", "'", '"', '"""', "u'", "ur'", "b'", "(", ")", "[", "]", "{", "}", ":", ",", ";",
  " ", "    ", "\t", "\n", "\r\n", "\r", "\0", "\\", "#", "# noqa", "# py3port: ignore-file", "# -*- coding: latin-1 -*-",
  "def ", "class ", "lambda ", "if ", "else", "try:", "except ", "raise ", "import ", "from ", " as ", "yield ",
  "x", "d.has_key(", ".iteritems()", "xrange(", "unicode(", "0777", "10L", "<>", "/", "**", "async", "await",
  "😀", "é", "\u2028", "\ufeff", "\ud800", "\udfff", "\ud83d", "\ude00", "\u0085", "\x0c", "\u00a0",
];

function randomSource(next, length) {
  let text = "";
  while (text.length < length) {
    text += next() < 0.9 ? pieces[Math.floor(next() * pieces.length)] : String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return text;
}

/** Checks a diagnostic's coordinates against the text it is about. */
function checkCoordinates(text, diagnostic) {
  assert.ok(0 <= diagnostic.from && diagnostic.from <= diagnostic.to && diagnostic.to <= text.length);
  for (const edit of diagnostic.fix?.edits ?? []) {
    assert.ok(0 <= edit.from && edit.from <= edit.to && edit.to <= text.length);
    assert.equal(typeof edit.newText, "string");
  }
}

test("random text gives diagnostics within the text, and fixes", () => {
  const next = random(20_261_129);
  for (let i = 0; i < 300; i++) {
    const text = randomSource(next, Math.floor(next() * 600));
    let diagnostics;
    try {
      diagnostics = analyze(text);
      const result = fix(text, { unsafeFixes: true });
      assert.equal(typeof result.output, "string");
    } catch (error) {
      assert.fail(`input ${i} ${JSON.stringify(text)}: ${error.stack}`);
    }
    for (const diagnostic of diagnostics) checkCoordinates(text, diagnostic);
  }
});

test("a document under random edits always equals a fresh analysis", () => {
  const next = random(6);
  const document = new Document("import urllib2\nprint 'x'\n");
  for (let i = 0; i < 300; i++) {
    const length = document.text.length;
    const from = Math.floor(next() * (length + 2));
    const to = from + Math.floor(next() * 8);
    const insert = randomSource(next, Math.floor(next() * 12));
    document.update({ from, to, insert });
    const expected = analyze(document.text);
    assert.deepEqual(document.diagnostics(), expected, `after edit ${i}: ${JSON.stringify(document.text)}`);
  }
  document.dispose();
});

test("NUL bytes, huge lines and invalid surrogates are data", () => {
  const nul = "print '\0'\n\0\0 = `\0`\nx = 1\0\n";
  for (const diagnostic of analyze(nul)) checkCoordinates(nul, diagnostic);

  const huge = `x = '${"a".repeat(2_000_000)}'; print x\n`;
  const [print] = analyze(huge, { select: ["PY3101"] });
  assert.equal(huge.slice(print.from, print.to), "print x");
  assert.equal(print.range.start.character, print.from);

  // A lone surrogate is one UTF-16 unit, as is the U+FFFD the analyzer reads in its place,
  // so offsets stay those of the JavaScript string.
  const lone = "s = '\ud800'; print s, '\udfff', `s`\n";
  const diagnostics = analyze(lone);
  const backquote = diagnostics.find((d) => d.name === "backquote-repr");
  assert.equal(lone.slice(backquote.from, backquote.to), "`s`");
  assert.equal(fix(lone).output, "s = '\ufffd'; print(s, '\ufffd', repr(s))\n");
});

test("deep nesting gives diagnostics or an Error, never a dead analyzer", () => {
  // Within the stack that V8 gives WebAssembly (Node's default: about 8,000 levels here).
  for (const depth of [1_000, 5_000]) {
    const nested = `x = ${"(".repeat(depth)}1${")".repeat(depth)}\nprint x\n`;
    assert.deepEqual(analyze(nested).map((d) => d.code), ["PY3101"]);
  }
  // Beyond it the core's expression inference overflows the stack (natively too, at a
  // greater depth): the overflow is an Error and the next call works.
  for (const nested of [`x = ${"(".repeat(100_000)}1${")".repeat(100_000)}\n`, `x = 1${" ** 2".repeat(100_000)}\n`]) {
    try {
      analyze(nested);
    } catch (error) {
      assert.ok(error instanceof Error);
      assert.match(error.message, /^py3port: internal error \(the analyzer was restarted/);
    }
    assert.deepEqual(analyze("print 1\n").map((d) => d.code), ["PY3101"]);
  }
  const unclosed = "[{(".repeat(50_000);
  for (const diagnostic of analyze(unclosed)) checkCoordinates(unclosed, diagnostic);
});

test("a panic or a trap is an Error, and the analyzer and open documents keep working", () => {
  const document = new Document("print 'x'\n");
  for (const kind of ["panic", "trap"]) {
    assert.throws(
      () => __debugFailure(kind),
      (error) =>
        error instanceof Error &&
        /^py3port: internal error \(the analyzer was restarted; please report this input\)/.test(error.message) &&
        (kind === "trap" || /deliberate panic for tests/.test(error.message)),
    );
    assert.deepEqual(analyze("print 'y'\n").map((d) => d.code), ["PY3101"]);
    // The document is rebuilt from its text on the new instance.
    document.update({ from: 9, insert: "\nprint `z`" });
    assert.deepEqual(document.diagnostics(), analyze(document.text));
  }
  assert.equal(document.text, "print 'x'\nprint `z`\nprint `z`\n");
  document.dispose();
});

test("hostile options and changes are Errors", () => {
  const circular = {};
  circular.self = circular;
  const hostile = [
    { select: () => "PY3101" },
    { select: [Symbol("x")] },
    { severity: circular },
    { targetVersion: new Date() },
    { maxFileSize: Number.NaN },
    { maxFileSize: 2 ** 80 },
    { select: new Array(3) },
  ];
  for (const options of hostile) {
    assert.throws(() => analyze("print 1\n", options), Error, String(Object.keys(options)));
  }
  assert.deepEqual(analyze("print 1\n", { maxFileSize: 5n }).map((d) => d.code), ["PY3190"]);
  assert.deepEqual(analyze("print 1\n").map((d) => d.code), ["PY3101"]);

  const document = new Document("print 1\n");
  for (const change of [{ from: -1 }, { from: 1.5 }, { from: Number.NaN }, { from: 0, insert: 5 }, null, { from: "0" }]) {
    assert.throws(() => document.update(change), TypeError, JSON.stringify(change));
  }
  assert.equal(document.text, "print 1\n");
  // Offsets past the end are clamped, as stale editor changes can be.
  document.update({ from: 1e12, to: 1e15, insert: "\nprint 2" });
  assert.equal(document.text, "print 1\n\nprint 2");
  assert.deepEqual(document.diagnostics(), analyze(document.text));
  assert.throws(() => document.offsetAt({ line: -1, character: 0 }), TypeError);
  document.dispose();
  assert.throws(() => document.diagnostics(), /disposed/);
});

test("text over the limits is refused or reported, not analysed", () => {
  assert.throws(() => analyze("a".repeat(MAX_TEXT_LENGTH + 1)), RangeError);
  const large = "x = 1\n".repeat(2_000_000);
  assert.deepEqual(analyze(large).map((d) => d.code), ["PY3190"]);
});

// The hostile inputs the issue lists, one by one. Where the CLI can read the same text, the
// package's fixed output is compared with the CLI's, byte for byte.
test("the issue's hostile inputs: empty, 50 MB, 10,000-deep, a 5 MB line, NUL, surrogates, line endings, form feeds", () => {
  // Empty input.
  assert.deepEqual(analyze(""), []);
  assert.deepEqual(fix(""), { output: "", applied: 0, appliedByRule: {}, remaining: [], dropped: [], converged: true });

  // 50 MB: one size-limit diagnostic (PY3190) at the start, no analysis.
  const fifty = "print 'x'\n".repeat(5_000_000);
  assert.equal(fifty.length, 50_000_000);
  const [limit, ...others] = analyze(fifty);
  assert.equal(limit.code, "PY3190");
  assert.deepEqual(others, []);
  assert.deepEqual(limit.range.start, { line: 0, character: 0 });
  assert.equal(fix(fifty).output, fifty);

  // 10,000-deep nesting. Brackets, calls, attributes and blocks are analysed.
  const print = (text) => analyze(text).map((d) => d.code).filter((code) => code === "PY3101");
  const deep = 10_000;
  for (const nested of [
    `x = ${"[".repeat(deep)}1${"]".repeat(deep)}\nprint x\n`,
    `x = ${"f(".repeat(deep)}1${")".repeat(deep)}\nprint x\n`,
    `x = a${".b".repeat(deep)}\nprint x\n`,
    `${"[{(".repeat(deep)}\nprint x\n`,
  ]) {
    assert.deepEqual(print(nested), nested.startsWith("[{(") ? [] : ["PY3101"], nested.slice(0, 20));
  }
  // Parentheses, unary and binary operators 10,000 deep: the core reads a constant's type
  // at most 32 levels deep (they used to overflow V8's stack there).
  for (const nested of [
    `x = ${"(".repeat(deep)}1${")".repeat(deep)}\nprint x\n`,
    `x = ${"-".repeat(deep)}1\nprint x\n`,
    `x = 1${" ** 2".repeat(deep)}\nprint x\n`,
  ]) {
    assert.deepEqual(print(nested), ["PY3101"], nested.slice(0, 20));
  }

  // A single 5 MB line: offsets stay exact at its end.
  const line = `x = '${"a".repeat(5_000_000)}'; print x, \`x\``;
  const onLine = analyze(line);
  const statement = onLine.find((d) => d.code === "PY3101");
  assert.equal(line.slice(statement.from, statement.to), "print x, `x`");
  assert.deepEqual(statement.range.start, { line: 0, character: line.indexOf("print") });
  assert.equal(fix(line).output, `x = '${"a".repeat(5_000_000)}'; print(x, repr(x))`);

  // NUL bytes: the CLI refuses such a file as binary (PY3191, a decision about files); a
  // JavaScript string is text, analysed: NULs are parse errors, and no fix touches them.
  const nul = "print '\0'\n\0\0 = `\0`\nx = 1\0\n";
  assert.deepEqual(cliDiagnostics(nul).map((d) => d.code), ["PY3191"]);
  const nulDiagnostics = analyze(nul);
  assert.ok(nulDiagnostics.length > 0 && nulDiagnostics.every((d) => d.code === "PY3100"), JSON.stringify(nulDiagnostics));
  for (const diagnostic of nulDiagnostics) checkCoordinates(nul, diagnostic);
  assert.equal(fix(nul).output, nul);

  // Mixed line endings (LF, CRLF and a lone CR, which ends a line for py3port's positions
  // and for Python but not for the grammar) and form feeds: the CLI's output exactly.
  for (const text of [
    "print 1\r\nprint 2\nprint `x`\r\n\r\n\nif x:\r\n    print 4\n",
    "print 1\r\nprint 2\rprint 3\nprint `x`\r\n\r\rif x:\r    print 4\n",
    "\fprint 1\n\f\nif x:\n\f    print `y`\n    \fprint 2\nclass A:\n  \f  def f(self): print 3\n",
    "",
  ]) {
    const diagnostics = analyze(text);
    for (const diagnostic of diagnostics) checkCoordinates(text, diagnostic);
    // A consumer applying fixes round after round matches where the grammar reads the text
    // as Python does. With a lone CR it does not (`print 2\rprint 3` is one line with a
    // parse error to it): fix() and the CLI then drop the fix whose result parses worse,
    // which a consumer that does not re-parse applies.
    if (!/\r(?!\n)/.test(text)) {
      assert.equal(fixLikeAConsumer(text), cliFix(text), JSON.stringify(text));
    }
    const result = fix(text);
    assert.equal(result.output, cliFix(text), JSON.stringify(text));
    assert.equal(result.converged, true, JSON.stringify(text));
  }
  const mixed = analyze("a = 1\r\nb = 2\rc = 3\nprint `x`\n");
  assert.deepEqual(mixed.find((d) => d.code === "PY3103").range.start, { line: 3, character: 6 });

  // Lone surrogates, high and low, alone and at the end: one unit each, as in the string.
  for (const text of ["\ud800", "\udc00print 1\n", "print `x`\ud83d", "\ude00\ud83d\n`y`"]) {
    const diagnostics = analyze(text);
    for (const diagnostic of diagnostics) checkCoordinates(text, diagnostic);
    const backquote = diagnostics.find((d) => d.code === "PY3103");
    if (backquote) assert.match(text.slice(backquote.from, backquote.to), /^`[xy]`$/);
  }
});
