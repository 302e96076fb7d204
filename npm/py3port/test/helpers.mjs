// What the package's tests share: the repository's files, the native CLI to compare with,
// and a JavaScript consumer that applies the edits `analyze()` returns.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { analyze } from "py3port";

export const repo = fileURLToPath(new URL("../../../", import.meta.url));

let cliPath;

/** The native `py3port` binary: $PY3PORT_CLI, or the workspace's debug build (built if needed). */
function cliBinary() {
  if (cliPath !== undefined) return cliPath;
  if (process.env.PY3PORT_CLI) return (cliPath = process.env.PY3PORT_CLI);
  execFileSync("cargo", ["build", "-q", "--locked", "-p", "py3port-cli"], { cwd: repo, stdio: "inherit" });
  const metadata = JSON.parse(
    execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--locked"], { cwd: repo, encoding: "utf8" }),
  );
  return (cliPath = join(metadata.target_directory, "debug", "py3port"));
}

/** An empty folder, so that the CLI finds no configuration. */
const emptyDir = mkdtempSync(join(tmpdir(), "py3port-js-"));

/** What `py3port check - --fix [--unsafe-fixes]` prints for `text`: the fixed text. */
export function cliFix(text, { unsafe = false } = {}) {
  const args = ["check", "-", "--fix", ...(unsafe ? ["--unsafe-fixes"] : [])];
  const result = spawnSync(cliBinary(), args, { input: text, cwd: emptyDir, encoding: "utf8" });
  if (result.status !== 0 && result.status !== 1) throw new Error(`py3port failed: ${result.stderr}`);
  return result.stdout;
}

/** What `py3port check - --output-format json` reports for `text`. */
export function cliDiagnostics(text) {
  const args = ["check", "-", "--output-format", "json"];
  const result = spawnSync(cliBinary(), args, { input: text, cwd: emptyDir, encoding: "utf8" });
  if (result.status !== 0 && result.status !== 1) throw new Error(`py3port failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Applies edits given in UTF-16 offsets of `text`, as any JavaScript editor would. */
export function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => b.from - a.from || b.to - a.to);
  for (const edit of sorted) text = text.slice(0, edit.from) + edit.newText + text.slice(edit.to);
  return text;
}

const sameEdit = (a, b) => a.from === b.from && a.to === b.to && a.newText === b.newText;
const overlap = (a, b) => (a.from < b.to && b.from < a.to) || (a.from === a.to && b.from === b.to && a.from === b.from);

/**
 * Fixes `text` the way a JavaScript consumer of `analyze()` would: take the applicable
 * fixes in order, skip any whose edits overlap an edit already taken (identical edits,
 * such as one import two fixes add, are shared), apply them, analyse again, until no fix
 * is left.
 */
export function fixLikeAConsumer(text, { unsafe = false, options } = {}) {
  for (let round = 0; round < 10; round++) {
    const fixable = analyze(text, options).filter(
      (d) => d.fix && (d.fix.applicability === "safe" || (unsafe && d.fix.applicability === "unsafe")),
    );
    fixable.sort((a, b) => a.fix.edits[0].from - b.fix.edits[0].from || a.fix.edits[0].to - b.fix.edits[0].to);
    const taken = [];
    for (const diagnostic of fixable) {
      const edits = diagnostic.fix.edits;
      if (edits.some((edit) => taken.some((other) => !sameEdit(edit, other) && overlap(edit, other)))) continue;
      for (const edit of edits) if (!taken.some((other) => sameEdit(edit, other))) taken.push(edit);
    }
    if (taken.length === 0) return text;
    text = applyEdits(text, taken);
  }
  return text;
}

