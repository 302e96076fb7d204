// Static checks of the extension's sources: the manifest asks for the least it needs, the
// extension pages may compile WebAssembly and nothing more, and the scripts that touch
// GitHub's page never insert HTML. (What they draw is tested in a browser: test/e2e/.)

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const source = (name) => readFileSync(new URL(`../extension/${name}`, import.meta.url), "utf8");
const manifest = JSON.parse(source("manifest.json"));

test("manifest: Manifest V3, no API permissions, GitHub hosts only", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.permissions, undefined, "no API permission is needed");
  assert.equal(manifest.optional_permissions, undefined);
  assert.deepEqual(manifest.host_permissions, ["https://github.com/*", "https://raw.githubusercontent.com/*"]);
  assert.equal(manifest.externally_connectable, undefined, "no page may message the worker");
  assert.equal(manifest.web_accessible_resources, undefined, "nothing of the extension is exposed to pages");
  assert.deepEqual(manifest.background, { service_worker: "background.js", type: "module" });
  assert.equal(manifest.content_scripts.length, 1);
  // All of github.com: GitHub navigates in-page (Turbo) from other pages to a pull request;
  // the script does nothing unless the path is /<owner>/<repo>/pull/<n>.
  assert.deepEqual(manifest.content_scripts[0].matches, ["https://github.com/*"]);
  assert.deepEqual(manifest.content_scripts[0].js, ["adapter.js", "content.js"]);
});

test("manifest: the extension pages may compile WebAssembly, and run only their own scripts", () => {
  const csp = manifest.content_security_policy.extension_pages;
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives["script-src"], ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(!csp.includes("'unsafe-eval'") && !csp.includes("'unsafe-inline'") && !/https?:/.test(csp));
});

test("content scripts insert text, never HTML", () => {
  for (const name of ["adapter.js", "content.js"]) {
    const code = source(name).replace(/\/\/.*$/gm, "");
    for (const sink of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment", "DOMParser", "eval(", "new Function", "setAttribute(\"href\"", "srcdoc"]) {
      assert.ok(!code.includes(sink), `${name} uses ${sink}`);
    }
  }
  // Links are set only to https URLs.
  assert.match(source("content.js"), /url\.protocol === "https:"/);
});

test("the service worker answers only this extension's content scripts on github.com", () => {
  const code = source("background.js");
  assert.match(code, /sender\.id !== chrome\.runtime\.id/);
  assert.match(code, /sender\.url\.startsWith\("https:\/\/github\.com\/"\)/);
  // It fetches from github.com only.
  const urls = [...code.matchAll(/`(https:\/\/[^`$]*)/g)].map((match) => match[1]);
  assert.deepEqual(urls, ["https://github.com/"]);
});
