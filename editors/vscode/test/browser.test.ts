// The browser entry as vscode.dev loads it: the production bundle dist/browser.js (built by
// scripts/test before the tests run), activated against the mocked VS Code API, loading the
// analyzer from dist/py3port_wasm_bg.wasm through `workspace.fs`, with no binary anywhere.

import { extensionRoot, manifest, resetVscode } from "./helpers";

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { beforeEach, test } from "node:test";

import * as vscode from "./mock/vscode";

const bundle = path.join(extensionRoot, "dist", "browser.js");

beforeEach(resetVscode);

test("dist/browser.js activates, loads the analyzer and publishes diagnostics and fixes for open Python files", async () => {
  assert.ok(existsSync(bundle), `no ${bundle}: run npm run build (scripts/test does)`);
  const open = new vscode.TextDocument(vscode.Uri.parse("vscodevfs:/github/app/legacy.py"), "python", 'print "hello"\n');
  vscode.workspace.textDocuments = [open];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require(bundle) as { activate(context: unknown): Promise<void>; deactivate(): void };
  const context = {
    extensionUri: vscode.Uri.file(extensionRoot),
    extension: { packageJSON: manifest() },
    subscriptions: [] as { dispose(): unknown }[],
  };
  await entry.activate(context);
  assert.deepEqual(vscode.recorded.notifications, [], "the browser entry reported a failure");
  const log = (vscode.recorded.output.get("py3port") ?? []).join("\n");
  assert.match(log, /Running the WebAssembly analyzer \(py3port \d+\.\d+\.\d+\) in the extension host; no language server in the browser\./);

  const collection = vscode.languages.collections.find((candidate) => candidate.name === "py3port");
  assert.ok(collection !== undefined);
  const diagnostics = collection.get(open.uri as never) ?? [];
  assert.deepEqual(
    diagnostics.map((diagnostic) => [(diagnostic.code as { value: string }).value, diagnostic.range.start.line, diagnostic.range.start.character]),
    [["PY3101", 0, 0]],
  );
  const contributed = manifest().contributes.commands.map((command) => command.command).sort();
  assert.deepEqual([...vscode.commands.registered.keys()].sort(), contributed);

  for (const disposable of context.subscriptions) disposable.dispose();
  entry.deactivate();
});
