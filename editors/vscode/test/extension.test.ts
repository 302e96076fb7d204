// The desktop entry point against the mocked VS Code API, up to where it would start the
// language client: the commands it registers, what it logs about the binary, and the one
// notification a missing or broken binary gives.

import { bundledBinary, cargoVersion, extensionRoot, manifest, resetVscode } from "./helpers";

import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, afterEach, beforeEach, test } from "node:test";

import { activate, deactivate } from "../src/extension";
import * as vscode from "./mock/vscode";

const empty = mkdtempSync(path.join(tmpdir(), "py3port-extension-"));
after(() => rmSync(empty, { recursive: true, force: true }));

function context(extensionPath: string) {
  return {
    extensionPath,
    extensionUri: vscode.Uri.file(extensionPath),
    extension: { packageJSON: manifest() },
    subscriptions: [] as { dispose(): unknown }[],
  };
}

function log(): string[] {
  return vscode.recorded.output.get("py3port") ?? [];
}

beforeEach(resetVscode);
afterEach(async () => {
  await deactivate();
});

test("no binary anywhere: one error notification that says what to do, and the commands still exist", async () => {
  vscode.settings.global = { "py3port.importStrategy": "useBundled" };
  const extension = context(empty);
  await activate(extension as never);
  assert.equal(vscode.recorded.notifications.length, 1, JSON.stringify(vscode.recorded.notifications));
  const [notification] = vscode.recorded.notifications;
  assert.equal(notification?.level, "error");
  assert.match(notification?.message ?? "", /no py3port-lsp to run .*`py3port.importStrategy` is `useBundled`.*cargo install --path crates\/py3port-lsp/);
  assert.deepEqual(notification?.actions, ["Open Settings", "Show Logs"]);
  assert.ok(log().some((line) => line.includes("[error] py3port: no py3port-lsp to run")), log().join("\n"));
  const contributed = manifest().contributes.commands.map((command) => command.command).sort();
  assert.deepEqual([...vscode.commands.registered.keys()].sort(), contributed);
});

test("a broken py3port.path: one notification naming the file and the error", async () => {
  const broken = path.join(empty, "py3port-lsp-broken");
  writeFileSync(broken, "#!/bin/sh\necho 'GLIBC_2.39 not found' >&2\nexit 1\n");
  chmodSync(broken, 0o755);
  vscode.settings.global = { "py3port.path": [broken] };
  await activate(context(empty) as never);
  assert.equal(vscode.recorded.notifications.length, 1);
  assert.match(vscode.recorded.notifications[0]?.message ?? "", /py3port-lsp-broken, which is not a working py3port-lsp \(--version failed: GLIBC_2\.39 not found\)/);
});

test("disabled: no server, no notification, and the log says why", async () => {
  vscode.settings.global = { "py3port.enable": false };
  await activate(context(empty) as never);
  assert.deepEqual(vscode.recorded.notifications, []);
  assert.ok(log().some((line) => line.includes("py3port is disabled (`py3port.enable` is false)")), log().join("\n"));
});

test("the chosen binary, its version and why are logged", async () => {
  vscode.settings.global = { "py3port.importStrategy": "useBundled", "py3port.logLevel": "debug" };
  // The language client itself cannot start against the mock; what is logged before it is checked.
  await activate(context(extensionRoot) as never).catch(() => undefined);
  const line = log().find((entry) => entry.includes("Using "));
  assert.ok(line !== undefined, log().join("\n"));
  assert.ok(
    line.endsWith(`[info] Using ${bundledBinary} (py3port-lsp ${cargoVersion()}): bundled with the extension (\`py3port.importStrategy\` is \`useBundled\`).`),
    line,
  );
  // The client cannot start against the mock: one notification (the client's), not two.
  assert.ok(vscode.recorded.notifications.length <= 1, JSON.stringify(vscode.recorded.notifications));
});
