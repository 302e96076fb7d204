// The service worker: runs py3port's WebAssembly analyzer (a content script cannot
// compile WebAssembly under GitHub's Content-Security-Policy; the extension's own pages
// may, with 'wasm-unsafe-eval' in the manifest), fetches the head revision of each file
// from github.com itself (so that whole files are analysed, not hunks alone), and
// annotates the diff rows the content script read from the page.
//
// Nothing leaves the browser but those requests to GitHub for the files of the pull
// request being viewed, with the user's own GitHub session (private repositories).

import { init } from "./lib/py3port/dist/index.js";
import { annotate } from "./lib/review/index.js";

const WASM_URL = chrome.runtime.getURL("lib/py3port/pkg/py3port_wasm_bg.wasm");
let ready = null;
const loadAnalyzer = () => {
  ready ??= init(WASM_URL).catch((error) => {
    ready = null;
    throw error;
  });
  return ready;
};

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const SHA40 = /^[0-9a-f]{40}$/;
const MAX_FILES = 3000;
const MAX_ROWS = 200_000;
const MAX_TEXT = 8 * 1024 * 1024;
const FETCHES_AT_ONCE = 6;

/** The new revision's text of a file, from github.com, or undefined. */
async function headText(owner, repo, sha, path) {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const url = `https://github.com/${owner}/${repo}/raw/${sha}/${encoded}`;
  try {
    // GitHub answers /raw/ with a redirect to its raw content host; credentials so that
    // private repositories work with the session the user already has.
    const response = await fetch(url, { credentials: "include", redirect: "follow" });
    if (!response.ok) return undefined;
    const length = Number(response.headers.get("Content-Length") ?? 0);
    if (length > MAX_TEXT) return undefined;
    const text = await response.text();
    return text.length > MAX_TEXT ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The content script's rows as the annotator's `DiffFile`: one hunk per run of rows. */
function toDiffFile(file) {
  const hunks = [];
  let current = null;
  let position = 0;
  let nextOld = null;
  let nextNew = null;
  for (const row of file.rows) {
    const kind = row.kind === "add" || row.kind === "delete" ? row.kind : "context";
    const oldLine = kind === "add" ? null : Number.isSafeInteger(row.oldLine) ? row.oldLine : null;
    const newLine = kind === "delete" ? null : Number.isSafeInteger(row.newLine) ? row.newLine : null;
    if ((kind !== "add" && oldLine === null) || (kind !== "delete" && newLine === null)) continue;
    // A new hunk where the page shows one, or where the numbering jumps.
    const jumps = (oldLine !== null && nextOld !== null && oldLine !== nextOld) || (newLine !== null && nextNew !== null && newLine !== nextNew);
    if (current === null || row.hunk !== current.page || jumps) {
      if (current !== null) position++;
      current = { page: row.hunk, hunk: { oldStart: oldLine ?? 0, oldLines: 0, newStart: newLine ?? 0, newLines: 0, section: "", lines: [], truncated: false } };
      hunks.push(current.hunk);
    }
    const hunk = current.hunk;
    if (oldLine !== null) {
      if (hunk.oldLines === 0) hunk.oldStart = oldLine;
      hunk.oldLines++;
      nextOld = oldLine + 1;
    }
    if (newLine !== null) {
      if (hunk.newLines === 0) hunk.newStart = newLine;
      hunk.newLines++;
      nextNew = newLine + 1;
    }
    position++;
    hunk.lines.push({ kind, text: String(row.text ?? ""), eol: "\n", oldLine, newLine, position, noNewlineAtEof: false });
  }
  return { oldPath: file.path, newPath: file.path, status: "modified", binary: false, headers: [], git: true, hunks };
}

async function handle(message) {
  const { owner, repo, sha } = message;
  if (!NAME.test(String(owner)) || !NAME.test(String(repo))) throw new Error("not a repository");
  if (!Array.isArray(message.files) || message.files.length > MAX_FILES) throw new Error("bad file list");
  const files = message.files
    .filter((file) => typeof file?.path === "string" && file.path !== "" && !file.path.split("/").includes("..") && Array.isArray(file.rows) && file.rows.length <= MAX_ROWS)
    .map(toDiffFile);
  await loadAnalyzer();
  const texts = new Map();
  if (SHA40.test(String(sha))) {
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const text = await headText(owner, repo, sha, file.newPath);
        if (text !== undefined) texts.set(file.newPath, text);
      }
    };
    await Promise.all(Array.from({ length: FETCHES_AT_ONCE }, worker));
  }
  const result = annotate(files, { files: texts });
  return {
    files: result.files.map((file) => ({
      path: file.path,
      python: file.python,
      analysed: file.analysed,
      reason: file.reason,
      summary: file.summary,
      annotations: file.annotations,
    })),
  };
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's content scripts, on github.com pages.
  if (sender.id !== chrome.runtime.id || typeof sender.url !== "string" || !sender.url.startsWith("https://github.com/")) return false;
  if (message?.type !== "py3port-review/annotate") return false;
  handle(message).then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
  return true;
});

// Compile the analyzer as soon as the worker starts, not on the first page.
loadAnalyzer().catch(() => {});
