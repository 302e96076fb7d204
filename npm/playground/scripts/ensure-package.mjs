// Runs before `npm run dev` and `npm run build`, so that one command serves or builds the
// playground from a fresh checkout: installs the playground's dependencies when they are
// missing (`npm ci`), and builds the `py3port` package it imports from ../py3port, which is
// generated (scripts/build-wasm), when that is missing.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const playground = fileURLToPath(new URL("../", import.meta.url));

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(`${playground}node_modules/vite/package.json`)) {
  console.error("py3port playground: installing its dependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], playground);
}

const built = ["npm/py3port/pkg/py3port_wasm_bg.wasm", "npm/py3port/pkg/rules-docs.json", "npm/py3port/dist/index.js"];
if (!built.every((file) => existsSync(repo + file))) {
  console.error("py3port playground: the py3port package is not built yet; running scripts/build-wasm");
  run(`${repo}scripts/build-wasm`, [], repo);
}
