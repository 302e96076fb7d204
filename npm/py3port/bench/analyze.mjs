// The WebAssembly side of scripts/bench-wasm: times the package's `analyze()` in Node on
// each file given (the whole call: copying the text in, the analysis, and the diagnostics
// as JavaScript objects) and prints one line of JSON per file, as the native bench does.
//
//   node bench/analyze.mjs FILE... [--runs N]

import { readFileSync } from "node:fs";
import { analyze, init } from "py3port";

const args = process.argv.slice(2);
let runs = 20;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else files.push(args[i]);
}
await init();
for (const file of files) {
  const source = readFileSync(file, "utf8");
  // Warm up for at least 3 runs and one second: V8 compiles WebAssembly with a baseline
  // compiler first and tiers hot functions up to its optimizing one as they run, which on a
  // small file takes more calls than 3.
  let diagnostics = 0;
  const warmUp = performance.now();
  for (let i = 0; i < 3 || performance.now() - warmUp < 1000; i++) diagnostics = analyze(source).length;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    analyze(source);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result = {
    file,
    bytes: Buffer.byteLength(source),
    diagnostics,
    medianMs: Number(times[Math.floor(times.length / 2)].toFixed(3)),
    minMs: Number(times[0].toFixed(3)),
  };
  console.log(JSON.stringify(result));
}
