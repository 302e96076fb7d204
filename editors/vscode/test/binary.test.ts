// Which py3port-lsp runs: `py3port.path` -> the active environment or PATH
// (`py3port.importStrategy: fromEnvironment`) -> the bundled binary, with the workspace's
// trust, and the messages when nothing can run. The candidates are small scripts that answer
// `--version` as py3port-lsp does (or do not).

import { bundledBinary, cargoVersion, resetVscode } from "./helpers";

import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { after, beforeEach, test } from "node:test";

import { type Environment, ServerNotFound, activePythonBin, bundledPath, expand, findServer, probeVersion } from "../src/binary";
import { type ClientSettings, clientSettings } from "../src/settings";
import * as vscode from "./mock/vscode";

const root = mkdtempSync(path.join(tmpdir(), "py3port-binary-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** A fake binary at `file` whose `--version` prints `output` (or fails). */
function fake(file: string, behaviour: { version: string } | { prints: string } | { fails: string }): string {
  mkdirSync(path.dirname(file), { recursive: true });
  let body: string;
  if ("version" in behaviour) body = `echo "py3port-lsp ${behaviour.version}"`;
  else if ("prints" in behaviour) body = `echo "${behaviour.prints}"`;
  else body = `echo "${behaviour.fails}" >&2; exit 3`;
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

let counter = 0;

/** A fresh layout: an extension folder with a bundled binary, a Python env's bin, a PATH directory. */
function layout(options: { bundled?: boolean; environment?: boolean; onPath?: boolean } = {}) {
  counter += 1;
  const base = path.join(root, String(counter));
  const extensionPath = path.join(base, "extension");
  const pythonBin = path.join(base, "venv", "bin");
  const pathDir = path.join(base, "usr", "bin");
  mkdirSync(extensionPath, { recursive: true });
  mkdirSync(pythonBin, { recursive: true });
  mkdirSync(pathDir, { recursive: true });
  if (options.bundled ?? true) fake(bundledPath(extensionPath, "linux"), { version: "1.0.0-bundled" });
  if (options.environment ?? true) fake(path.join(pythonBin, "py3port-lsp"), { version: "1.0.0-venv" });
  if (options.onPath ?? true) fake(path.join(pathDir, "py3port-lsp"), { version: "1.0.0-path" });
  const environment = (settings: Partial<ClientSettings> = {}): Environment => ({
    extensionPath,
    settings: { ...clientSettings(), ...settings },
    pythonBin: () => Promise.resolve(pythonBin),
    platform: "linux",
    env: { PATH: [path.join(base, "empty"), pathDir].join(":") },
    timeoutMs: 5000,
  });
  return { base, extensionPath, pythonBin, pathDir, environment };
}

beforeEach(resetVscode);

test("py3port.path comes first, before the environment, PATH and the bundled binary", async () => {
  const { base, environment } = layout();
  const chosen = fake(path.join(base, "custom", "py3port-lsp"), { version: "2.0.0-custom" });
  const server = await findServer(environment({ path: [path.join(base, "missing"), chosen] }));
  assert.deepEqual(
    { path: server.path, version: server.version, source: server.source },
    { path: chosen, version: "2.0.0-custom", source: "py3port.path" },
  );
  assert.match(server.reason, /py3port\.path/);
});

test("a bare name in py3port.path is looked up on PATH", async () => {
  const { pathDir, environment } = layout();
  fake(path.join(pathDir, "py3port-lsp-nightly"), { version: "3.0.0-nightly" });
  const server = await findServer(environment({ path: ["py3port-lsp-nightly"] }));
  assert.equal(server.path, path.join(pathDir, "py3port-lsp-nightly"));
  assert.equal(server.source, "py3port.path");
});

test("a py3port.path that names nothing, or a broken binary, is an error: never silently another binary", async () => {
  const { base, environment } = layout();
  await assert.rejects(findServer(environment({ path: [path.join(base, "nowhere", "py3port-lsp")] })), (error: unknown) => {
    assert.ok(error instanceof ServerNotFound);
    assert.equal(error.settingsProblem, true);
    assert.match(error.message, /none of the files in `py3port\.path` exists .*nowhere/);
    assert.match(error.message, /Point `py3port\.path` at a py3port-lsp binary/);
    return true;
  });
  const broken = fake(path.join(base, "broken", "py3port-lsp"), { fails: "segfault-ish" });
  await assert.rejects(findServer(environment({ path: [broken] })), (error: unknown) => {
    assert.ok(error instanceof ServerNotFound);
    assert.match(error.message, /not a working py3port-lsp \(--version failed: segfault-ish\)/);
    return true;
  });
  const impostor = fake(path.join(base, "impostor", "ruff"), { prints: "ruff 0.9.0" });
  await assert.rejects(findServer(environment({ path: [impostor] })), /--version printed "ruff 0\.9\.0", not "py3port-lsp <version>"/);
});

test("fromEnvironment: the active Python environment, then PATH, then the bundled binary", async () => {
  const both = layout();
  let server = await findServer(both.environment());
  assert.deepEqual([server.source, server.version], ["environment", "1.0.0-venv"]);
  assert.match(server.reason, /active Python environment .*fromEnvironment/);

  const pathOnly = layout({ environment: false });
  server = await findServer(pathOnly.environment());
  assert.deepEqual([server.source, server.path], ["PATH", path.join(pathOnly.pathDir, "py3port-lsp")]);

  const none = layout({ environment: false, onPath: false });
  server = await findServer(none.environment());
  assert.deepEqual([server.source, server.version], ["bundled", "1.0.0-bundled"]);
  assert.equal(server.reason, "bundled with the extension (no py3port-lsp in the active Python environment or on PATH)");

  // Without the Python extension there is no environment, and PATH is next.
  server = await findServer({ ...both.environment(), pythonBin: undefined });
  assert.equal(server.source, "PATH");
});

test("an environment binary that cannot run is skipped, and said so", async () => {
  const { pythonBin, pathDir, environment } = layout();
  fake(path.join(pythonBin, "py3port-lsp"), { fails: "wrong architecture" });
  fake(path.join(pathDir, "py3port-lsp"), { prints: "something else" });
  const server = await findServer(environment());
  assert.equal(server.source, "bundled");
  assert.equal(server.skipped.length, 2);
  assert.match(server.skipped[0] as string, /venv\/bin\/py3port-lsp: --version failed: wrong architecture/);
  assert.match(server.reason, /the environment's py3port-lsp could not run/);
});

test("useBundled skips the environment and PATH", async () => {
  const { environment } = layout();
  const server = await findServer(environment({ importStrategy: "useBundled" }));
  assert.equal(server.source, "bundled");
  assert.match(server.reason, /`py3port.importStrategy` is `useBundled`/);
});

test("an untrusted workspace runs neither the environment's binary nor the workspace's py3port.path", async () => {
  const { base, environment } = layout();
  const evil = fake(path.join(base, "repo", "evil"), { version: "6.6.6" });
  const mine = fake(path.join(base, "home", "py3port-lsp"), { version: "4.0.0-mine" });
  vscode.settings.workspace = { "py3port.path": [evil], "py3port.importStrategy": "fromEnvironment" };

  // Trusted: the workspace's value applies.
  let server = await findServer(environment({ ...clientSettings() }));
  assert.equal(server.path, evil);

  vscode.workspace.isTrusted = false;
  server = await findServer(environment({ ...clientSettings() }));
  assert.equal(server.source, "bundled", "neither the workspace's py3port.path nor the venv/PATH binary may run");
  assert.match(server.reason, /the workspace is not trusted/);

  // The user's own py3port.path still counts.
  vscode.settings.global = { "py3port.path": [mine] };
  server = await findServer(environment({ ...clientSettings() }));
  assert.deepEqual([server.path, server.source], [mine, "py3port.path"]);
});

test("nothing to run: one message that says what to do", async () => {
  const { environment } = layout({ bundled: false, environment: false, onPath: false });
  await assert.rejects(findServer(environment()), (error: unknown) => {
    assert.ok(error instanceof ServerNotFound);
    assert.equal(error.settingsProblem, true);
    assert.match(error.message, /no py3port-lsp to run/);
    assert.match(error.message, /cargo install --path crates\/py3port-lsp/);
    assert.match(error.message, /set `py3port\.path`/);
    return true;
  });
  const broken = layout({ environment: false, onPath: false });
  fake(bundledPath(broken.extensionPath, "linux"), { fails: "cannot execute binary file" });
  await assert.rejects(findServer(broken.environment()), (error: unknown) => {
    assert.ok(error instanceof ServerNotFound);
    assert.equal(error.settingsProblem, false);
    assert.match(error.message, /the bundled py3port-lsp .* cannot run: --version failed: cannot execute binary file/);
    return true;
  });
});

test("a binary that hangs on --version is given up on", async () => {
  const { base, environment } = layout();
  const hangs = path.join(base, "hangs");
  writeFileSync(hangs, "#!/bin/sh\nsleep 30\n");
  chmodSync(hangs, 0o755);
  const started = Date.now();
  await assert.rejects(findServer({ ...environment({ path: [hangs] }), timeoutMs: 300 }), /no answer to --version within 300 ms/);
  assert.ok(Date.now() - started < 10_000);
});

test("~, ${userHome} and ${workspaceFolder} are expanded in py3port.path", () => {
  vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file("/work/app"), name: "app", index: 0 }];
  assert.equal(expand("~/bin/py3port-lsp"), path.join(homedir(), "bin/py3port-lsp"));
  assert.equal(expand("${userHome}/x"), `${homedir()}/x`);
  assert.equal(expand(" ${workspaceFolder}/.venv/bin/py3port-lsp "), "/work/app/.venv/bin/py3port-lsp");
});

test("the bundled py3port-lsp answers --version with the workspace's version", async () => {
  const probe = await probeVersion(bundledBinary, 10_000);
  assert.deepEqual(probe, { ok: true, version: cargoVersion() });
});

test("the active environment's folder comes from the Python extension's API, when it is installed", async () => {
  assert.equal(await activePythonBin(), undefined);
  const asked: unknown[] = [];
  vscode.extensions.installed.set("ms-python.python", {
    environments: {
      getActiveEnvironmentPath: (resource?: unknown) => {
        asked.push(resource);
        return { path: "/work/app/.venv" };
      },
      resolveEnvironment: (environment: { path: string }) =>
        Promise.resolve(environment.path === "/work/app/.venv" ? { executable: { uri: vscode.Uri.file("/work/app/.venv/bin/python3") } } : undefined),
    },
  });
  const folder = vscode.Uri.file("/work/app");
  assert.equal(await activePythonBin(folder as never), "/work/app/.venv/bin");
  assert.deepEqual(asked, [folder]);
});
