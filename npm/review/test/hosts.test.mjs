// The host mappings (src/hosts.ts): GitHub's review request and GitLab's threads, from
// the annotator's output on the unit tests' git diff.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { annotate, githubReview, gitlabDiscussions } from "../dist/index.js";

const fixtures = new URL("./fixtures/", import.meta.url);
const diffText = readFileSync(new URL("git.diff", fixtures), "utf8");
const files = (path) => {
  try {
    return readFileSync(new URL(`head/${path}`, fixtures), "utf8");
  } catch {
    return undefined;
  }
};

test("githubReview: one comment per annotation, on its suggestion's lines", () => {
  const { annotations } = annotate(diffText, { files });
  const review = githubReview(annotations, { commitId: "abc" });
  assert.equal(review.commit_id, "abc");
  assert.equal(review.comments.length, annotations.length);
  const store = review.comments.filter((c) => c.path === "app/store.py");
  assert.deepEqual(store.map((c) => c.line), annotations.filter((a) => a.path === "app/store.py").map((a) => a.commentRange.line));
  for (const comment of review.comments) {
    assert.equal(comment.side, "RIGHT");
    assert.match(comment.body, /\*\*PY3\d{3}\*\*/);
    if (comment.start_line !== undefined) assert.ok(comment.start_line < comment.line);
  }
  assert.match(review.body, new RegExp(`${annotations.length} Python 3 issues`));
});

test("gitlabDiscussions: new_line always, no old_line on added lines, renamed files keep their old path", () => {
  const result = annotate(diffText, { files, filter: "diff_context", options: { select: ["ALL"] } });
  const oldPaths = new Map(result.files.filter((f) => f.oldPath !== null && f.newPath !== null).map((f) => [f.newPath, f.oldPath]));
  const threads = gitlabDiscussions(result.annotations, { baseSha: "b", startSha: "s", headSha: "h" }, oldPaths);
  assert.equal(threads.length, result.annotations.filter((a) => a.commentRange !== null).length);
  const placed = result.annotations.filter((a) => a.commentRange !== null);
  for (const [index, thread] of threads.entries()) {
    const annotation = placed[index];
    assert.equal(thread.position.new_line, annotation.commentRange.line);
    const file = result.files.find((f) => f.path === annotation.path);
    assert.equal(thread.position.old_path, file.oldPath ?? annotation.path);
    // An added line has no old number; a context line has one.
    if (annotation.commentRange.line === annotation.line) {
      if (annotation.lineKind === "added") assert.equal(thread.position.old_line, undefined);
      else assert.equal(typeof thread.position.old_line, "number");
    }
  }
  const shapes = threads.find((t) => t.position.new_path === "app/shapes.py");
  assert.equal(shapes.position.old_path, "app/geometry.py");
});

test("gitlabDiscussions: a context line carries both numbers", () => {
  const diff = "--- a/m.py\n+++ b/m.py\n@@ -10,2 +10,3 @@\n x = 1\n+y = 2\n print x\n";
  const result = annotate(diff, { filter: "diff_context" });
  const [thread] = gitlabDiscussions(result.annotations, { baseSha: "b", startSha: "s", headSha: "h" });
  assert.equal(thread.position.new_line, 12);
  assert.equal(thread.position.old_line, 11);
});

test("gitlabDiscussions: a suggestion over several lines says how many lines above it replaces", () => {
  const annotation = {
    path: "m.py",
    commentRange: { startLine: 3, line: 5, side: "RIGHT", oldLine: null },
    body: "**PY3101**\n\nFix:\n\n````suggestion\na\nb\nc\n````",
  };
  const [thread] = gitlabDiscussions([annotation], { baseSha: "b", startSha: "s", headSha: "h" });
  assert.match(thread.body, /^````suggestion:-2\+0$/m);
  assert.equal(thread.position.new_line, 5);
});
