// The Node entry point: the analyzer and the rule docs are read from the package's files.
// `init()` is optional here: the first call loads the analyzer synchronously.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { compileWasm } from "./compile.js";
import { type Host, setHost } from "./core.js";
import type { InitInput } from "./types.js";

const wasmUrl = new URL("../pkg/py3port_wasm_bg.wasm", import.meta.url);
const docsUrl = new URL("../pkg/rules-docs.json", import.meta.url);

/** A string is a URL when it has a scheme (`file:`, `https:`), else a file path. */
function toUrlOrPath(value: string | URL): URL | string {
  if (value instanceof URL) return value;
  return /^[a-z][a-z0-9+.-]+:/i.test(value) ? new URL(value) : value;
}

async function readLocal(location: URL | string): Promise<Uint8Array | undefined> {
  if (typeof location === "string") return readFile(location);
  if (location.protocol === "file:") return readFile(fileURLToPath(location));
  return undefined;
}

const host: Host = {
  compile: async (input: InitInput | undefined) => {
    const value = await (input ?? wasmUrl);
    if (typeof value === "string" || value instanceof URL) {
      const location = toUrlOrPath(value);
      const bytes = await readLocal(location);
      return compileWasm(bytes ?? location);
    }
    return compileWasm(value);
  },
  compileSync: () => new WebAssembly.Module(readFileSync(fileURLToPath(wasmUrl))),
  loadDocs: async (input) => {
    if (input === undefined || typeof input === "string" || input instanceof URL) {
      const location = toUrlOrPath(input ?? docsUrl);
      const bytes = await readLocal(location);
      if (bytes !== undefined) return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      input = location as URL;
    }
    const response = input instanceof Response ? input : await fetch(input);
    if (!response.ok) throw new Error(`py3port: cannot load the rule documentation: HTTP ${response.status} (${response.url})`);
    return response.json();
  },
};
setHost(host);

export {
  analyze,
  Document,
  fix,
  init,
  loadRuleDocs,
  MAX_TEXT_LENGTH,
  ruleDocs,
  rules,
  settings,
  version,
} from "./core.js";
export type * from "./types.js";
