// The browser entry's analyzer (src/wasm.ts) with the real WebAssembly analyzer of the
// `py3port` npm package (npm/py3port, loaded in Node) against the mocked VS Code API:
// diagnostics, quick fixes, fix all, settings, edits, and the commands it registers.

import { manifest, resetVscode } from "./helpers";

import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";

import type * as Py3port from "py3port";

import { type FilteredChannel, createChannels } from "../src/logging";
import { WasmLinter, fixTitle, minimalEdit, register, toDiagnostic } from "../src/wasm";
import { coreKeys } from "../src/settings";
import * as vscode from "./mock/vscode";

const SAMPLE = 'import urllib2\n\ndef greet(name):\n    print "hello", name\n    return `name`\n';

let analyzer: typeof Py3port;

before(async () => {
  analyzer = await import("py3port");
});

beforeEach(resetVscode);

function linter(): { linter: WasmLinter; collection: vscode.DiagnosticCollection; log: FilteredChannel; lines: string[] } {
  const log = createChannels("debug", "off").log;
  const lines = vscode.recorded.output.get("py3port") ?? [];
  const created = new WasmLinter(analyzer, coreKeys(manifest()), log as never);
  const collection = vscode.languages.collections.at(-1);
  assert.ok(collection !== undefined);
  return { linter: created, collection, log, lines };
}

function document(text: string, name = "/work/app/sample.py", language = "python"): vscode.TextDocument {
  return new vscode.TextDocument(vscode.Uri.file(name), language, text);
}

/** Applies a workspace edit's edits for `doc` to it. */
function applyEdit(doc: vscode.TextDocument, edit: vscode.WorkspaceEdit | undefined): string {
  const edits = edit?.edits.get(doc.uri.toString());
  assert.ok(edits !== undefined && edits.length > 0, "no edits for the document");
  doc.edit(edits);
  return doc.getText();
}

test("a finding becomes a VS Code diagnostic as the language server sends it", () => {
  const [urllib, print] = analyzer.analyze(SAMPLE);
  assert.ok(urllib !== undefined && print !== undefined);
  const diagnostic = toDiagnostic(print);
  assert.equal(diagnostic.message, print.message);
  assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(diagnostic.source, "py3port");
  assert.deepEqual(diagnostic.range, new vscode.Range(3, 4, 3, 23));
  const code = diagnostic.code as { value: string; target: vscode.Uri };
  assert.equal(code.value, "PY3101");
  assert.match(code.target.toString(), /print-statement/);
  assert.equal(diagnostic.tags, undefined);
  // A removed module is a deprecated API: struck out.
  assert.deepEqual(toDiagnostic(urllib).tags, [vscode.DiagnosticTag.Deprecated]);
  const warning = analyzer.analyze(SAMPLE, { severity: { PY3101: "warning" } }).find((finding) => finding.code === "PY3101");
  assert.equal(toDiagnostic(warning as Py3port.Diagnostic).severity, vscode.DiagnosticSeverity.Warning);
});

test("fix titles say when a fix is unsafe or only a suggestion", () => {
  const fix = (applicability: Py3port.Applicability) => ({ title: "Replace", applicability, edits: [] });
  assert.equal(fixTitle(fix("safe")), "Replace");
  assert.equal(fixTitle(fix("unsafe")), "Replace (unsafe: may change behaviour)");
  assert.equal(fixTitle(fix("display-only")), "Replace (suggestion: review before keeping)");
});

test("minimalEdit is the smallest single replacement", () => {
  assert.equal(minimalEdit("abc", "abc"), undefined);
  assert.deepEqual(minimalEdit('print "x"\n', 'print("x")\n'), { from: 5, to: 9, insert: '("x")' });
  assert.deepEqual(minimalEdit("aXa", "aa"), { from: 1, to: 2, insert: "" });
  assert.deepEqual(minimalEdit("aa", "aaa"), { from: 2, to: 2, insert: "a" });
  for (const [before, after] of [["abcabc", "abc"], ["x", "yxy"], ["", "new"], ["old", ""]] as const) {
    const edit = minimalEdit(before, after);
    assert.ok(edit !== undefined);
    assert.equal(before.slice(0, edit.from) + edit.insert + before.slice(edit.to), after);
  }
});

test("diagnostics are published for Python documents only, and follow edits", () => {
  const { linter: wasm, collection } = linter();
  const doc = document(SAMPLE);
  wasm.opened(doc as never);
  wasm.opened(document("print 'x'\n", "/work/app/notes.txt", "plaintext") as never);
  assert.equal(collection.entries.size, 1);
  const codes = (collection.get(doc.uri) ?? []).map((diagnostic) => (diagnostic.code as { value: string }).value);
  assert.deepEqual(codes, ["PY3302", "PY3101", "PY3103"]);

  // An edit goes to the analyzer as an incremental change.
  const change = doc.edit([{ range: new vscode.Range(3, 4, 3, 23), newText: 'print("hello", name)' }]);
  wasm.changed(change as never);
  const after = (collection.get(doc.uri) ?? []).map((diagnostic) => (diagnostic.code as { value: string }).value);
  assert.deepEqual(after, ["PY3302", "PY3103"]);
  assert.deepEqual(collection.get(doc.uri)?.[1]?.range, new vscode.Range(4, 11, 4, 17));

  wasm.closed(doc as never);
  assert.equal(collection.get(doc.uri), undefined);
  wasm.dispose();
});

test("the quick fix and source.fixAll.py3port edit the document as the analyzer fixes it", () => {
  const { linter: wasm } = linter();
  const doc = document(SAMPLE);
  wasm.opened(doc as never);
  const at = new vscode.Range(3, 6, 3, 6);
  const actions = wasm.provideCodeActions(doc as never, at as never, { diagnostics: [], only: undefined } as never);
  assert.deepEqual(
    actions.map((action) => [action.title, action.kind?.value, action.isPreferred]),
    [
      ["PY3101: Replace with a `print()` call", "quickfix.py3port.PY3101", true],
      ["py3port: fix all safely fixable problems", "source.fixAll.py3port", undefined],
    ],
  );
  assert.equal(
    applyEdit(document(SAMPLE), actions[0]?.edit as never),
    SAMPLE.replace('print "hello", name', 'print("hello", name)'),
  );
  const fixed = applyEdit(document(SAMPLE), actions[1]?.edit as never);
  assert.equal(fixed, analyzer.fix(SAMPLE, { unsafeFixes: false }).output);
  assert.match(fixed, /import urllib\.request/);
  assert.match(fixed, /return repr\(name\)/);

  // As editor.codeActionsOnSave asks: only source.fixAll.
  const onSave = wasm.provideCodeActions(doc as never, at as never, { diagnostics: [], only: vscode.CodeActionKind.SourceFixAll } as never);
  assert.deepEqual(
    onSave.map((action) => action.kind?.value),
    ["source.fixAll.py3port"],
  );
  // Away from any finding, no quick fix.
  const elsewhere = wasm.provideCodeActions(doc as never, new vscode.Range(1, 0, 1, 0) as never, { diagnostics: [], only: vscode.CodeActionKind.QuickFix } as never);
  assert.deepEqual(elsewhere, []);
  wasm.dispose();
});

test("the py3port.* settings reach the analyzer; fixAll and enable are honoured", () => {
  const { linter: wasm, collection } = linter();
  vscode.settings.global = { "py3port.ignore": ["PY3302"], "py3port.fixAll": false };
  const doc = document(SAMPLE);
  wasm.opened(doc as never);
  const codes = (collection.get(doc.uri) ?? []).map((diagnostic) => (diagnostic.code as { value: string }).value);
  assert.deepEqual(codes, ["PY3101", "PY3103"]);
  const actions = wasm.provideCodeActions(doc as never, new vscode.Range(0, 0, 5, 0) as never, { diagnostics: [] } as never);
  assert.ok(!actions.some((action) => action.kind?.value === "source.fixAll.py3port"), "py3port.fixAll: false still offers fix all");
  // The fix leaves ignored rules alone.
  assert.match(wasm.fixAllEdit(doc as never) === undefined ? "" : applyEdit(document(SAMPLE), wasm.fixAllEdit(doc as never) as never), /^import urllib2$/m);

  vscode.settings.global = { "py3port.enable": false };
  wasm.refresh([doc as never]);
  assert.equal(collection.get(doc.uri), undefined);
  wasm.dispose();
});

test("an invalid setting is shown once and the analysis goes on with the defaults", () => {
  const { linter: wasm, collection, lines } = linter();
  vscode.settings.workspace = { "py3port.targetVersion": "py27" };
  const first = document(SAMPLE);
  const second = document(SAMPLE, "/work/app/other.py");
  wasm.opened(first as never);
  wasm.opened(second as never);
  assert.equal(vscode.recorded.notifications.length, 1, JSON.stringify(vscode.recorded.notifications));
  assert.equal(vscode.recorded.notifications[0]?.level, "warning");
  assert.match(vscode.recorded.notifications[0]?.message ?? "", /invalid value for option `targetVersion`.*"py27"/);
  assert.ok(lines.some((line) => line.includes("targetVersion")));
  assert.equal(collection.get(first.uri)?.length, 3);
  wasm.dispose();
});

test("the browser entry registers every command the extension contributes", () => {
  const { linter: wasm, log } = linter();
  const disposables = register(wasm, analyzer, log as never, "0.1.0");
  const contributed = manifest().contributes.commands.map((command) => command.command).sort();
  assert.deepEqual([...vscode.commands.registered.keys()].sort(), contributed);
  for (const disposable of disposables) disposable.dispose();
  assert.equal(vscode.commands.registered.size, 0);
});
