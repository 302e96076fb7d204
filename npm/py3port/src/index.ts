// The browser and bundler entry point: the analyzer and the rule docs are fetched from
// next to this module (bundlers such as Vite and webpack copy them as assets, as they do
// for every `new URL("...", import.meta.url)`). `await init()` before the first call.

import { compileWasm } from "./compile.js";
import { type Host, setHost } from "./core.js";

const host: Host = {
  compile: (input) => compileWasm(input ?? new URL("../pkg/py3port_wasm_bg.wasm", import.meta.url)),
  loadDocs: async (input) => {
    const response = input instanceof Response ? input : await fetch(input ?? new URL("../pkg/rules-docs.json", import.meta.url));
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
