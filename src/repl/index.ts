/** The playground REPL (issue 7): `startRepl` plus its pure parts, for embedding and tests. */
export { startRepl, replExitCode, DEFAULT_PROMPT, type StartReplOptions, type ReplServer, type ReplExtras, type ReplProblems } from "./start.js";
export {
  Session,
  PURPOSES,
  LISTED_MATCHES,
  type Purpose,
  type SessionOptions,
  type FilterResult,
  type RowSummary,
  type RowRef,
  type RowEntry,
  type LoadResult,
  type LoadedRows,
  type LoadedParams,
  type ExplainResult,
} from "./session.js";
export { complete, buildRowIndex, type Completion, type CompletionState, type RowIndex, type SeenValue } from "./complete.js";
export { REPL_COMMANDS, findCommand, helpText, unknownCommand, type ReplCommand, type CommandEnv } from "./commands.js";
export { renderFilter, renderExplain, renderAst, renderTokens, renderSchema, renderRowSummary, renderError, renderWarning, palette, type Palette } from "./render.js";
export { needsMoreInput, lexAll } from "./lexer.js";
export { historyPath, History, HISTORY_ENV, HISTORY_BASENAME, HISTORY_SIZE } from "./history.js";
