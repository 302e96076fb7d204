// The content script: finds the Python files of a pull request's "Files changed" page
// (through adapter.js), asks the service worker to annotate them, and shows the
// annotations under the lines they are about, with a summary badge in each file's header.
//
// Security: everything that comes from the page or from the analysis (paths, code,
// messages, suggestions) is inserted with textContent, never as HTML; links are set only
// to https URLs. No innerHTML, insertAdjacentHTML or outerHTML anywhere in this file.

(() => {
  "use strict";

  const adapter = globalThis.py3portReviewAdapter;
  if (adapter === undefined || globalThis.py3portReviewStarted) return;
  globalThis.py3portReviewStarted = true;

  const PYTHON_PATH = /\.(py|pyw)$/i;
  const PYTHON_SHEBANG = /^#!.*\bpython[0-9.]*\b/;

  /** Results by path, once the worker answered (or failed). */
  const results = new Map();
  /** Paths whose request is on its way. */
  const pending = new Set();

  function isPython(file) {
    if (PYTHON_PATH.test(file.path)) return true;
    const first = file.rows.find((row) => row.newLine === 1);
    return first !== undefined && PYTHON_SHEBANG.test(first.text);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeUrl(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }

  function columns(row) {
    let count = 0;
    for (const cell of row.cells) count += cell.colSpan || 1;
    return Math.max(count, 1);
  }

  /** One annotation as a table row under the line it is about. */
  function annotationRow(annotation, span) {
    const tr = element("tr", "py3port-annotation");
    tr.dataset.py3portCode = String(annotation.code);
    tr.dataset.py3portLine = String(annotation.line);
    const td = element("td", "py3port-annotation-cell");
    td.colSpan = span;
    const box = element("div", `py3port-box py3port-severity-${String(annotation.severity).replace(/[^a-z]/g, "")}`);
    const head = element("div", "py3port-head");
    const docs = safeUrl(annotation.docsUrl);
    const code = element(docs === null ? "span" : "a", "py3port-code", annotation.code);
    if (docs !== null) {
      code.href = docs;
      code.target = "_blank";
      code.rel = "noopener noreferrer";
      code.title = `${annotation.name}: rule documentation`;
    }
    head.append(code, element("span", "py3port-message", annotation.message));
    box.append(head);
    if (annotation.note) box.append(element("div", "py3port-note", annotation.note));
    const fix = annotation.fix;
    if (fix) {
      const fixBox = element("div", "py3port-fix");
      const label = fix.applicability === "safe" ? "Suggested fix" : fix.applicability === "unsafe" ? "Suggested fix (may change behaviour)" : "Suggestion";
      fixBox.append(element("div", "py3port-fix-title", `${label}: ${fix.title}`));
      if (Array.isArray(fix.replacement)) fixBox.append(element("pre", "py3port-suggestion", fix.replacement.join("\n")));
      else if (fix.reason) fixBox.append(element("div", "py3port-fix-reason", `Not shown as a suggestion: ${fix.reason}`));
      box.append(fixBox);
    }
    td.append(box);
    tr.append(td);
    return tr;
  }

  function badgeText(result) {
    if (result.error) return "py3port: error";
    if (result.analysed === "none") return "py3port: not analysed";
    const count = result.annotations.length;
    return count === 0 ? "py3port: no issues" : `py3port: ${count} issue${count === 1 ? "" : "s"}`;
  }

  /** Renders (or re-renders, after the page replaced its rows) one file's result. */
  function render(file, result) {
    const signature = `${result.annotations.length}:${file.rows.length}`;
    const existing = file.badgeHost.querySelector(":scope > .py3port-badge");
    const rendered = file.table.querySelectorAll("tr.py3port-annotation").length;
    const wanted = result.annotations.filter((a) => findRow(file, a) !== null).length;
    if (existing !== null && existing.dataset.py3portSignature === signature && rendered === wanted) return;
    for (const old of file.table.querySelectorAll("tr.py3port-annotation")) old.remove();
    existing?.remove();

    const badge = element("span", "py3port-badge", badgeText(result));
    badge.dataset.py3portSignature = signature;
    badge.dataset.py3portCount = String(result.annotations.length);
    badge.dataset.py3portAnalysed = String(result.analysed ?? "none");
    const severities = new Set(result.annotations.map((a) => a.severity));
    const tone = result.error || result.analysed === "none" ? "muted" : severities.has("error") ? "error" : result.annotations.length > 0 ? "warning" : "clean";
    badge.classList.add(`py3port-badge-${tone}`);
    const why = result.error ?? result.reason;
    badge.title = why ? `${file.path}: ${why}` : `${file.path}: analysed by py3port in your browser`;
    file.badgeHost.append(badge);

    // Rows under the same line keep their order: insert after the previous annotation row.
    const after = new Map();
    for (const annotation of result.annotations) {
      const row = findRow(file, annotation);
      if (row === null) continue;
      const node = annotationRow(annotation, columns(row));
      const anchor = after.get(row) ?? row;
      anchor.after(node);
      after.set(row, node);
    }
  }

  function findRow(file, annotation) {
    const line = annotation.commentRange?.line ?? annotation.line;
    const match = file.rows.find((row) => row.newLine === line) ?? file.rows.find((row) => row.newLine === annotation.line);
    return match?.row ?? null;
  }

  async function request(context, sha, files) {
    for (const file of files) pending.add(file.path);
    let response;
    try {
      response = await chrome.runtime.sendMessage({
        type: "py3port-review/annotate",
        owner: context.owner,
        repo: context.repo,
        sha,
        files: files.map(adapter.serializable),
      });
    } catch (error) {
      response = { error: String(error?.message ?? error) };
    }
    for (const file of files) {
      pending.delete(file.path);
      const result = response?.files?.find((candidate) => candidate.path === file.path);
      results.set(file.path, result ?? { path: file.path, analysed: "none", annotations: [], error: response?.error ?? "no answer" });
    }
    scan();
  }

  function scan() {
    const context = adapter.pageContext(location);
    if (context === null) return;
    const files = adapter.findFiles(document).filter(isPython);
    const fresh = [];
    for (const file of files) {
      const result = results.get(file.path);
      if (result !== undefined) render(file, result);
      else if (!pending.has(file.path) && file.rows.length > 0) fresh.push(file);
    }
    if (fresh.length > 0) void request(context, adapter.headSha(document), fresh);
  }

  let timer = null;
  const schedule = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      scan();
    }, 150);
  };
  // GitHub loads files progressively and navigates without reloading (Turbo): rescan on
  // changes, ignoring the ones this script makes.
  new MutationObserver((records) => {
    const ours = (node) => node.nodeType === 1 && (node.classList.contains("py3port-annotation") || node.classList.contains("py3port-badge"));
    if (records.every((record) => [...record.addedNodes, ...record.removedNodes].every(ours))) return;
    schedule();
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("turbo:load", () => {
    results.clear();
    schedule();
  });
  scan();
})();
