// The API's contract: options in the settings table's camelCase keys with clear errors,
// rule metadata, the documentation as a separate asset, and fix() results.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { analyze, fix, loadRuleDocs, ruleDocs, rules, settings, version } from "py3port";

const legacy = "import urllib2\nprint 'x'\nd = {}\nif d.has_key('a'): pass\nx = 3 / 2\n";

test("options use the settings table's camelCase keys", () => {
  const codes = (options) => analyze(legacy, options).map((d) => d.code);
  const all = codes();
  assert.ok(all.includes("PY3101") && all.includes("PY3302"), all.join());
  assert.deepEqual(codes({ select: ["PY3101"] }), ["PY3101"]);
  assert.deepEqual(codes({ select: ["print-statement"] }), ["PY3101"]);
  assert.ok(!codes({ ignore: ["PY31"] }).includes("PY3101"));
  assert.ok(!codes({ extendIgnore: ["PY3101"] }).includes("PY3101"));
  const print = analyze(legacy, { severity: { PY3101: "hint" } }).find((d) => d.code === "PY3101");
  assert.equal(print.severity, "hint");
  // undefined and null mean "not set".
  assert.deepEqual(codes({ select: undefined, ignore: null }), all);
  // `source: "py3"` reads the file as Python 3: Python-2-only readings go away.
  assert.ok(codes({ source: "py2" }).length >= codes({ source: "py3" }).length);
  // A text over maxFileSize is one PY3190 and not analysed.
  assert.deepEqual(codes({ maxFileSize: 10 }), ["PY3190"]);
  // Medium-confidence findings appear with minConfidence: "medium".
  const medium = analyze("def f(a, b):\n    return a / b\n", { minConfidence: "medium", source: "py2" });
  assert.ok(medium.some((d) => d.confidence === "medium"), JSON.stringify(medium));
});

test("invalid options throw an Error that names the key and what it accepts", () => {
  const cases = [
    [{ targetVersion: "py27" }, /invalid value for option `targetVersion`: expected a version from "py36" to "py314", found "py27"/],
    [{ targetVersion: 38 }, /option `targetVersion`: expected a string, found 38/],
    [{ selct: ["PY31"] }, /unknown option `selct`: expected one of select, extendSelect, .*targetVersion/],
    [{ select: "PY3101" }, /option `select`: expected a list of strings, found "PY3101"/],
    [{ select: ["PY9"] }, /option `select`: unknown rule selector `PY9`/],
    [{ severity: { PY3101: "fatal" } }, /option `severity`: expected "error", "warning", "info" or "hint", found "fatal"/],
    [{ maxFileSize: 1.5 }, /option `maxFileSize`: expected an integer, found a number that is not a safe integer/],
    [{ maxFileSize: -1 }, /option `maxFileSize`: expected a positive number of bytes, found -1/],
    [{ source: "python2" }, /option `source`: expected "auto", "py2" or "py3"/],
    [{ minConfidence: "low" }, /option `minConfidence`: expected "high" or "medium"/],
    [{ select: [1] }, /option `select`: expected a string, found 1/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => analyze("x = 1\n", options), (error) => error instanceof Error && message.test(error.message), JSON.stringify(options));
  }
  assert.throws(() => analyze("x", "py38"), /options must be an object, not a string/);
  assert.throws(() => analyze("x", ["select"]), /options must be an object, not an array/);
  assert.throws(() => analyze(42), /source must be a string, not a number/);
  assert.throws(() => analyze("x", new Map([["select", ["PY3101"]]])), /options must be a plain object \(\{ key: value \}\), not a Map/);
  assert.equal(analyze("print 'x'\n", Object.assign(Object.create(null), { select: ["PY3101"] })).length, 1);
  assert.throws(() => fix("x", { unsafeFixes: "yes" }), /option `unsafeFixes`: expected a boolean/);
});

test("the TypeScript Options type has every analysis setting of the table, with its values", () => {
  const types = readFileSync(new URL("../dist/types.d.ts", import.meta.url), "utf8");
  const body = /export interface Options \{([\s\S]*?)\n\}/.exec(types)[1];
  const typed = new Map([...body.matchAll(/^\s+(\w+)\?: (.*);$/gm)].map((match) => [match[1], match[2]]));
  const table = settings().filter((setting) => setting.scope === "analysis");
  assert.deepEqual([...typed.keys()].sort(), table.map((setting) => setting.key).sort());
  const aliases = new Map([...types.matchAll(/export type (\w+) =([^;]*);/g)].map((match) => [match[1], match[2]]));
  const expand = (text) => text.replace(/\b[A-Z]\w*\b/g, (name) => aliases.get(name) ?? name);
  const literals = (text) => [...text.matchAll(/"([^"]*)"/g)].map((match) => match[1]).sort();
  for (const setting of table) {
    let expected;
    if (/^"[^"]*"( \| "[^"]*")*$/.test(setting.type)) {
      expected = literals(setting.type);
    } else {
      // A range of versions, `"py36" ... "py314"`.
      const range = /^"py3(\d+)" \.\.\. "py3(\d+)"$/.exec(setting.type);
      if (range === null) continue;
      expected = [];
      for (let minor = Number(range[1]); minor <= Number(range[2]); minor++) expected.push(`py3${minor}`);
      expected.sort();
    }
    assert.deepEqual(literals(expand(typed.get(setting.key))), expected, setting.key);
  }
  // File settings are accepted (one configuration object can serve every front end).
  assert.doesNotThrow(() => analyze("x\n", { exclude: ["vendor/*"], perFileIgnores: { "tests/*": ["PY34"] } }));
});

test("fix() returns the output, what it applied and what remains", () => {
  const result = fix("import urllib2\nprint 'x'\nd = {}\nprint d.has_key('a')\n");
  assert.equal(result.output, "import urllib.request, urllib.error, urllib.parse\nprint('x')\nd = {}\nprint('a' in d)\n");
  assert.equal(result.applied, 4);
  assert.deepEqual(Object.keys(result.appliedByRule), ["PY3101", "PY3218", "PY3302"]);
  assert.equal(result.appliedByRule.PY3101, 2);
  assert.deepEqual(result.remaining, analyze(result.output));
  assert.equal(result.converged, true);
  assert.deepEqual(result.dropped, []);
  const unfixable = fix("print 'x'\n", { unfixable: ["PY3101"] });
  assert.equal(unfixable.output, "print 'x'\n");
  assert.equal(unfixable.remaining[0].code, "PY3101");
});

test("rules() gives every rule's metadata, without its documentation", () => {
  const all = rules();
  assert.ok(all.length > 100);
  assert.deepEqual(
    all.map((rule) => rule.code),
    [...new Set(all.map((rule) => rule.code))].sort(),
  );
  const print = all.find((rule) => rule.code === "PY3101");
  assert.deepEqual(Object.keys(print).sort(), [
    "code",
    "defaultEnabled",
    "family",
    "fixAvailability",
    "name",
    "severity",
    "summary",
    "url",
  ]);
  assert.equal(print.name, "print-statement");
  assert.equal(print.family, "syntax");
  assert.equal(print.url, "https://py3port.github.io/py3port/rules/print-statement/");
  for (const rule of all) {
    assert.match(rule.code, /^PY3[1-6]\d\d$/);
    assert.ok(["never", "sometimes", "always"].includes(rule.fixAvailability));
    assert.ok(rule.summary.length > 0);
  }
  // A caller mutating the result does not change the next one.
  all[0].name = "changed";
  assert.notEqual(rules()[0].name, "changed");
});

test("the documentation is a separate asset, loaded on demand", async () => {
  const wasm = readFileSync(new URL("../pkg/py3port_wasm_bg.wasm", import.meta.url));
  assert.equal(wasm.indexOf("## What it does"), -1, "the analyzer carries no rule documentation");
  const docs = await loadRuleDocs();
  assert.equal(docs.version, version());
  assert.deepEqual(Object.keys(docs.rules).sort(), rules().map((rule) => rule.code));
  const print = await ruleDocs("PY3101");
  assert.match(print, /## What it does/);
  assert.match(print, /## Fix safety/);
  assert.equal(await ruleDocs("print-statement"), print);
  await assert.rejects(ruleDocs("PY9999"), /unknown rule `PY9999`/);
  // A mismatched asset is refused rather than shown for the wrong rules.
  await assert.rejects(loadRuleDocs(new Response(JSON.stringify({ version: "0.0.0", rules: {} }))), /for py3port 0.0.0/);
  await assert.rejects(loadRuleDocs(new Response("[]")), /not a py3port rules-docs.json/);
  // Until a good one is loaded again.
  assert.equal((await loadRuleDocs(docs)).rules.PY3101, print);
});
