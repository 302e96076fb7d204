// Analysing a hunk without its file: the lines of a hunk usually start inside a block
// (a method body, a branch), which Python rejects as an unexpected indent. The repair
// prepends synthetic block headers, one per indentation level the hunk dedents to, so
// that the hunk's own lines are analysed unchanged (same text, same columns): only the
// line numbers shift, by the number of lines prepended.

/** A hunk's text made parsable, and how many synthetic lines precede the hunk's first line. */
export interface RepairedHunk {
  text: string;
  prefixLines: number;
}

const CLAUSE = /^(else|elif|except|finally)\b/;

/** The leading whitespace of a line that has code on it, or `null` for blank and comment-only lines. */
function indentation(line: string): string | null {
  const match = /^[ \t\f]*/.exec(line)!;
  const rest = line.slice(match[0].length);
  if (rest === "" || rest.startsWith("#") || rest === "\r") return null;
  return match[0];
}

/** Indentation width as Python's tokenizer computes it (tabs to the next multiple of 8). */
function width(whitespace: string): number {
  let column = 0;
  for (const ch of whitespace) {
    if (ch === "\t") column = (Math.floor(column / 8) + 1) * 8;
    else if (ch === "\f") column = 0;
    else column += 1;
  }
  return column;
}

/**
 * Makes the new-side lines of a hunk parsable on their own. For every indentation level
 * below the first code line's that the hunk's lines use, a header (`if True:`, or `try:`
 * when the first line at that level is an `except`/`finally` clause) opens a block, so a
 * later dedent to that level is valid; a hunk that starts with a clause (`else:`) gets
 * the statement it continues.
 */
export function repairHunk(lines: readonly string[]): RepairedHunk {
  const levels = new Map<number, { whitespace: string; firstClause: string | null }>();
  let first: { whitespace: string; text: string } | null = null;
  for (const line of lines) {
    const whitespace = indentation(line);
    if (whitespace === null) continue;
    const text = line.slice(whitespace.length);
    if (first === null) first = { whitespace, text };
    const key = width(whitespace);
    if (!levels.has(key)) {
      const clause = CLAUSE.exec(text);
      levels.set(key, { whitespace, firstClause: clause === null ? null : clause[1]! });
    }
  }
  const prefix: string[] = [];
  if (first !== null) {
    const firstWidth = width(first.whitespace);
    const below = [...levels.entries()].filter(([key]) => key < firstWidth).sort(([a], [b]) => a - b);
    if (firstWidth > 0 && (below.length === 0 || below[0]![0] !== 0)) below.unshift([0, { whitespace: "", firstClause: null }]);
    for (const [, level] of below) {
      const opener = level.firstClause === "except" || level.firstClause === "finally" ? "try:" : "if True:";
      prefix.push(`${level.whitespace}${opener}`);
    }
    const clause = CLAUSE.exec(first.text);
    if (clause !== null) {
      const opener = clause[1] === "except" || clause[1] === "finally" ? "try:" : "if True:";
      prefix.push(`${first.whitespace}${opener}`, `${first.whitespace} pass`);
    }
  }
  return { text: [...prefix, ...lines].join("\n") + "\n", prefixLines: prefix.length };
}
