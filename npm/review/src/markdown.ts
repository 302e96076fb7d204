// Review-comment Markdown: the body a host posts for an annotation, and GitHub's
// suggestion block (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/incorporating-feedback-in-your-pull-request).

import type { Annotation } from "./annotate.js";

/** A fence longer than any run of backticks in `text`, so that the text cannot close it. */
function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

/** A GitHub suggestion block that replaces the commented lines with `lines`. */
export function suggestionBlock(lines: readonly string[]): string {
  const body = lines.join("\n");
  const marks = fence(body);
  return `${marks}suggestion\n${body}\n${marks}`;
}

/** The comment for an annotation: what is wrong, the rule's page, and the fix. */
export function commentBody(annotation: Omit<Annotation, "body">): string {
  const parts = [
    `**${annotation.code}** (${annotation.name}, ${annotation.severity}): ${annotation.message}`,
    `[Rule documentation](${annotation.docsUrl})`,
  ];
  if (annotation.note !== null) parts.push(`> ${annotation.note}`);
  const fix = annotation.fix;
  if (fix !== null) {
    if (fix.suggestion !== null) {
      parts.push(`${fix.title}:\n\n${fix.suggestion}`);
      if (fix.applicability === "unsafe") parts.push("_This fix may change behaviour: read it before committing it._");
      if (fix.applicability === "display-only") parts.push("_A suggestion to adapt, not a fix to apply as it is._");
    } else {
      parts.push(`Fix: ${fix.title} (\`py3port check --fix\`; ${fix.reason ?? "not expressible as a suggestion"}).`);
    }
  }
  return parts.join("\n\n");
}
