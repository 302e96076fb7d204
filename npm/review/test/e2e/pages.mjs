// Fixture pages for the end-to-end test: a pull request's "Files changed" page in
// GitHub's two structures, rendered from a unified diff. The markup reproduces the
// structure documented by projects that track GitHub's pages (extension/SELECTORS.md
// lists each element with its source), not what the adapter happens to read: it carries
// the surrounding elements, classes and attributes those sources show, including ones
// the adapter ignores (comment buttons, markers, ids, the old side's cells).
//
// Code is HTML-escaped here, as GitHub escapes it server-side: the page shows the text
// `<img src=x onerror=...>`, and only a content script that inserted it as HTML would run it.

import { createHash } from "node:crypto";

import { parseDiff } from "../../dist/index.js";

const escape = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const anchor = (path) => `diff-${createHash("sha256").update(path).digest("hex")}`;

function shell(title, body, head = "") {
  return `<!DOCTYPE html>
<html lang="en" data-color-mode="light"><head><meta charset="utf-8"><title>${escape(title)}</title>${head}
<style>body{font:14px sans-serif;margin:16px}table{border-collapse:collapse;width:100%}td{font:12px monospace;padding:0 8px;vertical-align:top}
.blob-code-addition,.addition{background:#e6ffec}.blob-code-deletion,.deletion{background:#ffebe9}.blob-code-hunk,.hunk{background:#ddf4ff}
.file,[role=region]{border:1px solid #d0d7de;margin:12px 0}.file-header,[class*=DiffFileHeader-module__diff-file-header]{background:#f6f8fa;padding:6px 8px;display:flex;gap:8px;align-items:center}
h3{margin:0;font-size:14px}
.blob-code-inner,.diff-text-inner{white-space:pre}</style></head>
<body class="logged-in env-production page-responsive">${body}</body></html>`;
}

/** The classic server-rendered page (`div.file` > `.file-header` + `table.diff-table`). */
export function classicPage(diffText, { headSha, title = "Port the store" }) {
  let files = "";
  for (const file of parseDiff(diffText)) {
    const path = file.newPath ?? file.oldPath;
    const id = anchor(path);
    const type = /\.[^./]+$/.exec(path)?.[0] ?? "";
    let rows = "";
    for (const hunk of file.hunks) {
      rows += `<tr class="js-expandable-line js-skip-tagsearch" data-position="0"><td class="blob-num blob-num-expandable" colspan="2"><a href="#${id}" class="js-expand directional-expander single-expander" aria-label="Expand Up" data-url="/octo/demo/blob_excerpt/${"0".repeat(40)}?diff=unified"><svg aria-hidden="true" class="octicon octicon-fold-up" width="16" height="16"></svg></a></td><td class="blob-code blob-code-inner blob-code-hunk">@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ ${escape(hunk.section)}</td></tr>\n`;
      for (const line of hunk.lines) {
        const cls = line.kind === "add" ? "addition" : line.kind === "delete" ? "deletion" : "context";
        const marker = line.kind === "add" ? "+" : line.kind === "delete" ? "-" : " ";
        const left = line.oldLine === null ? `<td class="blob-num blob-num-${cls} empty-cell"></td>` : `<td id="${id}L${line.oldLine}" data-line-number="${line.oldLine}" class="blob-num blob-num-${cls} js-linkable-line-number"></td>`;
        const right = line.newLine === null ? `<td class="blob-num blob-num-${cls} empty-cell"></td>` : `<td id="${id}R${line.newLine}" data-line-number="${line.newLine}" class="blob-num blob-num-${cls} js-linkable-line-number js-blob-rnum"></td>`;
        const button = `<button type="button" class="btn-link add-line-comment js-add-line-comment js-add-single-line-comment" data-path="${escape(path)}" data-anchor="${id}" data-position="${line.position}" data-side="${line.kind === "delete" ? "left" : "right"}" data-line="${line.newLine ?? line.oldLine}" aria-label="Add line comment">+</button>`;
        rows += `<tr data-hunk="${id.slice(5, 20)}">${left}${right}<td class="blob-code blob-code-${cls} js-file-line">${button}<span class="blob-code-inner blob-code-marker js-code-nav-pass" data-code-marker="${marker}">${escape(line.text)}</span></td></tr>\n`;
      }
    }
    const body = file.binary
      ? `<div class="data highlight empty">Binary file not shown.</div>`
      : `<div class="data highlight js-blob-wrapper" style="overflow-x: auto"><table class="diff-table js-diff-table tab-size" data-tab-size="8" data-diff-anchor="${id}" data-paste-markdown-skip><tbody>\n${rows}</tbody></table></div>`;
    files += `
<div class="file js-file js-details-container js-targetable-element show-inline-notes Details Details--on open" data-details-container-group="file" data-file-type="${escape(type)}" data-file-deleted="${file.status === "deleted"}" data-tagsearch-path="${escape(path)}" data-tagsearch-lang="Python" id="${id}">
  <div class="file-header d-flex flex-md-row flex-column flex-md-items-center file-header--expandable js-file-header js-skip-tagsearch sticky-file-header js-position-sticky" data-path="${escape(path)}" data-short-path="${id.slice(5, 12)}" data-anchor="${id}" data-file-type="${escape(type)}" data-file-deleted="${file.status === "deleted"}">
    <div class="file-info flex-auto min-width-0 mb-md-0 mb-2">
      <button type="button" class="btn-octicon js-details-target" aria-label="Toggle diff contents" aria-expanded="true"><svg aria-hidden="true" class="octicon octicon-chevron-down" width="16" height="16"></svg></button>
      <span class="sr-only">${file.hunks.reduce((n, h) => n + h.lines.length, 0)} changes: </span>
      <span class="Truncate"><a title="${escape(path)}" class="Link--primary Truncate-text" href="#${id}">${escape(file.status === "renamed" ? `${file.oldPath} → ${path}` : path)}</a></span>
    </div>
    <div class="file-actions pt-0 mb-md-0 mb-2 ml-md-2 flex-shrink-0 flex-md-justify-end"><label class="js-reviewed-toggle"><input type="checkbox" name="viewed" class="mr-1 js-reviewed-checkbox">Viewed</label></div>
  </div>
  <div class="js-file-content Details-content--hidden-not-important">${body}</div>
</div>`;
  }
  const body = `
<div class="application-main"><main id="js-repo-pjax-container">
<div id="files_bucket" class="files-bucket pull-request-tab-content is-visible js-multi-line-comments-enabled">
  <div class="pr-toolbar js-sticky js-position-sticky"><h1 class="gh-header-title">${escape(title)}</h1></div>
  <div id="files" class="diff-view js-diff-container js-code-nav-container" data-hpc>
    <div class="js-diff-progressive-container">${files}
    </div>
  </div>
  <form class="js-inline-comment-form" action="/octo/demo/pull/1/review_comment/create" method="post">
    <input type="hidden" name="comparison_start_oid" value="${"1".repeat(40)}">
    <input type="hidden" name="comparison_end_oid" value="${escape(headSha ?? "")}">
  </form>
</div></main></div>`;
  return shell(`${title} by octo · Pull Request #1 · octo/demo`, body);
}

/** The React page (`div[role=region][id^=diff-]` > `DiffFileHeader-module` header + `table[aria-label="Diff for: ..."]`). */
export function reactPage(diffText, { headSha, title = "Port the store" }) {
  let files = "";
  for (const file of parseDiff(diffText)) {
    const path = file.newPath ?? file.oldPath;
    const id = anchor(path);
    let rows = "";
    for (const hunk of file.hunks) {
      rows += `<tr class="diff-line-row"><td class="diff-hunk-cell" colspan="2"><button class="ExpandButton-module__expandButton" aria-label="Expand file up from line ${hunk.newStart}"></button></td><td class="diff-text-cell hunk-cell" data-diff-side="right"><code class="diff-text-cell hunk"><div class="diff-text-inner color-fg-muted">@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ ${escape(hunk.section)}</div></code></td></tr>\n`;
      for (const line of hunk.lines) {
        const cls = line.kind === "add" ? " addition" : line.kind === "delete" ? " deletion" : "";
        const marker = line.kind === "add" ? "+" : line.kind === "delete" ? "-" : "";
        const number = (side, n) => `<td class="new-diff-line-number${n === null ? " empty-diff-line" : ""}" data-diff-side="${side}"${n === null ? "" : ` data-line-number="${n}"`} role="gridcell" tabindex="-1"><code>${n ?? ""}</code></td>`;
        const side = line.kind === "delete" ? "left" : "right";
        const n = line.newLine ?? line.oldLine;
        rows += `<tr class="diff-line-row">${number("left", line.oldLine)}${number("right", line.newLine)}<td class="diff-text-cell ${side}-side-diff-cell" data-diff-side="${side}" data-line-number="${n}" data-line-anchor="${id}${side === "left" ? "L" : "R"}${n}" role="gridcell" tabindex="-1"><code class="diff-text syntax-highlighted-line${cls}">${marker ? `<span class="diff-text-marker">${marker}</span>` : ""}<div class="diff-text-inner">${escape(line.text)}</div></code></td></tr>\n`;
      }
    }
    files += `
<div class="PullRequestDiffsList-module__diffEntry__djnVa">
  <div role="region" id="${id}" aria-labelledby="heading-${id}" class="Diff-module__diffTargetable__pirZi Diff-module__diff__rx9XH" data-targeted="false">
    <div class="Diff-module__diffHeaderWrapper__UgUyv" data-diff-header-wrapper="true" style="--header-sticky-offset: 0px;">
      <div class="DiffFileHeader-module__diff-file-header__UuNN4" style="height: 42px">
        <div class="d-flex flex-shrink-0"><button data-component="IconButton" type="button" class="prc-Button-ButtonBase-9n-Xk prc-Button-IconButton-fyge7" aria-label="Collapse file: ${escape(path)}"></button></div>
        <div class="d-flex overflow-hidden DiffFileHeader-module__file-path-section__ZcmB1">
          <h3 class="DiffFileHeader-module__file-name__VVXpg DiffFileHeader-module__file-name-truncate__NBVtv" id="heading-${id}"><a class="prc-Link-Link-9ZwDx" href="#${id}"><code>\u200e${escape(path)}\u200e</code></a></h3>
        </div>
        <div class="DiffFileHeader-module__diff-stats__Hn1C7"><span class="fgColor-success">+${file.hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === "add").length, 0)}</span></div>
        <button class="MarkAsViewedButton-module__viewedButton__Kt8E9" type="button">Viewed</button>
      </div>
    </div>
    <div class="border position-relative rounded-bottom-2">${file.binary ? `<div class="p-3">Binary file not shown.</div>` : `
      <table aria-label="Diff for: ${escape(path)}" class="tab-size DiffLines-module__tableLayoutFixed__YZcIr" data-tab-size="8" data-diff-anchor="${id}" data-paste-markdown-skip="true" role="grid">
        <colgroup><col width="40"><col width="40"><col></colgroup>
        <tbody>
${rows}        </tbody>
      </table>`}
    </div>
  </div>
</div>`;
  }
  const data = JSON.stringify({ payload: { pullRequestsChangesRoute: { pullRequest: { number: 1, headRefOid: headSha ?? null } } } });
  const body = `
<div class="application-main"><main>
<react-app app-name="pull-request-changes" initial-path="/octo/demo/pull/1/files">
  <script type="application/json" data-target="react-app.embeddedData">${data.replace(/</g, "\\u003c")}</script>
  <div data-target="react-app.reactRoot">
    <h1 class="prc-PageHeader-Title">${escape(title)}</h1>
    <div data-testid="progressive-diffs-list" class="PullRequestDiffsList-module__diffsList">${files}
    </div>
  </div>
</react-app>
</main></div>`;
  return shell(`${title} by octo · Pull Request #1 · octo/demo`, body);
}
