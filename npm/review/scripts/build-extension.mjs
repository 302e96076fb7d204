#!/usr/bin/env node
// Builds the unpacked extension into build/extension/: the sources of extension/, the
// annotator (dist/) and the py3port package (its dist/ and pkg/: the WebAssembly
// analyzer). The service worker is an ES module; the one bare import (`py3port`) is
// rewritten to a relative path, since service workers have no import maps. No bundler.
// Run `npm run build` (tsc) first; fails loudly if py3port is not built.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// `--firefox`: Firefox's Manifest V3 has no background service worker; the same module
// runs as an event page (`background.scripts`), and Firefox wants an add-on id. Untested here.
const firefox = process.argv.includes("--firefox");
const out = join(root, "build", firefox ? "extension-firefox" : "extension");
const py3port = join(root, "..", "py3port");

const need = [
  [join(py3port, "pkg", "py3port_wasm_bg.wasm"), "npm/py3port is not built: run scripts/build-wasm (it makes pkg/)"],
  [join(py3port, "pkg", "py3port_wasm.js"), "npm/py3port is not built: run scripts/build-wasm (it makes pkg/)"],
  [join(py3port, "dist", "index.js"), "npm/py3port is not built: run `npm run build` in npm/py3port (it makes dist/)"],
  [join(root, "dist", "index.js"), "npm/review is not built: run `npm run build` in npm/review"],
];
for (const [path, message] of need) {
  if (!existsSync(path)) {
    console.error(`build-extension: missing ${path}\n  ${message}`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const name of ["background.js", "adapter.js", "content.js", "content.css"]) {
  cpSync(join(root, "extension", name), join(out, name));
}
const manifest = JSON.parse(readFileSync(join(root, "extension", "manifest.json"), "utf8"));
if (firefox) {
  manifest.background = { scripts: [manifest.background.service_worker], type: "module" };
  delete manifest.minimum_chrome_version;
  manifest.browser_specific_settings = { gecko: { id: "review@py3port.invalid", strict_min_version: "128.0" } };
}
writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
// py3port: only what the browser entry point loads.
cpSync(join(py3port, "dist"), join(out, "lib", "py3port", "dist"), { recursive: true, filter: (src) => !src.endsWith(".d.ts") && !src.endsWith("node.js") });
mkdirSync(join(out, "lib", "py3port", "pkg"), { recursive: true });
for (const name of ["py3port_wasm.js", "py3port_wasm_bg.wasm"]) cpSync(join(py3port, "pkg", name), join(out, "lib", "py3port", "pkg", name));
// The annotator, with `py3port` pointing at the copy above.
mkdirSync(join(out, "lib", "review"), { recursive: true });
for (const name of readdirSync(join(root, "dist"))) {
  if (!name.endsWith(".js")) continue;
  const text = readFileSync(join(root, "dist", name), "utf8").replace(/from "py3port"/g, 'from "../py3port/dist/index.js"');
  if (/from "[^./]/.test(text)) {
    console.error(`build-extension: dist/${name} has a bare import left; the service worker cannot resolve it`);
    process.exit(1);
  }
  writeFileSync(join(out, "lib", "review", name), text);
}
console.log(`build-extension: wrote ${out}`);
