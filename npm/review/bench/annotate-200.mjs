// Benchmark: annotating a pull request that touches 200 Python files, each a 400-line
// module with three edited places (Python 2 code added in each), as `git diff` prints it.
// Times `annotate()` with the files' full text (what the extension does when it has the
// head commit) and from the hunks alone; the analyzer is loaded before timing.
//
// node bench/annotate-200.mjs [files=200] [rounds=5]
import { analyze } from "py3port";

import { annotate } from "../dist/index.js";
import { makePullRequest } from "./pr.mjs";

const FILES = Number(process.argv[2] ?? 200);
const ROUNDS = Number(process.argv[3] ?? 5);

const { diff, texts } = makePullRequest(FILES);

analyze("x = 1\n"); // load the analyzer before timing
const sizeMb = (Buffer.byteLength(diff) / 1e6).toFixed(2);
const textMb = (Object.values(texts).reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6).toFixed(2);
for (const [label, options] of [
  ["whole files", { files: texts }],
  ["hunks alone", {}],
]) {
  const times = [];
  let result;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    result = annotate(diff, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const files = result.files.filter((file) => file.annotations.length > 0).length;
  console.log(
    `${label}: ${FILES} files (diff ${sizeMb} MB, texts ${textMb} MB), ${result.annotations.length} annotations in ${files} files: ` +
      `median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms over ${ROUNDS} rounds`,
  );
  if (result.annotations.length !== FILES * 3 * 3) {
    console.error(`expected ${FILES * 3 * 3} annotations (3 edits x 3 findings per file), got ${result.annotations.length}`);
    process.exitCode = 1;
  }
}
