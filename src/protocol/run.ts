/**
 * What crosses the run worker's boundary (plain, structured-cloneable data). One worker runs a
 * program on either engine; both stream the same events (`src/core/run/runEvents.ts`), so the
 * page shows them alike.
 */
import type { Program } from '../core/program/program.ts';
import type { ModelMeta } from '../core/weights/modelMeta.ts';
import type { InferEvent, InferSummary, RunSummary } from '../core/run/runEvents.ts';

export type { InferEvent, InferSummary, RunCheck, RunEvent, RunSummary, TokenBatch } from '../core/run/runEvents.ts';

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

export interface RunRequest {
  /** 'transformer' runs on the model loaded last (`loadModel`). */
  engine: 'reference' | 'transformer';
  program: Program;
  input: Uint8Array;
  /** Limit on trace tokens (input section included). */
  maxTokens: number;
  /** Transformer only: compare the trace with the reference interpreter's afterwards. */
  check: boolean;
}

export interface RunApi {
  loadModel(m: ModelPayload): Promise<ModelLoaded>;
  /** A transformer run refuses (with a message) a program its model cannot run (vocabulary, program hash). */
  run(req: RunRequest, onEvent: (e: InferEvent) => void): Promise<RunSummary | InferSummary>;
  /** `_ref.txt` text of the last finished run (the engine's own tokens); null before any run. */
  lastRefFile(): string | null;
}
