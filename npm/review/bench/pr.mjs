// The benchmarks' pull request: FILES Python files, each a 400-line module with three
// edited places (Python 2 code added in each: 3 findings per place), as `git diff` prints it.

function module(index, edited) {
  const lines = [`"""Module ${index}."""`, "import os", "import sys", "", ""];
  for (let f = 0; f < 40; f++) {
    lines.push(`def function_${f}(value, other=None):`);
    lines.push(`    """Does step ${f}."""`);
    lines.push(`    result = value + ${f}`);
    if (edited && f % 13 === 5) {
      lines.push(`    print "step ${f}", result`);
      lines.push(`    for key, item in os.environ.iteritems():`);
      lines.push(`        result = result + len(unicode(item))`);
    }
    lines.push(`    if other is not None:`);
    lines.push(`        result = result * other`);
    lines.push(`    return result`);
    lines.push(``);
    lines.push(``);
  }
  return lines;
}

/** A minimal unified diff of two line arrays that differ only by inserted runs (3 lines of context). */
function diffOf(path, before, after) {
  let out = `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n`;
  let i = 0;
  let j = 0;
  while (j < after.length) {
    if (i < before.length && before[i] === after[j]) {
      i++;
      j++;
      continue;
    }
    const start = j;
    while (j < after.length && (i >= before.length || after[j] !== before[i])) j++;
    const from = Math.max(0, start - 3);
    const ctxAfter = Math.min(3, before.length - i);
    const oldCount = start - from + ctxAfter;
    const newCount = j - from + ctxAfter;
    out += `@@ -${i - (start - from) + 1},${oldCount} +${from + 1},${newCount} @@\n`;
    for (let k = from; k < start; k++) out += ` ${after[k]}\n`;
    for (let k = start; k < j; k++) out += `+${after[k]}\n`;
    for (let k = 0; k < ctxAfter; k++) out += ` ${before[i + k]}\n`;
  }
  return out;
}

/** The diff, and the new revision's text of each file by path. */
export function makePullRequest(count) {
  let diff = "";
  const texts = {};
  for (let n = 0; n < count; n++) {
    const path = `pkg/sub${n % 10}/module_${n}.py`;
    const before = module(n, false);
    const after = module(n, true);
    diff += diffOf(path, before, after);
    texts[path] = `${after.join("\n")}\n`;
  }
  return { diff, texts };
}
