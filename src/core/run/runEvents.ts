/**
 * What a program run streams and reports, for either engine (the reference interpreter or the
 * transformer): token batches of display ids, output bytes, and a summary. Plain,
 * structured-cloneable data: the run worker sends it to the page as is.
 */

/**
 * A slice of the token stream. `ids` index the display table (`src/core/run/displayTokens.ts`);
 * `lineStarts` are the absolute indices of the tokens in this slice that begin a display line
 * (grouping as in `_ref.txt`: a line closes after every terminal token).
 */
export interface TokenBatch {
  /** Absolute index of `ids[0]` in the whole stream (the prefix starts at 0). */
  start: number;
  ids: Uint16Array;
  lineStarts: Uint32Array;
}

export type RunEvent =
  | { kind: 'started'; prefixTokens: number; engine: string }
  | { kind: 'output'; bytes: Uint8Array }
  | { kind: 'tokens'; batch: TokenBatch; generated: number; elapsedMs: number }
  | { kind: 'finished'; summary: RunSummary };

export interface RunSummary {
  stop: 'halt' | 'budget' | 'error';
  error?: string;
  /** After halt: the exit status and trap name read from the trace (src/core/tokens/exitStatus.ts). */
  exitStatus?: number;
  trap?: string;
  /** Tokens generated after the prefix (the input section included, as in `_ref.txt`). */
  generatedTokens: number;
  prefixTokens: number;
  instructionsExecuted: number;
  outputBytes: number;
  /** Time the engine spent executing (not the time spent shipping tokens to the page). */
  engineMs: number;
  engine: string;
}

/** The transformer's trace against the reference interpreter's. */
export type RunCheck =
  | { result: 'match'; tokens: number; ms: number }
  | { result: 'diverged'; index: number; transformer: string; reference: string; ms: number }
  | { result: 'length'; transformerTokens: number; referenceTokens: number; referenceStop: string; referenceError?: string; ms: number }
  | { result: 'skipped'; reason: string };

export interface InferSummary extends RunSummary {
  /** Prompt tokens fed before generation (the `{ … }` prefix, or `start` for a specialized model). */
  promptTokens: number;
  /** Time to feed the prefix (not counted in `engineMs`, which covers the input section and generation). */
  feedMs: number;
  modelKey: string;
  specialized: boolean;
  /** Attention state held by the engine at the end. */
  stateBytes: number;
  check: RunCheck;
}

export type InferEvent = RunEvent | { kind: 'checking'; tokens: number };
