// Benchmark: the browser extension on a classic "Files changed" page of a pull request
// that touches 200 Python files (bench/pr.mjs), in Debian's Chromium through
// playwright-core, with the page and the head revisions served by request routing.
// Reports the time from navigation until all 200 badges are drawn (the service worker
// fetches 200 files and analyses them whole), after one warm-up load.
//
// node bench/extension-200.mjs [files=200]   (after scripts/build-extension.mjs)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { classicPage } from "../test/e2e/pages.mjs";
import { makePullRequest } from "./pr.mjs";

const FILES = Number(process.argv[2] ?? 200);
const SHA = "be".padEnd(40, "0");
const extension = join(fileURLToPath(new URL("..", import.meta.url)), "build", "extension");
const { diff, texts } = makePullRequest(FILES);
const html = classicPage(diff, { headSha: SHA, title: "A large port" });

const userDataDir = mkdtempSync(join(tmpdir(), "py3port-review-bench-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: false,
  viewport: { width: 1280, height: 900 },
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
});
try {
  await context.route(/^https?:/, async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === "https://github.com" && url.pathname.startsWith("/octo/demo/pull/")) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
    const raw = /^\/octo\/demo\/raw\/[0-9a-f]{40}\/(.+)$/.exec(url.pathname);
    const text = raw === null ? undefined : texts[decodeURIComponent(raw[1])];
    return text === undefined ? route.fulfill({ status: 404, body: "" }) : route.fulfill({ status: 200, contentType: "text/plain; charset=utf-8", body: text });
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent("serviceworker");
  const times = [];
  for (let round = 0; round < 3; round++) {
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(`https://github.com/octo/demo/pull/${round + 1}/files`);
    await page.waitForFunction((count) => document.querySelectorAll(".py3port-badge").length >= count, FILES, { timeout: 300_000, polling: 50 });
    const elapsed = performance.now() - start;
    const drawn = await page.evaluate(() => ({ rows: document.querySelectorAll("tr.py3port-annotation").length, whole: document.querySelectorAll('.py3port-badge[data-py3port-analysed="file"]').length }));
    await page.close();
    if (drawn.rows !== FILES * 9 || drawn.whole !== FILES) throw new Error(`expected ${FILES * 9} annotations in ${FILES} whole files, got ${JSON.stringify(drawn)}`);
    if (round > 0) times.push(elapsed);
    console.log(`${round === 0 ? "warm-up" : `round ${round}`}: ${FILES} files, ${drawn.rows} annotations drawn in ${elapsed.toFixed(0)} ms`);
  }
  console.log(`extension, ${FILES} Python files, whole-file analysis: ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} ms from navigation to the last badge`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
