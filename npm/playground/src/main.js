// The playground: a CodeMirror editor kept in sync with a py3port `Document` (incremental
// re-analysis on every change), its diagnostics through CodeMirror's lint extension with
// the fixes as quick-fix actions, the problems and the rules' documentation beside it, and
// the fixed output as a side-by-side diff. Every call into py3port is guarded: an error
// (an invalid option, or an internal one) is shown on the page, never thrown at it.

import { python } from "@codemirror/lang-python";
import { forceLinting, lintGutter, linter } from "@codemirror/lint";
import { MergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { Document, fix, init, ruleDocs, rules, settings, version } from "py3port";

import { renderMarkdown } from "./markdown.js";
import sample from "./sample.py?raw";

const $ = (id) => document.getElementById(id);

// Errors by where they come from: an options error stays until the options are valid, an
// analysis error until the next analysis succeeds.
const errors = new Map();

function showError(error, kind = "analysis") {
  if (error === null) errors.delete(kind);
  else errors.set(kind, String(error instanceof Error ? error.message : error));
  const banner = $("error");
  banner.hidden = errors.size === 0;
  banner.textContent = [...errors.values()].join("\n");
}

/** Runs `action`, showing its error on the page instead of throwing. */
function guard(action, fallback, kind = "analysis") {
  try {
    return action();
  } catch (error) {
    showError(error, kind);
    return fallback;
  }
}

await init();

// Options: the selects give the common ones, the JSON field any key of the settings table.
const targetSelect = $("targetVersion");
const versions = /"py3(\d+)" \.\.\. "py3(\d+)"/.exec(settings().find((s) => s.key === "targetVersion")?.type ?? "");
for (let minor = Number(versions?.[1] ?? 6); minor <= Number(versions?.[2] ?? 14); minor++) {
  targetSelect.add(new Option(`py3${minor}`, `py3${minor}`, false, minor === 12));
}

function readOptions() {
  const options = {};
  for (const select of document.querySelectorAll("[data-option]")) options[select.dataset.option] = select.value;
  const more = $("moreOptions").value.trim();
  if (more !== "") {
    let parsed;
    try {
      parsed = JSON.parse(more);
    } catch (error) {
      throw new Error(`More options: not JSON: ${error.message}`);
    }
    Object.assign(options, parsed);
  }
  return options;
}

let options = guard(readOptions, {}, "options");
const pyDocument = new Document(sample, options);
const unsafeFixes = () => $("unsafeFixes").checked;

// The text the last diagnostics were computed for (CodeMirror texts are immutable, so
// identity tells whether a quick fix's offsets still hold).
let lintedText = null;

/** Keeps the py3port document equal to the editor's text, change by change. */
const sync = EditorView.updateListener.of((update) => {
  if (!update.docChanged) return;
  const changes = [];
  update.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: inserted.toString() });
  });
  // The changes all refer to the old text: applied from last to first, each one's offsets
  // still hold.
  changes.reverse();
  guard(() => pyDocument.update(changes));
});

const severities = { error: "error", warning: "warning", info: "info", hint: "hint" };

function quickFix(diagnostic) {
  const fixToApply = diagnostic.fix;
  if (fixToApply === null || fixToApply.applicability === "display-only") return [];
  return [
    {
      name: fixToApply.applicability === "safe" ? fixToApply.title : `${fixToApply.title} (unsafe)`,
      apply(view) {
        if (view.state.doc !== lintedText) {
          // The text changed since: analyse it again rather than apply stale offsets.
          forceLinting(view);
          return;
        }
        view.dispatch({
          changes: fixToApply.edits.map((edit) => ({ from: edit.from, to: edit.to, insert: edit.newText })),
          userEvent: "input.py3port.fix",
        });
      },
    },
  ];
}

function renderDiagnostic(diagnostic) {
  const element = document.createElement("span");
  const code = element.appendChild(document.createElement("span"));
  code.className = "rule-code";
  code.textContent = diagnostic.code;
  element.append(diagnostic.message);
  const explain = element.appendChild(document.createElement("a"));
  explain.className = "rule-link";
  explain.href = diagnostic.url;
  explain.textContent = "explain";
  explain.addEventListener("click", (event) => {
    event.preventDefault();
    void showDocs(diagnostic.code);
  });
  return element;
}

let currentDiagnostics = [];

const py3portLinter = linter(
  (view) => {
    const start = performance.now();
    const diagnostics = guard(() => {
      const result = pyDocument.diagnostics();
      showError(null);
      return result;
    }, []);
    const elapsed = performance.now() - start;
    lintedText = view.state.doc;
    currentDiagnostics = diagnostics;
    renderProblems(diagnostics);
    const dialect = guard(() => pyDocument.dialect(), "?");
    $("status").textContent =
      `${diagnostics.length} diagnostic${diagnostics.length === 1 ? "" : "s"} · ` +
      `${diagnostics.filter((d) => d.fix !== null && d.fix.applicability !== "display-only").length} fixable · ` +
      `dialect: ${dialect} · ${elapsed.toFixed(1)} ms`;
    scheduleDiff();
    return diagnostics.map((diagnostic) => ({
      from: diagnostic.from,
      to: diagnostic.to,
      severity: severities[diagnostic.severity] ?? "error",
      source: diagnostic.code,
      message: `${diagnostic.code} ${diagnostic.message}`,
      renderMessage: () => renderDiagnostic(diagnostic),
      actions: quickFix(diagnostic),
    }));
  },
  { delay: 120 },
);

const view = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: sample,
    extensions: [basicSetup, python(), lintGutter(), py3portLinter, sync],
  }),
});

// The problems list: each finding with its place, a fix button, and its documentation.
function renderProblems(diagnostics) {
  $("count").textContent = String(diagnostics.length);
  const list = $("problems");
  list.replaceChildren(
    ...diagnostics.map((diagnostic, index) => {
      const item = document.createElement("li");
      item.dataset.code = diagnostic.code;
      item.dataset.index = String(index);
      const where = item.appendChild(document.createElement("span"));
      where.className = "where";
      // LSP positions are 0-based; people count from 1.
      where.textContent = `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
      const code = item.appendChild(document.createElement("span"));
      code.className = `code ${diagnostic.severity}`;
      code.textContent = `${diagnostic.code} ${diagnostic.name}`;
      const action = quickFix(diagnostic)[0];
      if (action) {
        const button = item.appendChild(document.createElement("button"));
        button.type = "button";
        button.textContent = "Fix";
        button.title = action.name;
        button.dataset.testid = "quick-fix";
        button.addEventListener("click", (event) => {
          event.stopPropagation();
          action.apply(view);
          view.focus();
        });
      }
      const message = item.appendChild(document.createElement("span"));
      message.className = "message";
      message.textContent = diagnostic.message;
      item.addEventListener("click", () => {
        for (const other of list.children) other.classList.toggle("selected", other === item);
        view.dispatch({ selection: { anchor: diagnostic.from, head: diagnostic.to }, scrollIntoView: true });
        view.focus();
        void showDocs(diagnostic.code);
      });
      return item;
    }),
  );
}

// The rules' documentation, loaded on demand (the first time, rules-docs.json).
async function showDocs(code) {
  const panel = $("docs");
  try {
    const meta = rules().find((rule) => rule.code === code);
    const markdown = await ruleDocs(code);
    panel.innerHTML =
      `<h2><code>${code}</code> ${meta?.name ?? ""}</h2>` +
      `<p class="hint">${meta?.family ?? ""} · default severity ${meta?.severity ?? ""} · fix ${meta?.fixAvailability ?? ""}</p>` +
      renderMarkdown(markdown);
    panel.dataset.rule = code;
  } catch (error) {
    showError(error);
  }
}

const allRules = rules();
function renderRules(filter) {
  const needle = filter.trim().toLowerCase();
  $("ruleList").replaceChildren(
    ...allRules
      .filter((rule) => needle === "" || `${rule.code} ${rule.name} ${rule.summary}`.toLowerCase().includes(needle))
      .map((rule) => {
        const item = document.createElement("li");
        const code = item.appendChild(document.createElement("span"));
        code.className = "code";
        code.textContent = rule.code;
        item.append(`${rule.name} — ${rule.summary}`);
        item.addEventListener("click", () => void showDocs(rule.code));
        return item;
      }),
  );
}
renderRules("");
$("ruleFilter").addEventListener("input", (event) => renderRules(event.target.value));

for (const tab of document.querySelectorAll("[data-tab]")) {
  tab.addEventListener("click", () => {
    for (const other of document.querySelectorAll("[data-tab]")) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      $(other.dataset.tab).hidden = !selected;
    }
  });
}

// The fixed output beside the code, as `py3port check --fix` (with the checkbox,
// `--unsafe-fixes`) writes it.
const readOnly = [basicSetup, python(), EditorState.readOnly.of(true), EditorView.editable.of(false)];
const diff = new MergeView({
  parent: $("diff"),
  a: { doc: sample, extensions: readOnly },
  b: { doc: sample, extensions: readOnly },
  collapseUnchanged: { margin: 2, minSize: 4 },
  gutter: true,
});

function replaceText(editor, text) {
  if (editor.state.doc.toString() !== text) {
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  }
}

let diffTimer;
function scheduleDiff() {
  clearTimeout(diffTimer);
  diffTimer = setTimeout(updateDiff, 150);
}

function updateDiff() {
  const text = view.state.doc.toString();
  const result = guard(() => fix(text, { ...options, unsafeFixes: unsafeFixes() }), null);
  if (result === null) return;
  replaceText(diff.a, text);
  replaceText(diff.b, result.output);
  $("diff").dataset.applied = String(result.applied);
}

$("fixAll").addEventListener("click", () => {
  const text = view.state.doc.toString();
  const result = guard(() => fix(text, { ...options, unsafeFixes: unsafeFixes() }), null);
  if (result === null) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: result.output }, userEvent: "input.py3port.fixAll" });
});

// Enter in the JSON field would submit the form, that is reload the page: apply instead.
$("options").addEventListener("submit", (event) => {
  event.preventDefault();
  $("options").dispatchEvent(new Event("change"));
});

$("options").addEventListener("change", () => {
  guard(
    () => {
      const next = readOptions();
      pyDocument.setOptions(next);
      options = next;
      showError(null, "options");
    },
    undefined,
    "options",
  );
  forceLinting(view);
  scheduleDiff();
});

$("footer").textContent = `py3port ${version()} · analysis in WebAssembly, in this page · ${allRules.length} rules`;

// Anything that still escapes is shown, not lost.
window.addEventListener("error", (event) => showError(event.error ?? event.message, "page"));
window.addEventListener("unhandledrejection", (event) => showError(event.reason, "page"));

// For the end-to-end test and the curious: the editor and the document.
window.py3portPlayground = { view, diff, pyDocument, diagnostics: () => currentDiagnostics };
