// Bundles the extension: dist/extension.js (desktop, Node) with vscode-languageclient, and
// dist/browser.js (vscode.dev, github.dev: a web worker) with the py3port npm package,
// whose analyzer (py3port_wasm_bg.wasm) is copied next to it.
//
//   node esbuild.mjs [--production]   (--production: minified, no source maps)

import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";

import * as esbuild from "esbuild";

const production = process.argv.includes("--production");
const require = createRequire(import.meta.url);

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist");

const common = {
  bundle: true,
  format: "cjs",
  external: ["vscode"],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: "warning",
};

/** Builds one bundle; a warning fails the build (it is a bundle that may break at run time). */
async function build(options) {
  const result = await esbuild.build({ ...common, ...options });
  if (result.warnings.length > 0) {
    console.error(`esbuild: ${result.warnings.length} warning(s) building ${options.outfile}`);
    process.exit(1);
  }
}

await build({
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  platform: "node",
  target: "node20",
});

await build({
  entryPoints: ["src/browser.ts"],
  outfile: "dist/browser.js",
  platform: "browser",
  target: "es2022",
  // The package's browser entry has `new URL("../pkg/...", import.meta.url)` for callers
  // that let it fetch the analyzer itself; the extension always passes the bytes, so that
  // expression is never evaluated here.
  define: { "import.meta.url": "undefined" },
});

copyFileSync(require.resolve("py3port/py3port.wasm"), "dist/py3port_wasm_bg.wasm");
console.log(`Built dist/ (${production ? "production" : "development"}).`);
