// py3port without a binary: the WebAssembly analyzer of the `py3port` npm package, run in
// the extension host (a web worker on vscode.dev and github.dev). Diagnostics, a quick
// fix per fixable diagnostic and `source.fixAll.py3port`, as the language server gives
// them; the settings are the same `py3port.*` keys.

import * as vscode from "vscode";
import type * as Py3port from "py3port";

import { FIX_ALL_KIND, hiddenBySettings } from "./client";
import { SECTION, type ServerSettings, clientSettings, serverSettingsFor } from "./settings";

/** What the extension uses of the npm package. */
export type Analyzer = Pick<typeof Py3port, "Document" | "fix" | "version">;

const SEVERITIES: Record<Py3port.Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function range(value: Py3port.Range): vscode.Range {
  return new vscode.Range(value.start.line, value.start.character, value.end.line, value.end.character);
}

/** A diagnostic as the language server sends it (crates/py3port-lsp/src/convert.rs). */
export function toDiagnostic(finding: Py3port.Diagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range(finding.range), finding.message, SEVERITIES[finding.severity]);
  diagnostic.source = "py3port";
  diagnostic.code = { value: finding.code, target: vscode.Uri.parse(finding.url) };
  // Removed builtins, methods and modules are deprecated APIs; editors strike them out.
  if (finding.family === "builtins" || finding.family === "stdlib") diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
  return diagnostic;
}

/** How a fix is labelled, as the language server labels it. */
export function fixTitle(fix: Py3port.Fix): string {
  if (fix.applicability === "unsafe") return `${fix.title} (unsafe: may change behaviour)`;
  if (fix.applicability === "display-only") return `${fix.title} (suggestion: review before keeping)`;
  return fix.title;
}

/** The smallest single edit that turns `before` into `after` (the rest of the text, and the cursors in it, stay). */
export function minimalEdit(before: string, after: string): { from: number; to: number; insert: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end += 1;
  }
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

interface Open {
  document: Py3port.Document;
  findings: Py3port.Diagnostic[];
}

/** The analyzer's documents, one per open Python editor document. */
export class WasmLinter implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix.append("py3port"), vscode.CodeActionKind.Source.append("fixAll").append("py3port")];

  readonly #analyzer: Analyzer;
  /** The analyzer's setting keys. */
  readonly keys: readonly string[];
  readonly #log: vscode.LogOutputChannel;
  readonly #collection: vscode.DiagnosticCollection;
  readonly #open = new Map<string, Open>();
  /** Settings errors already shown, so each is shown once. */
  readonly #shown = new Set<string>();

  constructor(analyzer: Analyzer, keys: readonly string[], log: vscode.LogOutputChannel) {
    this.#analyzer = analyzer;
    this.keys = keys;
    this.#log = log;
    this.#collection = vscode.languages.createDiagnosticCollection("py3port");
  }

  /** The options for a document; invalid ones are reported once and left out. */
  #options(uri: vscode.Uri): ServerSettings {
    return serverSettingsFor(this.keys, uri);
  }

  #report(error: unknown): void {
    const message = `py3port: ${error instanceof Error ? error.message : String(error)}`;
    this.#log.warn(message);
    if (!this.#shown.has(message)) {
      this.#shown.add(message);
      void vscode.window.showWarningMessage(message);
    }
  }

  #create(text: string, uri: vscode.Uri): Py3port.Document {
    try {
      return new this.#analyzer.Document(text, this.#options(uri));
    } catch (error) {
      this.#report(error);
      return new this.#analyzer.Document(text);
    }
  }

  #publish(uri: vscode.Uri, open: Open): void {
    try {
      open.findings = open.document.diagnostics();
    } catch (error) {
      this.#report(error);
      open.findings = [];
    }
    this.#collection.set(uri, open.findings.map(toDiagnostic));
  }

  /** Whether py3port looks at this document. */
  handles(document: vscode.TextDocument): boolean {
    return document.languageId === "python" && clientSettings(document.uri).enable;
  }

  opened(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.handles(document)) {
      this.closed(document);
      return;
    }
    this.#open.get(key)?.document.dispose();
    const open: Open = { document: this.#create(document.getText(), document.uri), findings: [] };
    this.#open.set(key, open);
    this.#publish(document.uri, open);
  }

  changed(event: vscode.TextDocumentChangeEvent): void {
    const open = this.#open.get(event.document.uri.toString());
    if (open === undefined) {
      this.opened(event.document);
      return;
    }
    if (event.contentChanges.length === 0) return;
    // Each change is in the coordinates of the text the previous ones produced, as LSP's
    // incremental sync sends them; the text is compared afterwards all the same.
    open.document.update(
      event.contentChanges.map((change) => ({ from: change.rangeOffset, to: change.rangeOffset + change.rangeLength, insert: change.text })),
    );
    const text = event.document.getText();
    if (open.document.text !== text) {
      this.#log.warn(`Resynchronising ${event.document.uri.toString()} with the editor's text.`);
      open.document.setText(text);
    }
    this.#publish(event.document.uri, open);
  }

  closed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.#open.get(key)?.document.dispose();
    this.#open.delete(key);
    this.#collection.delete(document.uri);
  }

  /** Applies new settings to every open document. */
  refresh(documents: readonly vscode.TextDocument[]): void {
    this.#shown.clear();
    for (const document of documents) {
      if (this.#open.has(document.uri.toString()) || this.handles(document)) this.opened(document);
    }
  }

  findings(uri: vscode.Uri): readonly Py3port.Diagnostic[] {
    return this.#open.get(uri.toString())?.findings ?? [];
  }

  /** The whole-file safe fix as one edit, or `undefined` when nothing changes. */
  fixAllEdit(document: vscode.TextDocument): vscode.WorkspaceEdit | undefined {
    const text = document.getText();
    let output: string;
    try {
      output = this.#analyzer.fix(text, { ...this.#options(document.uri), unsafeFixes: false }).output;
    } catch (error) {
      this.#report(error);
      return undefined;
    }
    const edit = minimalEdit(text, output);
    if (edit === undefined) return undefined;
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.from), document.positionAt(edit.to)), edit.insert);
    return workspaceEdit;
  }

  provideCodeActions(document: vscode.TextDocument, requested: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const wanted = (kind: vscode.CodeActionKind): boolean => context.only === undefined || context.only.contains(kind);
    const settings = clientSettings(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.findings(document.uri)) {
      const fix = finding.fix;
      const where = range(finding.range);
      if (fix === null || where.intersection(requested) === undefined) continue;
      const kind = vscode.CodeActionKind.QuickFix.append("py3port").append(finding.code);
      if (!wanted(kind)) continue;
      const action = new vscode.CodeAction(`${finding.code}: ${fixTitle(fix)}`, kind);
      action.diagnostics = [toDiagnostic(finding)];
      action.isPreferred = fix.applicability === "safe";
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) action.edit.replace(document.uri, range(edit.range), edit.newText);
      actions.push(action);
    }
    const fixAllKind = vscode.CodeActionKind.Source.append("fixAll").append("py3port");
    const hasSafeFix = this.findings(document.uri).some((finding) => finding.fix?.applicability === "safe");
    if (hasSafeFix && wanted(fixAllKind) && !hiddenBySettings(FIX_ALL_KIND, settings)) {
      const edit = this.fixAllEdit(document);
      if (edit !== undefined) {
        const action = new vscode.CodeAction("py3port: fix all safely fixable problems", fixAllKind);
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }

  dispose(): void {
    for (const open of this.#open.values()) open.document.dispose();
    this.#open.clear();
    this.#collection.dispose();
  }
}

/** Hooks the linter to the editor's documents, settings and commands. */
export function register(linter: WasmLinter, analyzer: Analyzer, log: vscode.LogOutputChannel, extensionVersion: string): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: "python" };
  for (const document of vscode.workspace.textDocuments) linter.opened(document);
  return [
    linter,
    vscode.workspace.onDidOpenTextDocument((document) => linter.opened(document)),
    vscode.workspace.onDidChangeTextDocument((event) => linter.changed(event)),
    vscode.workspace.onDidCloseTextDocument((document) => linter.closed(document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) linter.refresh(vscode.workspace.textDocuments);
    }),
    vscode.languages.registerCodeActionsProvider(selector, linter, { providedCodeActionKinds: WasmLinter.kinds }),
    vscode.commands.registerCommand("py3port.restart", () => {
      log.info("Re-analysing every open document.");
      linter.refresh(vscode.workspace.textDocuments);
    }),
    vscode.commands.registerCommand("py3port.showLogs", () => log.show()),
    vscode.commands.registerCommand("py3port.executeAutofix", async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (document === undefined || document.languageId !== "python") return;
      const edit = linter.fixAllEdit(document);
      if (edit !== undefined) await vscode.workspace.applyEdit(edit);
    }),
    vscode.commands.registerCommand("py3port.showDebugInformation", async () => {
      const document = vscode.window.activeTextEditor?.document;
      const lines = [
        `py3port extension ${extensionVersion} (browser: WebAssembly analyzer, no language server), VS Code ${vscode.version}`,
        `analyzer: py3port ${analyzer.version()}`,
        `analyzer settings for the window: ${JSON.stringify(serverSettingsFor(linter.keys))}`,
      ];
      if (document !== undefined) {
        lines.push(
          `document: ${document.uri.toString()}`,
          `settings: ${JSON.stringify(serverSettingsFor(linter.keys, document.uri))}`,
          `diagnostics: ${linter.findings(document.uri).length}`,
        );
      }
      const shown = await vscode.workspace.openTextDocument({ content: lines.join("\n"), language: "plaintext" });
      await vscode.window.showTextDocument(shown);
    }),
  ];
}
