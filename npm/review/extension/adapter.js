// The page adapter: reads a GitHub pull request's "Files changed" page, in either of its
// two structures (the classic server-rendered diff tables and the newer React view), into
// one shape: files with their path and their diff rows. It only reads the page; the
// rendering is content.js's, and the analysis the service worker's.
//
// GitHub's page structure is not an API. Each selector below names where its shape is
// documented by a project that tracks the page (see extension/SELECTORS.md for the full
// list with sources); the test fixtures (test/e2e/pages.mjs) reproduce those shapes.
//
// Loaded as a classic content script before content.js: it defines one global in the
// extension's isolated world, never in the page's.

(() => {
  "use strict";

  const SHA40 = /^[0-9a-f]{40}$/;

  /** Owner, repository and pull request number from the URL (the most stable part). */
  function pageContext(location) {
    const match = /^\/([^/]+)\/([^/]+)\/pull\/(\d+)(?:\/|$)/.exec(location.pathname);
    if (match === null) return null;
    return { owner: match[1], repo: match[2], pull: Number(match[3]) };
  }

  /**
   * The head commit of the pull request, or null.
   * - Classic: `input[name="comparison_end_oid"]`, the hidden field of the review forms
   *   (read the same way by the Sourcegraph browser extension's GitHub scraper and by
   *   other PR tools; SELECTORS.md).
   * - React: the embedded JSON the React app hydrates from
   *   (`script[type="application/json"]`, `data-target="react-app.embeddedData"`), whose
   *   pull request carries `headRefOid`, as other extensions read it (SELECTORS.md).
   */
  function headSha(document) {
    for (const input of document.querySelectorAll('input[name="comparison_end_oid"]')) {
      const value = (input.getAttribute("value") ?? "").trim();
      if (SHA40.test(value)) return value;
    }
    for (const script of document.querySelectorAll('script[type="application/json"]')) {
      const match = /"(?:headRefOid|headOid|head_sha)"\s*:\s*"([0-9a-f]{40})"/.exec(script.textContent ?? "");
      if (match !== null) return match[1];
    }
    return null;
  }

  const number = (cell) => {
    if (cell === null) return null;
    const value = Number(cell.getAttribute("data-line-number"));
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  };

  // ---- Classic page ------------------------------------------------------------------
  // One `div.file` (`.js-file`, `[data-tagsearch-path]`) per file; its `.file-header`
  // carries `data-path`; the diff is `table.diff-table` whose rows have `td.blob-num`
  // line-number cells (`data-line-number`; the new side's has `js-blob-rnum`) and a
  // `td.blob-code` cell (`blob-code-addition`/`-deletion`/`-context`; the text in
  // `.blob-code-inner`); hunk headers are `td.blob-code-hunk` in `tr.js-expandable-line`.

  function classicFiles(document) {
    const files = [];
    for (const container of document.querySelectorAll("div.file")) {
      const header = container.querySelector(".file-header");
      const path = header?.getAttribute("data-path") ?? container.getAttribute("data-tagsearch-path");
      const table = container.querySelector("table.diff-table");
      if (!path || header === null || table === null) continue;
      const rows = [];
      let hunk = 0;
      for (const tr of table.querySelectorAll("tr")) {
        if (tr.classList.contains("py3port-annotation")) continue;
        if (tr.classList.contains("js-expandable-line") || tr.querySelector("td.blob-code-hunk") !== null) {
          hunk++;
          continue;
        }
        const code = tr.querySelector("td.blob-code");
        if (code === null) continue;
        const numbers = [...tr.querySelectorAll("td.blob-num")];
        const right = tr.querySelector("td.blob-num.js-blob-rnum") ?? numbers[1] ?? null;
        const left = numbers.find((cell) => cell !== right) ?? null;
        const kind = code.classList.contains("blob-code-addition") ? "add" : code.classList.contains("blob-code-deletion") ? "delete" : "context";
        const inner = code.querySelector(".blob-code-inner");
        rows.push({ kind, oldLine: kind === "add" ? null : number(left), newLine: kind === "delete" ? null : number(right), text: (inner ?? code).textContent ?? "", hunk, row: tr });
      }
      files.push({ structure: "classic", container, header, badgeHost: header.querySelector(".file-info") ?? header, path, table, rows });
    }
    return files;
  }

  // ---- React page --------------------------------------------------------------------
  // One `table[aria-label="Diff for: <path>"]` per file, inside the file's region
  // (`div[id^="diff-"]`, role `region`) whose header is
  // `[class*="DiffFileHeader-module__diff-file-header"]` (its file name in
  // `[class*="DiffFileHeader-module__file-name"] a code`, wrapped in U+200E marks); rows
  // are `tr.diff-line-row` with `td.new-diff-line-number[data-diff-side][data-line-number]`
  // cells and one `td.diff-text-cell` whose `code.diff-text` is `.addition`/`.deletion`
  // and whose text is in `.diff-text-inner`; hunk headers have a `.diff-text-cell.hunk`
  // (or a `td.diff-hunk-cell`).

  function reactFiles(document) {
    const files = [];
    for (const table of document.querySelectorAll('table[aria-label^="Diff for:"]')) {
      const container = table.closest('[id^="diff-"]') ?? table.parentElement;
      const header = container?.querySelector('[class*="DiffFileHeader-module__diff-file-header"]') ?? null;
      let path = (table.getAttribute("aria-label") ?? "").replace(/^Diff for:\s*/, "");
      if (path === "" && header !== null) path = header.querySelector('[class*="DiffFileHeader-module__file-name"] code')?.textContent ?? "";
      path = path.replace(/\u200e/g, "").trim();
      if (path === "" || container === null) continue;
      const rows = [];
      let hunk = 0;
      for (const tr of table.querySelectorAll("tr")) {
        if (tr.classList.contains("py3port-annotation")) continue;
        if (tr.querySelector(".diff-text-cell.hunk, td.diff-hunk-cell, .hunk") !== null) {
          hunk++;
          continue;
        }
        const code = tr.querySelector("td.diff-text-cell");
        if (code === null) continue;
        const left = number(tr.querySelector('td.new-diff-line-number[data-diff-side="left"][data-line-number]'));
        const right = number(tr.querySelector('td.new-diff-line-number[data-diff-side="right"][data-line-number]'));
        const marker = code.querySelector("code.diff-text");
        let kind = "context";
        if (marker?.classList.contains("addition") || (left === null && right !== null)) kind = "add";
        else if (marker?.classList.contains("deletion") || (right === null && left !== null)) kind = "delete";
        const inner = code.querySelector(".diff-text-inner") ?? code;
        const text = (inner.textContent ?? "").replace(/\r?\n$/, "");
        rows.push({ kind, oldLine: kind === "add" ? null : left, newLine: kind === "delete" ? null : right, text, hunk, row: tr });
      }
      const nameHost = header?.querySelector('[class*="DiffFileHeader-module__file-name"]')?.parentElement ?? header ?? container;
      files.push({ structure: "react", container, header, badgeHost: nameHost, path, table, rows });
    }
    return files;
  }

  /** Every file of the page, whichever structure it has. */
  function findFiles(document) {
    return [...classicFiles(document), ...reactFiles(document)];
  }

  /** What the service worker needs of a file: plain data, no elements. */
  function serializable(file) {
    return {
      path: file.path,
      rows: file.rows.map(({ kind, oldLine, newLine, text, hunk }) => ({ kind, oldLine, newLine, text, hunk })),
    };
  }

  globalThis.py3portReviewAdapter = Object.freeze({ pageContext, headSha, findFiles, serializable });
})();
