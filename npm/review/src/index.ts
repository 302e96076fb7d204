// py3port-review: py3port's diagnostics on the lines a unified diff adds, for code review.

export {
  annotate,
  FILTER_MODES,
  isPythonFile,
  type AnnotateOptions,
  type AnnotateResult,
  type Annotation,
  type AnnotationFix,
  type CommentRange,
  type FileReport,
  type FileSource,
  type FileSummary,
  type FilterMode,
} from "./annotate.js";
export { type DiffFile, type DiffLine, type FileStatus, formatDiff, type Hunk, newSideLines, parseDiff, type ParseOptions } from "./diff.js";
export { repairHunk, type RepairedHunk } from "./hunk.js";
export { commentBody, suggestionBlock } from "./markdown.js";
export { type GitHubReviewComment, githubReview, type GitLabDiscussion, gitlabDiscussions } from "./hosts.js";
