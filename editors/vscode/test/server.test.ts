// Black box: the bundled py3port-lsp, found and started exactly as the extension does
// (src/binary.ts `findServer`, src/client.ts `serverExecutable`, `initializationOptions` and
// the `workspace/configuration` middleware, all over the mocked VS Code settings), spoken to
// with vscode-jsonrpc over stdio. The initialize parameters (capabilities, workspace folders,
// initializationOptions) are those vscode-languageclient computes for the extension's
// client options.

import { extensionRoot, manifest, properties, resetVscode } from "./helpers";

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, beforeEach, test } from "node:test";

import {
  CancellationTokenSource,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from "vscode-jsonrpc/node";

import { type ClientCapabilities, type Executable, LanguageClient } from "vscode-languageclient/node";

import { findServer } from "../src/binary";
import { createChannels } from "../src/logging";
import { FIX_ALL_KIND, SERVER_APPLY_AUTOFIX, SERVER_DEBUG_INFORMATION, clientOptions, initializationOptions, middleware, serverExecutable } from "../src/client";
import { clientSettings, coreKeys } from "../src/settings";
import * as vscode from "./mock/vscode";

const SAMPLE = 'import urllib2\n\ndef greet(name):\n    print "hello", name\n    return `name`\n\ndata = urllib2.urlopen("http://x").read()\n';

const folder = mkdtempSync(path.join(tmpdir(), "py3port-server-"));
after(() => rmSync(folder, { recursive: true, force: true }));
const file = path.join(folder, "app.py");
writeFileSync(file, SAMPLE);
const uri = pathToFileURL(file).toString();

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface Diagnostic {
  range: Range;
  code: string;
  source: string;
  message: string;
  severity: number;
  codeDescription?: { href: string };
}
interface WorkspaceEdit {
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
  changes?: Record<string, TextEdit[]>;
}
interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  data?: unknown;
}

/**
 * The initialize parameters vscode-languageclient itself would send for the extension's
 * client: the client is constructed as src/extension.ts constructs it (the extension's
 * `serverExecutable` and `clientOptions`), and its own `computeClientCapabilities` and
 * `fillInitializeParams` (the features' parts) give the capabilities and folders.
 */
function languageClientParams(executable: Executable): { capabilities: ClientCapabilities; initializationOptions: unknown; workspaceFolders: unknown } {
  const channels = createChannels("info", "off");
  const options = clientOptions({
    log: channels.log as never,
    trace: channels.trace as never,
    errorHandler: { error: () => ({ action: 1 }), closed: () => ({ action: 1 }) } as never,
    keys: coreKeys(manifest()),
    parse: (value) => vscode.Uri.parse(value) as never,
  });
  const client = new LanguageClient("py3port", "py3port", executable, options) as unknown as {
    computeClientCapabilities(): ClientCapabilities;
    fillInitializeParams(params: Record<string, unknown>): void;
  };
  const filled: Record<string, unknown> = {};
  client.fillInitializeParams(filled);
  return { capabilities: client.computeClientCapabilities(), initializationOptions: options.initializationOptions, workspaceFolders: filled.workspaceFolders };
}

interface Session {
  process: ChildProcess;
  connection: MessageConnection;
  shown: { type: number; message: string }[];
  configurationAsked: unknown[];
  applied: WorkspaceEdit[];
  stderr: string[];
}

/** Starts the server as the extension does, and initializes it with the extension's options. */
async function start(): Promise<Session> {
  const keys = coreKeys(manifest());
  const binary = await findServer({ extensionPath: extensionRoot, settings: clientSettings() });
  assert.equal(binary.source, "bundled");
  const executable = serverExecutable(binary, folder);
  assert.deepEqual(executable.args, ["--stdio"]);
  const child = spawn(executable.command, executable.args ?? [], { ...executable.options, stdio: ["pipe", "pipe", "pipe"] });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const session: Session = { process: child, connection, shown: [], configurationAsked: [], applied: [], stderr };

  const parse = (value: string) => vscode.Uri.parse(value) as never;
  const configuration = middleware(keys, parse).workspace?.configuration;
  assert.ok(configuration !== undefined);
  // What VS Code itself would answer for other sections.
  const vscodeAnswer = (params: { items: { section?: string }[] }) => params.items.map(() => ({}));
  connection.onRequest("workspace/configuration", (params: { items: { section?: string; scopeUri?: string }[] }) => {
    session.configurationAsked.push(params);
    return configuration(params, new CancellationTokenSource().token, vscodeAnswer as never);
  });
  connection.onRequest("workspace/applyEdit", (params: { edit: WorkspaceEdit }) => {
    session.applied.push(params.edit);
    return { applied: true };
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("client/unregisterCapability", () => null);
  connection.onRequest("workspace/diagnostic/refresh", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onNotification("window/showMessage", (params: { type: number; message: string }) => {
    session.shown.push(params);
  });
  connection.onNotification("window/logMessage", (params: { message: string }) => {
    if (process.env.PY3PORT_TEST_LOG) console.error("log:", params.message);
  });
  connection.onNotification("$/progress", () => {});
  connection.listen();

  const params = languageClientParams(executable);
  // The client's own options carry the extension's initializationOptions.
  assert.deepEqual(params.initializationOptions, initializationOptions(keys));
  assert.deepEqual(params.workspaceFolders, [{ uri: pathToFileURL(folder).toString(), name: "app" }]);
  const initialized = await connection.sendRequest<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version: string } }>(
    "initialize",
    {
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: vscode.version },
      locale: "en",
      rootPath: folder,
      rootUri: pathToFileURL(folder).toString(),
      capabilities: params.capabilities,
      initializationOptions: params.initializationOptions,
      trace: "off",
      workspaceFolders: params.workspaceFolders,
    },
  );
  assert.equal(initialized.serverInfo?.name, "py3port-lsp");
  await connection.sendNotification("initialized", {});
  return session;
}

async function stop(session: Session): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => session.process.on("exit", (code) => resolve(code)));
  await session.connection.sendRequest("shutdown");
  await session.connection.sendNotification("exit");
  const code = await exited;
  session.connection.dispose();
  return code;
}

/** Applies LSP edits (UTF-16 positions) to `text`. */
function apply(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) if (text[index] === "\n") starts.push(index + 1);
  const offset = (position: Position) => (starts[position.line] ?? text.length) + position.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

/** The edits of a workspace edit for `uri`, checking that they are for the version sent. */
function editsFor(edit: WorkspaceEdit | undefined, version: number): TextEdit[] {
  assert.ok(edit?.documentChanges !== undefined, `expected versioned document changes: ${JSON.stringify(edit)}`);
  const change = edit.documentChanges.find((entry) => entry.textDocument.uri === uri);
  assert.ok(change !== undefined);
  assert.equal(change.textDocument.version, version);
  return change.edits;
}

async function diagnostics(session: Session): Promise<Diagnostic[]> {
  const report = await session.connection.sendRequest<{ kind: string; items: Diagnostic[] }>("textDocument/diagnostic", {
    textDocument: { uri },
  });
  assert.equal(report.kind, "full");
  return report.items;
}

/** The server's own account of a document's settings (`py3port.debugInformation`). */
async function debugInformation(session: Session): Promise<string> {
  return session.connection.sendRequest<string>("workspace/executeCommand", {
    command: SERVER_DEBUG_INFORMATION,
    arguments: [{ uri }],
  });
}

/** Waits until `ready()` or `ms` have passed, calling `poll` before each look. */
async function waitFor(ready: () => boolean, ms: number, poll: () => Promise<void> = () => Promise.resolve()): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await poll();
    if (ready() || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(() => {
  resetVscode();
  vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(folder), name: "app", index: 0 }];
});

test("diagnostics, a quick fix, fix all and the fix-all command from the bundled server, with the extension's settings", async () => {
  // The user ignores PY3302 (urllib2); the extension's own keys must never reach the server.
  vscode.settings.global = { "py3port.ignore": ["PY3302"], "py3port.importStrategy": "useBundled", "py3port.fixAll": true };
  vscode.settings.folders.set(folder, { "py3port.minConfidence": "medium", "py3port.logLevel": "debug" });
  const session = await start();
  try {
    await session.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "python", version: 1, text: SAMPLE },
    });
    // The settings came from the extension's initializationOptions (window scope) and its
    // answer to workspace/configuration (folder scope), which has no client keys and no defaults.
    let information = "";
    await waitFor(() => /min-confidence = "medium"/.test(information), 10_000, async () => {
      information = await debugInformation(session);
    });
    assert.ok(session.configurationAsked.length > 0, "the server did not ask for workspace/configuration");
    assert.match(information, /^client: Visual Studio Code/m);
    assert.match(information, /^diagnostics: pull/m);
    assert.match(information, /^ {2}ignore = \["PY3302"\] {2}\(from (initializationOptions|workspace\/configuration \(app\); overrides \["PY3302"\] from initializationOptions)\)$/m);
    assert.match(information, /^ {2}min-confidence = "medium" {2}\(from workspace\/configuration \(app\)\)$/m);
    assert.match(information, /^ {2}target-version = "py312" {2}\(default\)$/m);
    for (const key of ["path", "import-strategy", "fix-all", "importStrategy", "fixAll"]) assert.doesNotMatch(information, new RegExp(`\\b${key} =`));
    assert.doesNotMatch(information, /error:/);

    const found = await diagnostics(session);
    const codes = found.map((diagnostic) => diagnostic.code).sort();
    assert.ok(codes.includes("PY3101"), `no print-statement diagnostic in ${JSON.stringify(codes)}`);
    assert.ok(codes.includes("PY3103"), `no backticks diagnostic in ${JSON.stringify(codes)}`);
    assert.ok(!codes.includes("PY3302"), "py3port.ignore from the VS Code settings did not reach the server");
    const print = found.find((diagnostic) => diagnostic.code === "PY3101");
    assert.ok(print !== undefined);
    assert.deepEqual(print.range.start, { line: 3, character: 4 });
    assert.equal(print.source, "py3port");
    assert.match(print.codeDescription?.href ?? "", /print-statement/);

    // The quick fix at the print statement.
    const actions = await session.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: print.range,
      context: { diagnostics: [print], triggerKind: 1 },
    });
    const quickFix = actions.find((action) => action.kind === "quickfix.py3port.PY3101");
    assert.ok(quickFix !== undefined, `no quick fix in ${JSON.stringify(actions.map((action) => action.kind))}`);
    assert.equal(quickFix.isPreferred, true);
    const fixed = apply(SAMPLE, editsFor(quickFix.edit, 1));
    assert.equal(fixed, SAMPLE.replace('print "hello", name', 'print("hello", name)'));
    assert.ok(actions.some((action) => action.kind === "quickfix.py3port.noqa.PY3101"));

    // source.fixAll.py3port, as editor.codeActionsOnSave asks for it, resolved lazily.
    const onSave = await session.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"], triggerKind: 2 },
    });
    assert.deepEqual(
      onSave.map((action) => action.kind),
      [FIX_ALL_KIND],
    );
    const resolved = await session.connection.sendRequest<CodeAction>("codeAction/resolve", onSave[0]);
    const all = apply(SAMPLE, editsFor(resolved.edit, 1));
    assert.match(all, /print\("hello", name\)/);
    assert.match(all, /return repr\(name\)/);
    assert.match(all, /^import urllib2$/m, "an ignored rule's fix was applied");

    // The "Fix All" command: the server sends the edit with workspace/applyEdit.
    await session.connection.sendRequest("workspace/executeCommand", {
      command: SERVER_APPLY_AUTOFIX,
      arguments: [{ uri, version: 1 }],
    });
    // The edit may arrive just after the command's answer.
    await waitFor(() => session.applied.length > 0, 5000);
    assert.equal(session.applied.length, 1);
    assert.equal(apply(SAMPLE, editsFor(session.applied[0], 1)), all);

    assert.deepEqual(session.shown, [], "the server reported a problem with the settings the extension sent");
  } finally {
    assert.equal(await stop(session), 0, session.stderr.join(""));
  }
});

test("the server accepts every analyzer key the extension contributes, each set to its default", async () => {
  const defaults = Object.fromEntries(
    Object.entries(properties())
      .filter(([key]) => coreKeys(manifest()).includes(key.slice("py3port.".length)))
      // `select = []` set explicitly selects no rule (the table's default is "unset", shown as []).
      .filter(([key]) => key !== "py3port.select")
      .map(([key, property]) => [key, property.default]),
  );
  vscode.settings.global = { ...defaults, "py3port.importStrategy": "useBundled" };
  const options = initializationOptions(coreKeys(manifest()));
  // `extend` defaults to null, which is "not set"; every other key is sent.
  assert.deepEqual(
    Object.keys(options.settings).sort(),
    coreKeys(manifest())
      .filter((key) => key !== "extend" && key !== "select")
      .sort(),
  );
  const session = await start();
  try {
    await session.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "python", version: 1, text: SAMPLE },
    });
    const found = await diagnostics(session);
    assert.ok(found.some((diagnostic) => diagnostic.code === "PY3302"));
    const information = await debugInformation(session);
    for (const key of Object.keys(options.settings)) {
      const toml = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
      assert.match(information, new RegExp(`^  ${toml} = .*from initializationOptions`, "m"), `${key} was not applied:\n${information}`);
    }
    assert.doesNotMatch(information, /error:/, "the server refused a contributed key or its default value");
    assert.deepEqual(session.shown, [], "the server refused a contributed key or its default value");
  } finally {
    assert.equal(await stop(session), 0, session.stderr.join(""));
  }
});

test("negative control: a value the server refuses is reported as a warning", async () => {
  vscode.settings.global = { "py3port.targetVersion": "py27", "py3port.importStrategy": "useBundled" };
  const session = await start();
  try {
    await session.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "python", version: 1, text: SAMPLE },
    });
    await diagnostics(session);
    assert.match(await debugInformation(session), /^ {2}error: .*target-version.*py27/m);
    // Shown to the user, once per source that gave it (initializationOptions, then the folder's
    // workspace/configuration answer once the server has it).
    await waitFor(() => session.shown.length >= 2, 5000);
    assert.ok(session.shown.length >= 1 && session.shown.length <= 2, JSON.stringify(session.shown));
    for (const shown of session.shown) {
      assert.equal(shown.type, 2);
      assert.match(shown.message, /^py3port: (initializationOptions|workspace\/configuration \(app\)): invalid value for `target-version`: .*"py27"/);
    }
  } finally {
    assert.equal(await stop(session), 0, session.stderr.join(""));
  }
});
