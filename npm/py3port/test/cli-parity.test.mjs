// The package gives the native CLI's diagnostics and fixes, byte for byte, on the bundled
// sample application, on every rule's fixture and on findings after 😀 on their line, as
// written and with CRLF line endings and a line with 😀 added.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

import { analyze, fix } from "py3port";

import { cliDiagnostics, cliFix, fixLikeAConsumer, repo } from "./helpers.mjs";

function pythonFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".py"))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** The files that are UTF-8 (the CLI decodes the others by their coding cookie first). */
function utf8Sources(dir) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  return pythonFiles(join(repo, dir)).flatMap((path) => {
    try {
      const text = decoder.decode(readFileSync(path));
      const cookie = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/m.exec(text.split("\n").slice(0, 2).join("\n"));
      if (cookie && !/^utf[-_]?8/i.test(cookie[1])) return [];
      return [{ name: relative(repo, path), text }];
    } catch {
      return [];
    }
  });
}

/** Non-ASCII text before the findings on their own lines, where UTF-8, UTF-16 and code points disagree. */
const unicodeSamples = [
  {
    name: "emoji before findings",
    text: [
      "# -*- coding: utf-8 -*-",
      "import urllib2",
      "s = u'😀'; print s, `s`",
      "d = {'é': 1}; print d.has_key('é'), d.keys()[0]",
      "t = '😀😀 ünï'; raise ValueError, '😀 %s' % t",
      "def f(x, (a, b)=('😀', 2)):",
      "    try: pass",
      "    except ValueError, e: print '👍🏽', e.message, unicode(x), 0777, 10L",
      "for k, v in {'ß': 1}.iteritems(): print k, v; exec 'print 1'",
      "",
    ].join("\n"),
  },
];

const samples = [
  ...unicodeSamples,
  ...utf8Sources("examples/legacy_app"),
  ...utf8Sources("crates/py3port-core/tests/fixtures"),
];
const variants = samples.flatMap(({ name, text }) => [
  { name, text },
  { name: `${name} (CRLF, 😀)`, text: `# 😀 ünïcode\n${text}`.replace(/\r?\n/g, "\r\n") },
]);

/** A diagnostic as the CLI's JSON shows it: rows and columns (1-based, in code points). */
function asCliJson(text, diagnostic) {
  const lines = text.split(/\r\n|\r|\n/);
  const location = ({ line, character }) => ({
    row: line + 1,
    column: [...(lines[line] ?? "").slice(0, character)].length + 1,
  });
  return {
    code: diagnostic.code,
    name: diagnostic.name,
    family: diagnostic.family,
    message: diagnostic.message,
    severity: diagnostic.severity,
    confidence: diagnostic.confidence,
    url: diagnostic.url,
    location: location(diagnostic.range.start),
    end_location: location(diagnostic.range.end),
    fix: diagnostic.fix && {
      applicability: diagnostic.fix.applicability,
      message: diagnostic.fix.title,
      edits: diagnostic.fix.edits.map((edit) => ({
        content: edit.newText,
        location: location(edit.range.start),
        end_location: location(edit.range.end),
      })),
    },
  };
}

test("there are samples to compare", () => {
  assert.ok(samples.length > 100, `${samples.length} samples`);
  assert.ok(samples.some(({ name }) => name.startsWith("examples/legacy_app")));
});

test("analyze() reports the CLI's diagnostics, with the same positions and fixes", () => {
  for (const { name, text } of variants) {
    const expected = cliDiagnostics(text).map((d) => {
      const { code, name: ruleName, family, message, severity, confidence, url, location, end_location } = d;
      const fixJson = d.fix && {
        applicability: d.fix.applicability,
        message: d.fix.message,
        edits: d.fix.edits.map(({ content, location: l, end_location: e }) => ({ content, location: l, end_location: e })),
      };
      return { code, name: ruleName, family, message, severity, confidence, url, location, end_location, fix: fixJson };
    });
    const actual = analyze(text).map((diagnostic) => asCliJson(text, diagnostic));
    // The CLI sorts edits by position too; compare as sets of diagnostics in order.
    assert.deepEqual(actual, expected, name);
  }
});

test("edits applied by a JavaScript consumer give exactly the CLI's fixed output", () => {
  let changed = 0;
  for (const { name, text } of variants) {
    for (const unsafe of [false, true]) {
      const expected = cliFix(text, { unsafe });
      assert.equal(fixLikeAConsumer(text, { unsafe }), expected, `${name} (unsafe: ${unsafe})`);
      assert.equal(fix(text, { unsafeFixes: unsafe }).output, expected, `fix() on ${name} (unsafe: ${unsafe})`);
      if (expected !== text) changed += 1;
    }
  }
  assert.ok(changed > variants.length, `only ${changed} fixed outputs differ from their input`);
});
