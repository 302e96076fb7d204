// A TypeScript consumer of the package, type-checked (strict) by package.test.mjs: what a
// user writes compiles, and what the types must refuse is marked @ts-expect-error (which
// fails to compile when the line is accepted).

import { analyze, Document, fix, init, loadRuleDocs, ruleDocs, rules, settings } from "py3port";
import type { Diagnostic, Edit, FixResult, Options, Position, RuleInfo, Severity } from "py3port";

export async function consumer(wasm: Uint8Array, response: Response): Promise<string> {
  await init();
  await init(new URL("https://example.com/py3port.wasm"));
  await init(wasm);
  await init(response);
  await init(fetch("/py3port.wasm"));

  const options: Options = { select: ["PY31"], severity: { PY3101: "warning" }, targetVersion: "py38" };
  const diagnostics: Diagnostic[] = analyze("print 'x'\n", options);
  const first = diagnostics[0];
  const severity: Severity | undefined = first?.severity;
  const position: Position | undefined = first?.range.start;
  const edits: Edit[] = first?.fix?.edits ?? [];
  const offsets: number[] = edits.map((edit) => edit.from + edit.to);
  const result: FixResult = fix("print 'x'\n", { unsafeFixes: true, minConfidence: "medium" });
  const all: RuleInfo[] = rules();
  const keys: string[] = settings().map((setting) => setting.key);
  const docs: string = await ruleDocs(all[0]?.code ?? "PY3101");
  const every: Record<string, string> = (await loadRuleDocs()).rules;

  const document = new Document("print 1\n", { source: "py2" });
  document.update([{ from: 0, to: 5, insert: "print(" }, { from: 7, insert: ")" }]);
  document.update({ from: 0 });
  const line: number = document.positionAt(3).line;
  const offset: number = document.offsetAt({ line: 0, character: 2 });
  document.dispose();

  // @ts-expect-error: an unknown option.
  analyze("x", { selct: ["PY31"] });
  // @ts-expect-error: targetVersion is one of the versions.
  analyze("x", { targetVersion: "py27" });
  // @ts-expect-error: a severity is one of four words.
  analyze("x", { severity: { PY3101: "fatal" } });
  // @ts-expect-error: unsafeFixes is an option of fix(), not of analyze().
  analyze("x", { unsafeFixes: true });
  // @ts-expect-error: edits are read-only data, their fields are numbers.
  const wrong: string = first?.fix?.edits[0]?.from ?? "";

  return [severity, position, offsets, result.output, keys, docs, every, line, offset, wrong].join();
}
