// End to end: Debian's Chromium loads the unpacked extension (build/extension) and opens
// fixture "Files changed" pages, classic and React, served through request routing: no
// request reaches the network, and every request is recorded, so the test also checks
// that the extension asks nothing of any host but GitHub (github.com, and the raw
// content host its /raw/ URLs redirect to). Screenshots are kept in
// test/e2e/screenshots/ (gitignored).
//
// Run: node --test test/e2e/ (after `npm run build` and scripts/build-extension.mjs).
// Needs CHROMIUM (default /usr/bin/chromium).

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { classicPage, reactPage } from "./pages.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const extension = join(root, "build", "extension");
const fixtures = join(root, "test", "fixtures");
const screenshots = join(root, "test", "e2e", "screenshots");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SHA = "c0ffee".padEnd(40, "0");

// The pull request: the unit tests' git diff, plus a file whose code and path carry markup.
const XSS_PATH = "app/<img src=x onerror=window.__py3portXss=7>.py";
const XSS_TEXT = [
  `# <img src=x onerror="window.__py3portXss='comment'">`,
  `def render(name="<img src=x onerror=window.__py3portXss='default'>"):`,
  `    print "<img src=x onerror=window.__py3portXss='print'>", name`,
  `    return unicode("<script>window.__py3portXss='script'</script>")`,
  ``,
].join("\n");
const xssDiff = `diff --git a/${XSS_PATH} b/${XSS_PATH}\nnew file mode 100644\n--- /dev/null\n+++ b/${XSS_PATH}\n@@ -0,0 +1,4 @@\n${XSS_TEXT.trimEnd().split("\n").map((line) => `+${line}`).join("\n")}\n`;
const diffText = readFileSync(join(fixtures, "git.diff"), "utf8") + xssDiff;

function headFile(path) {
  if (path === XSS_PATH) return XSS_TEXT;
  const file = join(fixtures, "head", path);
  return path.split("/").includes("..") || !existsSync(file) ? undefined : readFileSync(file, "utf8");
}

const pages = {
  "/octo/demo/pull/1/files": () => classicPage(diffText, { headSha: SHA }),
  "/octo/demo/pull/2/files": () => reactPage(diffText, { headSha: SHA }),
  // No head commit on the page: the hunks are analysed alone, and the annotations say so.
  "/octo/demo/pull/3/files": () => reactPage(diffText, { headSha: null }),
};

let context;
let userDataDir;
const requests = [];

before(async () => {
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM)`);
  assert.ok(existsSync(join(extension, "manifest.json")), "build/extension is missing: run scripts/build-extension.mjs");
  mkdirSync(screenshots, { recursive: true });
  userDataDir = mkdtempSync(join(tmpdir(), "py3port-review-e2e-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: false,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  // Every http(s) request, from pages and from the service worker, goes through here.
  await context.route(/^https?:/, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    requests.push({ url: url.href, fromServiceWorker: request.serviceWorker() !== null });
    if (url.origin !== "https://github.com") return route.fulfill({ status: 599, body: "blocked by the test: not GitHub" });
    const page = pages[url.pathname];
    if (page !== undefined) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: page() });
    const raw = /^\/octo\/demo\/raw\/([0-9a-f]{40})\/(.+)$/.exec(url.pathname);
    // github.com answers /raw/ with a redirect to raw.githubusercontent.com; Playwright
    // cannot fulfil a service worker's request with a redirect (the fetch fails), so the
    // file is served here directly. The manifest's host permission covers the real redirect.
    if (raw !== null && raw[1] === SHA) {
      const text = headFile(raw[2].split("/").map(decodeURIComponent).join("/"));
      if (text !== undefined) return route.fulfill({ status: 200, contentType: "text/plain; charset=utf-8", body: text });
    }
    return route.fulfill({ status: 404, body: "Not Found" });
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent("serviceworker", { timeout: 20_000 });
  assert.match(worker.url(), /^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
});

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens a fixture page, waits until every Python file has its badge, and reads what the extension drew. */
async function open(path, name) {
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`https://github.com${path}`);
  // Python files with new-side rows: 8 (café, crlf, legacy, new_module, shapes, store, tools/run, xss).
  await page.waitForFunction(() => document.querySelectorAll(".py3port-badge").length >= 8, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const drawn = await page.evaluate(() => {
    const files = {};
    for (const badge of document.querySelectorAll(".py3port-badge")) {
      const container = badge.closest("div.file, [role=region]");
      const path = container.querySelector(".file-header")?.getAttribute("data-path") ?? container.querySelector("table[aria-label]").getAttribute("aria-label").replace(/^Diff for: /, "");
      const annotations = [...container.querySelectorAll("tr.py3port-annotation")].map((tr) => {
        // The row the annotation follows: the nearest diff row above it.
        let row = tr.previousElementSibling;
        while (row !== null && row.classList.contains("py3port-annotation")) row = row.previousElementSibling;
        const number = row?.querySelector("td.js-blob-rnum[data-line-number], td.new-diff-line-number[data-diff-side=right][data-line-number]")?.getAttribute("data-line-number");
        return {
          code: tr.dataset.py3portCode,
          line: Number(tr.dataset.py3portLine),
          rowLine: number === undefined ? null : Number(number),
          text: tr.textContent,
          docs: tr.querySelector("a.py3port-code")?.href ?? null,
          suggestion: tr.querySelector(".py3port-suggestion")?.textContent ?? null,
          note: tr.querySelector(".py3port-note")?.textContent ?? null,
        };
      });
      files[path] = { badge: badge.textContent, count: Number(badge.dataset.py3portCount), analysed: badge.dataset.py3portAnalysed, annotations };
    }
    return {
      files,
      xss: window.__py3portXss ?? null,
      images: document.querySelectorAll("img").length,
      scripts: document.querySelectorAll("script:not([type='application/json'])").length,
    };
  });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  await page.close();
  return { ...drawn, dialogs };
}

const codes = (file) => file.annotations.map((a) => [a.code, a.line]);

function assertStandardFiles(drawn, analysed) {
  const { files } = drawn;
  assert.deepEqual(Object.keys(files).sort(), ["app/café menu.py", "app/crlf.py", "app/legacy.py", "app/new_module.py", "app/shapes.py", "app/store.py", XSS_PATH, "tools/run"].sort());
  // Not Python: no badge, no annotations.
  assert.equal(files["NOTES.md"], undefined);
  // Line mapping through the two hunks of store.py: lines searched in the head revision.
  const store = readFileSync(join(fixtures, "head", "app", "store.py"), "utf8").split("\n");
  const lineOf = (needle) => store.findIndex((line) => line.includes(needle)) + 1;
  assert.deepEqual(codes(files["app/store.py"]), [
    ["PY3218", lineOf("has_key")],
    ["PY3101", lineOf("print 'debug'")],
    ["PY3216", lineOf("iteritems")],
  ]);
  for (const annotation of files["app/store.py"].annotations) {
    assert.equal(annotation.rowLine, annotation.line, "drawn under its own line");
    assert.match(annotation.docs, /^https:\/\//);
  }
  assert.equal(files["app/store.py"].badge, "py3port: 3 issues");
  assert.equal(files["app/store.py"].analysed, analysed === "file" ? "file" : "hunks");
  assert.deepEqual(codes(files["app/shapes.py"]), [["PY3101", 14]]);
  assert.deepEqual(codes(files["app/new_module.py"]), [["PY3101", 1], ["PY3211", 2]]);
  assert.deepEqual(codes(files["app/crlf.py"]), [["PY3218", 3]]);
  assert.equal(files["app/crlf.py"].annotations[0].suggestion, "    return 1 in d");
  assert.deepEqual(codes(files["tools/run"]), [["PY3101", 3]]);
  assert.deepEqual(codes(files["app/café menu.py"]), [["PY3101", 2]]);
  assert.equal(files["app/legacy.py"].badge, "py3port: not analysed");
  for (const file of Object.values(files)) {
    for (const annotation of file.annotations) {
      if (analysed === "file") assert.equal(annotation.note, null);
      else assert.match(annotation.note, /hunk alone/);
    }
  }
}

function assertNothingRan(drawn) {
  assert.equal(drawn.xss, null, "markup from the code or the path ran");
  assert.equal(drawn.images, 0, "an <img> element was created");
  assert.deepEqual(drawn.dialogs, []);
  const xss = drawn.files[XSS_PATH];
  assert.ok(xss.annotations.length >= 2, JSON.stringify(xss));
  // The markup is shown as text: in the messages or the suggestions.
  assert.ok(xss.annotations.some((a) => (a.suggestion ?? "").includes("<img src=x onerror=window.__py3portXss='print'>")), JSON.stringify(xss.annotations));
}

/** Nothing but GitHub: its pages, and the raw content its /raw/ URLs redirect to, for the pull request's files. */
function assertOnlyGithub() {
  const elsewhere = requests.filter((request) => {
    const url = new URL(request.url);
    if (url.origin === "https://github.com") return false;
    return !(url.origin === "https://raw.githubusercontent.com" && url.pathname.startsWith(`/octo/demo/${SHA}/`) && request.fromServiceWorker);
  });
  assert.deepEqual(elsewhere, [], "requests to hosts other than GitHub");
}

test("classic page: annotations under the changed lines and a badge per Python file, from whole files", async () => {
  const drawn = await open("/octo/demo/pull/1/files", "classic");
  assertStandardFiles(drawn, "file");
  assertNothingRan(drawn);
  // The service worker fetched the head revision of the Python files, from github.com.
  const raw = requests.filter((request) => request.url.startsWith(`https://github.com/octo/demo/raw/${SHA}/`));
  assert.ok(raw.length >= 8, JSON.stringify(requests));
  assert.ok(raw.every((request) => request.fromServiceWorker), "fetched by the service worker");
  assert.ok(!raw.some((request) => request.url.endsWith("NOTES.md")), "a non-Python file was fetched");
  assertOnlyGithub();
});

test("React page: the same annotations through the same adapter", async () => {
  const drawn = await open("/octo/demo/pull/2/files", "react");
  assertStandardFiles(drawn, "file");
  assertNothingRan(drawn);
  assertOnlyGithub();
});

test("React page without the head commit: hunks analysed alone, and the annotations say so", async () => {
  const before = requests.length;
  const drawn = await open("/octo/demo/pull/3/files", "react-hunks-only");
  assertStandardFiles(drawn, "hunks");
  assertNothingRan(drawn);
  assert.equal(requests.slice(before).filter((request) => request.url.includes("/raw/")).length, 0);
  assertOnlyGithub();
});

test("React page: rows the page re-renders get their annotations back, and files loaded later are annotated", async () => {
  const page = await context.newPage();
  await page.goto("https://github.com/octo/demo/pull/2/files");
  await page.waitForFunction(() => document.querySelectorAll(".py3port-badge").length >= 8, null, { timeout: 60_000 });
  const storeRows = () =>
    page.evaluate(() => [...document.querySelector('table[aria-label="Diff for: app/store.py"]').querySelectorAll("tr.py3port-annotation")].map((tr) => tr.dataset.py3portCode));
  assert.deepEqual(await storeRows(), ["PY3218", "PY3101", "PY3216"]);
  // React replaces the table body with fresh rows (as a re-render does): ours are gone.
  await page.evaluate(() => {
    const table = document.querySelector('table[aria-label="Diff for: app/store.py"]');
    const body = table.tBodies[0].cloneNode(true);
    for (const ours of body.querySelectorAll("tr.py3port-annotation")) ours.remove();
    table.tBodies[0].replaceWith(body);
  });
  await page.waitForFunction(() => document.querySelector('table[aria-label="Diff for: app/store.py"]').querySelectorAll("tr.py3port-annotation").length === 3, null, { timeout: 20_000 });
  assert.deepEqual(await storeRows(), ["PY3218", "PY3101", "PY3216"]);
  // A file rendered later (progressive loading): a copy of new_module.py under another path.
  await page.evaluate(() => {
    const region = document.querySelector('table[aria-label="Diff for: app/new_module.py"]').closest("[role=region]");
    const copy = region.cloneNode(true);
    copy.id = "diff-late";
    for (const ours of copy.querySelectorAll(".py3port-annotation, .py3port-badge")) ours.remove();
    copy.querySelector("table").setAttribute("aria-label", "Diff for: app/late.py");
    copy.querySelector("h3 code").textContent = "\u200eapp/late.py\u200e";
    region.parentElement.parentElement.append(copy);
  });
  await page.waitForFunction(() => document.querySelector("#diff-late .py3port-badge") !== null, null, { timeout: 20_000 });
  const late = await page.evaluate(() => ({
    badge: document.querySelector("#diff-late .py3port-badge").textContent,
    analysed: document.querySelector("#diff-late .py3port-badge").dataset.py3portAnalysed,
    codes: [...document.querySelectorAll("#diff-late tr.py3port-annotation")].map((tr) => tr.dataset.py3portCode),
  }));
  // Not in the head revision (the fetch is a 404): analysed from its hunk.
  assert.deepEqual(late, { badge: "py3port: 2 issues", analysed: "hunks", codes: ["PY3101", "PY3211"] });
  await page.close();
});
