// The .vsix that scripts/package wrote (PY3PORT_VSIX, else py3port-linux-x64-VERSION.vsix):
// its manifest, its contents (lean: no sources, tests, node_modules or source maps), and the
// bundled py3port-lsp, present, executable and working.

import { bundledBinary, cargoVersion, extensionRoot, manifest } from "./helpers";

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { before, test } from "node:test";

import * as yauzl from "yauzl";

interface Entry {
  name: string;
  mode: number;
  data: Buffer;
}

const vsix = process.env.PY3PORT_VSIX ?? path.join(extensionRoot, `py3port-linux-x64-${manifest().version}.vsix`);
const entries = new Map<string, Entry>();

function unzip(file: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error !== null || zip === undefined) return reject(error ?? new Error("cannot open"));
      const found: Entry[] = [];
      zip.on("error", reject);
      zip.on("end", () => resolve(found));
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null || stream === undefined) return reject(streamError ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            found.push({ name: entry.fileName, mode: (entry.externalFileAttributes >>> 16) & 0o7777, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

before(async () => {
  assert.ok(existsSync(vsix), `no package at ${vsix}: run scripts/package first`);
  for (const entry of await unzip(vsix)) entries.set(entry.name, entry);
});

test("the package holds exactly the manifest, README, licence, bundles, analyzer and server", () => {
  assert.deepEqual([...entries.keys()].sort(), [
    "[Content_Types].xml",
    "extension.vsixmanifest",
    "extension/LICENSE.txt",
    "extension/bundled/libs/bin/py3port-lsp",
    "extension/dist/browser.js",
    "extension/dist/extension.js",
    "extension/dist/py3port_wasm_bg.wasm",
    "extension/package.json",
    "extension/readme.md",
  ]);
  const readme = entries.get("extension/readme.md")?.data.toString("utf8") ?? "";
  assert.match(readme, /^# py3port for Visual Studio Code/);
  assert.doesNotMatch(readme, /\/HEAD\/\.\.\/|\]\(\.\.\//, "a relative link in README.md that vsce cannot rewrite");
  for (const name of entries.keys()) {
    assert.doesNotMatch(name, /(^|\/)(src|test|out|scripts|node_modules)\/|\.map$|\.ts$|tsconfig/, name);
  }
});

test("the bundled py3port-lsp is executable, is the one built, and answers --version", () => {
  const server = entries.get("extension/bundled/libs/bin/py3port-lsp");
  assert.ok(server !== undefined);
  assert.equal(server.mode & 0o111, 0o111, `mode ${server.mode.toString(8)}: not executable`);
  assert.ok(server.data.equals(readFileSync(bundledBinary)), "the packaged binary is not bundled/libs/bin/py3port-lsp");
  assert.equal(server.data.subarray(0, 4).toString("latin1"), "\x7fELF");
  const directory = mkdtempSync(path.join(tmpdir(), "py3port-vsix-"));
  try {
    const file = path.join(directory, "py3port-lsp");
    writeFileSync(file, server.data, { mode: server.mode });
    assert.equal(execFileSync(file, ["--version"], { encoding: "utf8" }).trim(), `py3port-lsp ${cargoVersion()}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("the packaged manifest: engines, entry points, contributions, target platform", () => {
  const packaged = JSON.parse(entries.get("extension/package.json")?.data.toString("utf8") ?? "{}") as ReturnType<typeof manifest>;
  const source = manifest();
  assert.equal(packaged.engines.vscode, "^1.91.0");
  assert.equal(packaged.main, "./dist/extension.js");
  assert.equal(packaged.browser, "./dist/browser.js");
  assert.deepEqual(packaged.activationEvents, ["onLanguage:python"]);
  assert.deepEqual(packaged.contributes, source.contributes);
  assert.deepEqual(
    packaged.contributes.commands.map((command) => command.command),
    ["py3port.restart", "py3port.showLogs", "py3port.executeAutofix", "py3port.showDebugInformation"],
  );
  assert.deepEqual(packaged.capabilities.untrustedWorkspaces.restrictedConfigurations, ["py3port.path", "py3port.importStrategy"]);
  const vsixManifest = entries.get("extension.vsixmanifest")?.data.toString("utf8") ?? "";
  assert.match(vsixManifest, /TargetPlatform="linux-x64"/);
  assert.match(vsixManifest, /<Property Id="Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.91\.0" \/>/);
  assert.match(vsixManifest, /Version="0\.1\.0"/);
});

test("the bundles are production builds that need nothing from node_modules", () => {
  const desktop = entries.get("extension/dist/extension.js")?.data.toString("utf8") ?? "";
  const browser = entries.get("extension/dist/browser.js")?.data.toString("utf8") ?? "";
  const required = (code: string) => [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] as string);
  const external = (code: string) => required(code).filter((name) => name !== "vscode" && !name.startsWith("node:") && !isBuiltin(name));
  assert.deepEqual([...new Set(external(desktop))], []);
  assert.deepEqual([...new Set(required(browser))], ["vscode"]);
  assert.doesNotMatch(desktop + browser, /sourceMappingURL/);
  // The analyzer is the package's own.
  const wasm = entries.get("extension/dist/py3port_wasm_bg.wasm")?.data;
  assert.ok(wasm !== undefined && wasm.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])));
  const total = [...entries.values()].reduce((sum, entry) => sum + entry.data.length, 0);
  assert.ok(total < 40 * 1024 * 1024, `the package unpacks to ${total} bytes`);
});

function isBuiltin(name: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("node:module") as { builtinModules: string[] }).builtinModules.includes(name);
}
