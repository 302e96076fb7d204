// What several tests share: the extension's folder, its manifest, the mock's settings reset
// to package.json's defaults, and the py3port-lsp binary the tests run.

import "./mock/register";

import { readFileSync } from "node:fs";
import * as path from "node:path";

import * as vscode from "./mock/vscode";

/** editors/vscode (tests run from out/test). */
export const extensionRoot = path.resolve(__dirname, "..", "..");
export const repositoryRoot = path.resolve(extensionRoot, "..", "..");

export interface Property {
  type: string | string[];
  default?: unknown;
  enum?: string[];
  items?: unknown;
  additionalProperties?: unknown;
  markdownDescription?: string;
  scope?: string;
}

export interface Manifest {
  name: string;
  version: string;
  main: string;
  browser: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { id: string; title: string; properties: Record<string, Property> }[];
  };
  [key: string]: unknown;
}

export function manifest(): Manifest {
  return JSON.parse(readFileSync(path.join(extensionRoot, "package.json"), "utf8")) as Manifest;
}

/** Every contributed property, by full key. */
export function properties(): Record<string, Property> {
  return Object.assign({}, ...manifest().contributes.configuration.map((section) => section.properties));
}

/** Resets the mock: package.json's defaults, no other settings, a trusted workspace, no folders. */
export function resetVscode(): void {
  vscode.settings.reset();
  vscode.settings.defaults = Object.fromEntries(Object.entries(properties()).map(([key, value]) => [key, value.default]));
  vscode.workspace.isTrusted = true;
  vscode.workspace.workspaceFolders = undefined;
  vscode.workspace.textDocuments = [];
  vscode.window.activeTextEditor = undefined;
  vscode.extensions.installed.clear();
  vscode.recorded.reset();
  vscode.commands.registered.clear();
  vscode.languages.collections.length = 0;
}

/** The release binary scripts/test builds and bundles. */
export const bundledBinary = path.join(extensionRoot, "bundled", "libs", "bin", process.platform === "win32" ? "py3port-lsp.exe" : "py3port-lsp");

/** py3port's version, from the workspace's Cargo.toml. */
export function cargoVersion(): string {
  const text = readFileSync(path.join(repositoryRoot, "Cargo.toml"), "utf8");
  const match = /^\[workspace\.package\][^[]*?^version = "([^"]+)"/ms.exec(text);
  if (match === null) throw new Error("no [workspace.package] version in Cargo.toml");
  return match[1] as string;
}
