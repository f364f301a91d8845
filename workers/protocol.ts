/**
 * What crosses the worker boundary. Everything here is structured-cloneable plain data:
 * errors are returned as values (comlink would drop a StageError's fields when rethrowing).
 */
import type { Program } from '../src/core/program/program.ts';
import type { Stage } from '../src/core/errors.ts';

/** A clang message pinned to the source (same shape as the core's `Diagnostic`). */
export interface WireDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'note';
  message: string;
}

export type ClangLoadProgress =
  | { phase: 'download'; loaded: number; total: number }
  /** Compiling the runtime libc once per session (the first compilation's fixed cost). */
  | { phase: 'runtime'; clangVersion: string };

export interface ClangLoaded {
  clangVersion: string;
  /** Asset requests answered by the Cache API / by the network during this load. */
  cacheHits: number;
  networkFetches: number;
  networkBytes: number;
  /** Assets fetched and compiled, version read. */
  ms: number;
  /** The warm-up compilation that builds the runtime libc. */
  runtimeMs: number;
}

export interface CompileSuccess {
  ok: true;
  program: Program;
  clangVersion: string;
  entry: 'compute' | 'main';
  takesInput: boolean;
  wasmBytes: number;
  /** Warnings and notes of a successful compilation. */
  diagnostics: WireDiagnostic[];
  /** clang alone, and the whole pipeline (clang → decode → validate → lower → assemble). */
  clangMs: number;
  totalMs: number;
}

export interface CompileFailure {
  ok: false;
  stage: Stage | 'internal';
  /** One line, with its location when known (`file:line:col: message`). */
  message: string;
  diagnostics: WireDiagnostic[];
  line?: number;
  column?: number;
}

export type CompileResult = CompileSuccess | CompileFailure;

export interface CompileApi {
  /** Downloads (or reads from the Cache API) clang's assets and reads its version. */
  load(onProgress: (p: ClangLoadProgress) => void): Promise<ClangLoaded>;
  compile(source: string, fileName: string): Promise<CompileResult>;
}

/**
 * A slice of the token stream. `ids` index the display table (`src/ui/token-stream/tokenTable.ts`);
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
  /** After halt: the exit status and trap name read from the trace (src/core/program/exitStatus.ts). */
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

export interface RunRequest {
  program: Program;
  input: Uint8Array;
  maxTokens: number;
}

export interface RunApi {
  run(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunSummary>;
  /** `_ref.txt` text of the last finished run (for the trace download); null before any run. */
  lastRefFile(): string | null;
}
