// The contributed settings against the core's settings table, and the mapping from VS Code
// settings to what the server gets.

import { extensionRoot, manifest, properties, repositoryRoot, resetVscode } from "./helpers";

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeEach, test } from "node:test";

import type { ConfigurationParams } from "vscode-languageclient/node";

import { configurationAnswer, hiddenBySettings, middleware } from "../src/client";
import { CLIENT_KEYS, clientSettings, contributedKeys, coreKeys, dropsInitializationKey, serverSettingsFor } from "../src/settings";
import * as vscode from "./mock/vscode";

interface Row {
  key: string;
  toml: string;
  type: string;
  default: string;
  scope: string;
  description: string;
}

interface TableModule {
  SETTINGS_RS: string;
  settingsTable(file?: string): Row[];
  docsTable(file: string): { key: string; toml: string; type: string; default: string }[];
  typeSchema(type: string): Record<string, unknown>;
  contribution(row: Row): Record<string, unknown>;
}

// An ES module (scripts/sync-settings.mjs uses it too); a dynamic import keeps it one.
const table = (): Promise<TableModule> =>
  import(path.join(extensionRoot, "scripts", "settings-table.mjs")) as Promise<TableModule>;

beforeEach(resetVscode);

/** The keys the table has and package.json does not, and the reverse. */
function difference(rows: Row[]): { missing: string[]; extra: string[] } {
  const fromTable = rows.map((row) => row.key).sort();
  const contributed = coreKeys(manifest()).sort();
  return {
    missing: fromTable.filter((key) => !contributed.includes(key)),
    extra: contributed.filter((key) => !fromTable.includes(key)),
  };
}

test("package.json contributes every key of the core's settings table (settings.rs), and no other analyzer key", async () => {
  const rows = (await table()).settingsTable();
  assert.ok(rows.length >= 16, `the table has only ${rows.length} rows`);
  for (const key of ["select", "ignore", "extendSelect", "severity", "source", "target", "targetVersion", "maxFileSize"]) {
    assert.ok(rows.some((row) => row.key === key), `the issue's key ${key} is not in the table read from settings.rs`);
  }
  assert.deepEqual(
    difference(rows),
    { missing: [], extra: [] },
    "package.json and the core's settings table differ: run `npm run sync-settings` (a client setting belongs in CLIENT_KEYS)",
  );
});

test("a row added to the Rust table, or one removed, makes the comparison fail", async () => {
  const module = await table();
  const source = readFileSync(module.SETTINGS_RS, "utf8");
  const directory = mkdtempSync(path.join(tmpdir(), "py3port-settings-"));
  try {
    const added = source.replace(
      "pub static SETTINGS: &[SettingDoc] = &[",
      `pub static SETTINGS: &[SettingDoc] = &[
    SettingDoc {
        kebab: "new-key",
        camel: "newKey",
        ty: "bool",
        default: "false",
        scope: SettingScope::Analysis,
        description: "A key a later issue adds.",
    },`,
    );
    writeFileSync(path.join(directory, "added.rs"), added);
    assert.deepEqual(difference(module.settingsTable(path.join(directory, "added.rs"))), { missing: ["newKey"], extra: [] });

    const removed = source.replace(/\n    SettingDoc \{\n        kebab: "unfixable",[^}]*\},/, "");
    assert.notEqual(removed, source, "the test's edit of settings.rs did not apply");
    writeFileSync(path.join(directory, "removed.rs"), removed);
    assert.deepEqual(difference(module.settingsTable(path.join(directory, "removed.rs"))), { missing: [], extra: ["unfixable"] });

    // A row the reader cannot read is an error, never a skipped row.
    const unreadable = source.replace('camel: "unfixable",', 'camel: concat!("unfix", "able"),');
    writeFileSync(path.join(directory, "unreadable.rs"), unreadable);
    assert.throws(() => module.settingsTable(path.join(directory, "unreadable.rs")), /cannot read .*SETTINGS row \d+ \(missing camel/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("each analyzer setting has the table's type, enum, default and description", async () => {
  const module = await table();
  const contributed = properties();
  for (const row of module.settingsTable()) {
    const property = contributed[`py3port.${row.key}`];
    assert.deepEqual(property, module.contribution(row), `py3port.${row.key}: run \`npm run sync-settings\``);
    assert.ok(property?.markdownDescription !== undefined && property.markdownDescription.length > 10, `py3port.${row.key} has no description`);
  }
  // Spot checks of the mapping itself, written out by hand.
  assert.deepEqual(contributed["py3port.targetVersion"]?.enum, ["py36", "py37", "py38", "py39", "py310", "py311", "py312", "py313", "py314"]);
  assert.equal(contributed["py3port.targetVersion"]?.default, "py312");
  assert.deepEqual(contributed["py3port.select"]?.type, "array");
  assert.deepEqual(contributed["py3port.severity"]?.additionalProperties, { type: "string", enum: ["error", "warning", "info", "hint"] });
  assert.equal(contributed["py3port.maxFileSize"]?.type, "integer");
  assert.equal(contributed["py3port.maxFileSize"]?.default, 10485760);
  assert.deepEqual(contributed["py3port.extend"]?.type, ["string", "null"]);
});

test("the table read from settings.rs is the one the core's generated docs/settings.md shows", async () => {
  const module = await table();
  const fromDocs = module.docsTable(path.join(repositoryRoot, "docs", "settings.md"));
  const fromSource = module.settingsTable().map(({ key, toml, type, default: value }) => ({ toml, key, type, default: value }));
  assert.deepEqual(fromSource, fromDocs, "scripts/settings-table.mjs misreads settings.rs, or docs/settings.md is stale");
});

test("a type notation the schema mapping does not know fails loudly", async () => {
  const module = await table();
  assert.deepEqual(module.typeSchema("list[str]"), { type: "array", items: { type: "string" } });
  assert.deepEqual(module.typeSchema('"a" | "b"'), { type: "string", enum: ["a", "b"] });
  assert.throws(() => module.typeSchema("float (seconds)"), /no JSON schema for the type notation `float \(seconds\)`/);
});

test("the contributed settings are the table's plus the client's own, which all exist", () => {
  const keys = contributedKeys(manifest());
  for (const key of CLIENT_KEYS) assert.ok(keys.includes(key), `py3port.${key} is not contributed`);
  assert.equal(new Set(keys).size, keys.length);
  const restricted = manifest().capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.deepEqual(restricted, ["py3port.path", "py3port.importStrategy"]);
});

test("the server gets only the analyzer settings set explicitly, the most specific level winning", () => {
  const keys = coreKeys(manifest());
  const folder = vscode.Uri.file("/work/app");
  vscode.workspace.workspaceFolders = [{ uri: folder, name: "app", index: 0 }];
  vscode.settings.global = { "py3port.targetVersion": "py38", "py3port.ignore": ["PY3101"], "py3port.path": ["/x"], "py3port.fixAll": false };
  vscode.settings.workspace = { "py3port.ignore": ["PY3102"], "py3port.extend": null };
  vscode.settings.folders.set(folder.fsPath, { "py3port.ignore": ["PY3103"], "py3port.logLevel": "debug" });

  // Defaults are not sent: the project's pyproject.toml must not be overridden by them.
  assert.deepEqual(serverSettingsFor(keys), { targetVersion: "py38", ignore: ["PY3102"] });
  assert.deepEqual(serverSettingsFor(keys, vscode.Uri.file("/work/app/a.py") as never), { targetVersion: "py38", ignore: ["PY3103"] });
  assert.deepEqual(serverSettingsFor(keys, vscode.Uri.file("/elsewhere/b.py") as never), { targetVersion: "py38", ignore: ["PY3102"] });
});

test("workspace/configuration is answered for py3port with the mapping, other sections by VS Code", async () => {
  const keys = coreKeys(manifest());
  const folder = vscode.Uri.file("/work/app");
  vscode.workspace.workspaceFolders = [{ uri: folder, name: "app", index: 0 }];
  vscode.settings.folders.set(folder.fsPath, { "py3port.minConfidence": "medium", "py3port.enable": true });
  const params: ConfigurationParams = {
    items: [{ section: "py3port", scopeUri: folder.toString() }, { section: "python" }, { section: "py3port" }],
  };
  const parse = (uri: string) => vscode.Uri.parse(uri) as never;
  assert.deepEqual(configurationAnswer(params, keys, parse), [{ minConfidence: "medium" }, undefined, {}]);
  const configuration = middleware(keys, parse).workspace?.configuration;
  assert.ok(configuration !== undefined);
  const next = (asked: ConfigurationParams) => asked.items.map((item) => ({ from: "vscode", section: item.section }));
  const answer = await configuration(params, {} as never, next as never);
  assert.deepEqual(answer, [{ minConfidence: "medium" }, { from: "vscode", section: "python" }, {}]);
});

test("the extension's own settings: defaults, and py3port.path from the user only when untrusted", () => {
  assert.deepEqual(clientSettings(), {
    enable: true,
    path: [],
    importStrategy: "fromEnvironment",
    fixAll: true,
    disableRuleComment: true,
    logLevel: "info",
    traceServer: "off",
  });
  vscode.settings.global = { "py3port.path": ["/user/py3port-lsp"], "py3port.importStrategy": "useBundled" };
  vscode.settings.workspace = { "py3port.path": ["/repo/evil"], "py3port.importStrategy": "fromEnvironment", "py3port.logLevel": "nonsense" };
  assert.deepEqual(clientSettings().path, ["/repo/evil"]);
  assert.equal(clientSettings().logLevel, "info");
  vscode.workspace.isTrusted = false;
  assert.deepEqual(clientSettings().path, ["/user/py3port-lsp"]);
  assert.equal(clientSettings().importStrategy, "useBundled");
  vscode.settings.global = { "py3port.path": "/single/string" };
  assert.deepEqual(clientSettings().path, ["/single/string"]);
});

test("a key dropped after start-up needs a restart; a changed or added one does not", () => {
  assert.equal(dropsInitializationKey({ ignore: ["PY3101"] }, {}), true);
  assert.equal(dropsInitializationKey({ ignore: ["PY3101"] }, { ignore: ["PY3102"], select: ["PY31"] }), false);
  assert.equal(dropsInitializationKey({}, { select: ["PY31"] }), false);
});

test("fixAll and codeAction.disableRuleComment.enable hide their code actions", () => {
  const on = { fixAll: true, disableRuleComment: true };
  const off = { fixAll: false, disableRuleComment: false };
  for (const kind of ["source.fixAll.py3port", "quickfix.py3port.noqa.PY3101"]) {
    assert.equal(hiddenBySettings(kind, on), false, kind);
    assert.equal(hiddenBySettings(kind, off), true, kind);
  }
  assert.equal(hiddenBySettings("quickfix.py3port.PY3101", off), false);
  assert.equal(hiddenBySettings(undefined, off), false);
});

test("the README documents every contributed setting and command", () => {
  const readme = readFileSync(path.join(extensionRoot, "README.md"), "utf8");
  for (const key of contributedKeys(manifest())) assert.ok(readme.includes(`\`py3port.${key}\``), `README.md does not mention py3port.${key}`);
  for (const command of manifest().contributes.commands) {
    assert.ok(readme.includes(`\`${command.command}\``), `README.md does not mention ${command.command}`);
    assert.ok(readme.includes(`**py3port: ${command.title}**`), `README.md does not name "py3port: ${command.title}"`);
  }
  assert.match(readme, /"source\.fixAll\.py3port": "explicit"/);
});
