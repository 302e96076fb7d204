// End-to-end: the playground's static build (npm/playground/dist, `npm run build`) served
// on localhost and driven in Debian's Chromium by playwright-core. Types Python 2 code,
// sees the diagnostics, applies quick fixes from the problems list and from the editor's
// lint tooltip, reads a rule's documentation, checks the side-by-side diff and "Fix all",
// and shows that hostile input is an error message on the page, not a crash. Keeps a
// screenshot in artifacts/ (typed.png after typing, playground.png with the diff).
//
//   (cd npm/playground && npm ci && npm run build)   # after scripts/build-wasm, then
//   (cd tests/playground && npm ci && npm test)      # (scripts/test-wasm does all of it)

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { analyze, fix } from "../../npm/py3port/dist/node.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const site = join(here, "../../npm/playground/dist");
const artifacts = join(here, "artifacts");

const types = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

let server;
let browser;
let page;
let base;
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(join(site, "index.html")), "build the playground first: (cd npm/playground && npm run build)");
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(site, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(site) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  // A missing browser fails the test: it is never skipped.
  const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  assert.ok(existsSync(executablePath), `Chromium is required: ${executablePath} does not exist (apt-get install chromium)`);
  browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.stack ?? error}`));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const editorText = () => page.evaluate(() => window.py3portPlayground.view.state.doc.toString());
const problemNames = () => page.locator("#problems li .code").allTextContents();

/** Waits until the problems list shows exactly the diagnostics `analyze` gives for the editor's text. */
async function waitForAnalysis() {
  const text = await editorText();
  const expected = analyze(text).map((d) => `${d.code} ${d.name}`);
  await page.waitForFunction(
    (names) => {
      const shown = [...document.querySelectorAll("#problems li .code")].map((element) => element.textContent);
      return JSON.stringify(shown) === JSON.stringify(names);
    },
    expected,
    { timeout: 10_000 },
  );
  return expected;
}

test("the playground loads and analyses its sample", async () => {
  await page.goto(base);
  await page.waitForFunction(() => /\d+ diagnostics/.test(document.getElementById("status").textContent));
  const shown = await waitForAnalysis();
  assert.ok(shown.length > 10, shown.join());
  assert.match(await page.locator("footer").textContent(), /py3port \d+\.\d+\.\d+ · analysis in WebAssembly/);
});

test("typing Python 2 code shows its diagnostics, in the editor and in the list", async () => {
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  const lines = ["import urllib2", "d = {'a': 1}", 'print "hello 😀", d.has_key(\'a\')'];
  for (const [index, line] of lines.entries()) {
    await page.keyboard.type(line, { delay: 5 });
    // Close any completion popup, so that Enter starts a new line.
    await page.keyboard.press("Escape");
    if (index < lines.length - 1) await page.keyboard.press("Enter");
  }
  const typed = lines.join("\n");
  assert.equal(await editorText(), typed);
  const shown = await waitForAnalysis();
  for (const name of ["print-statement", "dict-has-key", "urllib-module"]) {
    assert.ok(shown.some((entry) => entry.endsWith(` ${name}`)), `${name} in ${shown.join()}`);
  }
  // The editor underlines them.
  await page.waitForSelector(".cm-lintRange-error");
  assert.equal(await page.locator("#count").textContent(), String(shown.length));
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "typed.png"), fullPage: true });
});

test("a quick fix from the problems list rewrites the print statement", async () => {
  await page.locator('#problems li[data-code="PY3101"] [data-testid="quick-fix"]').click();
  assert.equal(await editorText(), "import urllib2\nd = {'a': 1}\nprint(\"hello 😀\", d.has_key('a'))");
  await waitForAnalysis();
  assert.ok(!(await problemNames()).some((name) => name.endsWith(" print-statement")));
});

test("a quick fix from the editor's lint tooltip rewrites has_key", async () => {
  const text = await editorText();
  const hasKey = analyze(text).find((d) => d.name === "dict-has-key");
  // Hover the underlined `has_key` call: the tooltip offers the fix.
  const box = await page.evaluate(
    (offset) => {
      const { view } = window.py3portPlayground;
      const rect = view.coordsAtPos(offset);
      return { x: rect.left + 3, y: (rect.top + rect.bottom) / 2 };
    },
    hasKey.from + 2,
  );
  await page.mouse.move(box.x, box.y);
  const action = page.locator(".cm-tooltip-lint .cm-diagnosticAction").first();
  await action.waitFor({ timeout: 10_000 });
  assert.equal(await action.textContent(), hasKey.fix.title);
  await action.click();
  assert.equal(await editorText(), "import urllib2\nd = {'a': 1}\nprint(\"hello 😀\", 'a' in d)");
  await waitForAnalysis();
});

test("a problem's explanation is the rule's documentation", async () => {
  await page.locator('#problems li[data-code]').first().click();
  const docs = page.locator("#docs");
  await docs.locator("h4", { hasText: "What it does" }).waitFor();
  const code = await docs.getAttribute("data-rule");
  assert.equal(code, (await page.locator("#problems li").first().getAttribute("data-code")));
  assert.ok((await docs.locator("pre code").count()) >= 2, "the example and its fix");
});

test("the diff shows the fixed output beside the code, and Fix all applies it", async () => {
  const text = await editorText();
  const expected = fix(text).output;
  assert.notEqual(expected, text);
  // The right side of the merge view is the fixed output, the left side the code.
  await page.waitForFunction(
    ([code, output]) => {
      const { diff } = window.py3portPlayground;
      return diff.a.state.doc.toString() === code && diff.b.state.doc.toString() === output;
    },
    [text, expected],
    { timeout: 10_000 },
  );
  await page.locator("#diff .cm-changedLine").first().waitFor();
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "playground.png"), fullPage: true });

  await page.locator('[data-testid="fix-all"]').click();
  assert.equal(await editorText(), expected);
  await waitForAnalysis();
});

test("invalid options and hostile input are messages on the page, and it keeps working", async () => {
  const before = await editorText();
  // Enter in the JSON field applies it (and does not submit the form, which would reload the page).
  await page.locator("#moreOptions").fill('{"selct": ["PY31"]}');
  await page.locator("#moreOptions").press("Enter");
  await page.locator("#error").waitFor({ state: "visible" });
  assert.match(await page.locator("#error").textContent(), /unknown option `selct`/);
  assert.equal(await editorText(), before);
  await page.locator("#moreOptions").fill("");
  await page.locator("#moreOptions").dispatchEvent("change");
  await page.locator("#error").waitFor({ state: "hidden" });

  // Nesting deeper than the analyzer's stack: an internal error, shown; the analyzer restarts.
  const deep = `x = ${"(".repeat(100_000)}1${")".repeat(100_000)}\n`;
  await page.evaluate((text) => {
    const { view } = window.py3portPlayground;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }, deep);
  await page.waitForFunction(() => {
    const banner = document.getElementById("error");
    return !banner.hidden || document.getElementById("status").textContent.includes("diagnostic");
  });
  await page.evaluate(() => {
    const { view } = window.py3portPlayground;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: "print 'still here', `x`\n\0\ud800" } });
  });
  await page.locator("#error").waitFor({ state: "hidden" });
  const shown = await waitForAnalysis();
  assert.ok(shown.some((entry) => entry.endsWith(" print-statement")));
  assert.deepEqual(pageErrors, []);
});
