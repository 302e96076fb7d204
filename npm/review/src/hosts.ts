// What a host's API takes, from `annotate`'s output: small on purpose, to show that a
// new host is a mapping, not a port. Plain data in, request bodies out; no I/O.

import type { Annotation } from "./annotate.js";

/** A comment of GitHub's "create a review" request (`POST /repos/{owner}/{repo}/pulls/{n}/reviews`). */
export interface GitHubReviewComment {
  path: string;
  body: string;
  line: number;
  side: "RIGHT";
  start_line?: number;
  start_side?: "RIGHT";
}

/** The body of GitHub's "create a review" request: one comment per annotation the diff shows. */
export function githubReview(
  annotations: readonly Annotation[],
  { commitId, event = "COMMENT", body }: { commitId: string; event?: "COMMENT" | "REQUEST_CHANGES"; body?: string },
): { commit_id: string; event: string; body: string; comments: GitHubReviewComment[] } {
  const comments: GitHubReviewComment[] = [];
  for (const annotation of annotations) {
    const range = annotation.commentRange;
    if (range === null) continue;
    const comment: GitHubReviewComment = { path: annotation.path, body: annotation.body, line: range.line, side: "RIGHT" };
    if (range.startLine !== range.line) {
      comment.start_line = range.startLine;
      comment.start_side = "RIGHT";
    }
    comments.push(comment);
  }
  return {
    commit_id: commitId,
    event,
    body: body ?? `py3port: ${comments.length} Python 3 issue${comments.length === 1 ? "" : "s"} on the changed lines.`,
    comments,
  };
}

/** The body of GitLab's "create a merge request thread" request (`POST /projects/:id/merge_requests/:iid/discussions`). */
export interface GitLabDiscussion {
  body: string;
  position: {
    position_type: "text";
    base_sha: string;
    start_sha: string;
    head_sha: string;
    old_path: string;
    new_path: string;
    new_line: number;
    /** Set for a context line (GitLab wants both numbers there), absent for an added one. */
    old_line?: number;
  };
}

/**
 * One GitLab thread per annotation the diff shows, anchored on the last line of its
 * comment range. GitLab reads a plain suggestion block as replacing that line only, so a
 * suggestion over several lines says how many lines above it replaces (`suggestion:-N+0`).
 */
export function gitlabDiscussions(
  annotations: readonly Annotation[],
  refs: { baseSha: string; startSha: string; headSha: string },
  oldPaths: ReadonlyMap<string, string> = new Map(),
): GitLabDiscussion[] {
  const out: GitLabDiscussion[] = [];
  for (const annotation of annotations) {
    const range = annotation.commentRange;
    if (range === null) continue;
    const position: GitLabDiscussion["position"] = {
      position_type: "text",
      base_sha: refs.baseSha,
      start_sha: refs.startSha,
      head_sha: refs.headSha,
      old_path: oldPaths.get(annotation.path) ?? annotation.path,
      new_path: annotation.path,
      new_line: range.line,
    };
    if (range.oldLine !== null) position.old_line = range.oldLine;
    const above = range.line - range.startLine;
    const body = above > 0 ? annotation.body.replace(/^(`{3,})suggestion$/m, `$1suggestion:-${above}+0`) : annotation.body;
    out.push({ body, position });
  }
  return out;
}
