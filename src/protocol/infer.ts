/**
 * What crosses the inference worker's boundary (plain, structured-cloneable data). The token
 * stream uses the run worker's events (`RunEvent`), so the page shows both engines alike.
 */
import type { Program } from '../core/program/program.ts';
import type { ModelMeta } from '../core/weights/modelMeta.ts';
import type { RunEvent, RunSummary } from './run.ts';

/** A model for the worker: `.bin` bytes and their metadata; `key` names it (same key = same model). */
export interface ModelPayload {
  key: string;
  bytes: Uint8Array;
  meta: ModelMeta;
}

export interface ModelLoaded {
  /** Time to instantiate the Emscripten core (0 when it was already loaded in this worker). */
  coreMs: number;
  /** Time to parse the model and hand it to the core. */
  modelMs: number;
  /** The core's warm-up run (first model of a worker only): time and tokens. */
  warmUpMs: number;
  warmUpTokens: number;
}

export interface InferRunRequest {
  program: Program;
  input: Uint8Array;
  /** Limit on trace tokens (input section included), as for the reference interpreter. */
  maxTokens: number;
  /** Compare the trace with the reference interpreter's afterwards. */
  check: boolean;
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

export interface InferApi {
  loadModel(m: ModelPayload): Promise<ModelLoaded>;
  /** Refuses (with a message) when the model cannot run this program (vocabulary, program hash). */
  run(req: InferRunRequest, onEvent: (e: InferEvent) => void): Promise<InferSummary>;
  /** `_ref.txt` text of the last finished run (the transformer's tokens); null before any run. */
  lastRefFile(): string | null;
}
