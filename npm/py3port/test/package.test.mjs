// The package as published: its exports map, the ways init() takes the analyzer (in the
// browser entry point, which Node can run too), and its TypeScript types.

import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));

test("the exports map gives Node its entry point and everything else the browser one", () => {
  assert.equal(packageJson.type, "module");
  const main = packageJson.exports["."];
  assert.deepEqual(Object.keys(main), ["node", "default"]);
  assert.equal(main.node.default, "./dist/node.js");
  assert.equal(main.default.default, "./dist/index.js");
  assert.ok(import.meta.resolve("py3port").endsWith("/dist/node.js"));
  assert.ok(import.meta.resolve("py3port/py3port.wasm").endsWith("/pkg/py3port_wasm_bg.wasm"));
  assert.ok(import.meta.resolve("py3port/rules-docs.json").endsWith("/pkg/rules-docs.json"));
  for (const file of packageJson.files) {
    assert.doesNotThrow(() => readFileSync(new URL(file === "dist" ? "dist/index.js" : file, root)), file);
  }
});

/** Runs `body` as an ES module in a fresh Node process (init() is once per process). */
function run(body) {
  return execFileSync(process.execPath, ["--input-type=module", "-e", body], {
    cwd: fileURLToPath(root),
    encoding: "utf8",
  }).trim();
}

const browser = fileURLToPath(new URL("dist/index.js", root));
const wasmPath = fileURLToPath(new URL("pkg/py3port_wasm_bg.wasm", root));

test("the browser entry point needs init(), and takes bytes, a Response or a module", () => {
  const prelude = `import { readFileSync } from "node:fs"; import * as py3port from ${JSON.stringify(browser)};
    const bytes = readFileSync(${JSON.stringify(wasmPath)});
    const count = () => py3port.analyze("print 1\\n").length;`;
  assert.equal(
    run(`${prelude} try { count() } catch (error) { console.log(error.message) }`),
    "py3port: the analyzer is not loaded yet: `await init()` first",
  );
  const inputs = {
    bytes: "bytes",
    buffer: "bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)",
    "streamed Response": 'new Response(bytes, { headers: { "Content-Type": "application/wasm" } })',
    "other Response": "new Response(bytes)",
    "promise of a Response": "Promise.resolve(new Response(bytes))",
    module: "new WebAssembly.Module(bytes)",
  };
  for (const [name, input] of Object.entries(inputs)) {
    assert.equal(run(`${prelude} await py3port.init(${input}); await py3port.init(); console.log(count())`), "1", name);
  }
  assert.match(
    run(`${prelude} try { await py3port.init(new Response("no", { status: 404 })) } catch (error) { console.log(error.message) }
      await py3port.init(bytes); console.log(count())`),
    /cannot load the analyzer: HTTP 404[\s\S]*\n1$/,
  );
});

test("the browser entry point fetches a URL, and the docs from next to it", async () => {
  const files = {
    "/py3port.wasm": readFileSync(wasmPath),
    "/rules-docs.json": readFileSync(new URL("pkg/rules-docs.json", root)),
  };
  const server = createServer((request, response) => {
    const body = files[request.url];
    response.writeHead(body ? 200 : 404, { "Content-Type": request.url.endsWith(".wasm") ? "application/wasm" : "application/json" });
    response.end(body ?? "");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    // Asynchronously: the server answers from this process.
    const output = await new Promise((resolve, reject) => {
      const body = `import * as py3port from ${JSON.stringify(browser)};
        await py3port.init(new URL("${base}/py3port.wasm"));
        const docs = await py3port.loadRuleDocs("${base}/rules-docs.json");
        console.log(py3port.analyze("print 1\\n")[0].code, docs.rules.PY3101.includes("## What it does"));`;
      execFile(process.execPath, ["--input-type=module", "-e", body], { encoding: "utf8" }, (error, stdout) =>
        error ? reject(error) : resolve(stdout.trim()),
      );
    });
    assert.equal(output, "PY3101 true");
  } finally {
    server.close();
  }
});

test("Node loads the analyzer on first use, or from a path or a file URL", () => {
  assert.equal(run(`import { analyze } from "py3port"; console.log(analyze("print 1\\n").length)`), "1");
  assert.equal(run(`import { init, analyze } from "py3port"; await init(${JSON.stringify(wasmPath)}); console.log(analyze("print 1\\n").length)`), "1");
  assert.equal(
    run(`import { init, version } from "py3port"; await init(new URL("./pkg/py3port_wasm_bg.wasm", "file://${fileURLToPath(root)}/")); console.log(version())`),
    packageJson.version,
  );
});

test("the types are strict, with no `any`, and reject wrong options", () => {
  for (const file of readdirSync(new URL("dist/", root)).filter((name) => name.endsWith(".d.ts"))) {
    const text = readFileSync(new URL(`dist/${file}`, root), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(text, /\bany\b/, file);
  }
  const tsc = fileURLToPath(new URL("node_modules/typescript/bin/tsc", root));
  const consumer = fileURLToPath(new URL("test/consumer.ts", root));
  const flags = ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--target", "ES2022"];
  const modes = [["--module", "NodeNext", "--moduleResolution", "NodeNext"], ["--module", "ESNext", "--moduleResolution", "Bundler"]];
  for (const mode of modes) {
    execFileSync(process.execPath, [tsc, ...flags, ...mode, "--lib", "ES2022,DOM", "--types", "node", consumer], {
      cwd: fileURLToPath(root),
      encoding: "utf8",
    });
  }
});
