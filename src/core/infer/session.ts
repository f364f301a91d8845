import type { TieBreak } from '../attention/kvCache.ts';
import type { Model } from '../weights/binFile.ts';
import maxPositions from './maxPositions.json';

/**
 * The streaming API shared by the TypeScript reference engine and the Emscripten core.
 *
 * A session holds one sequence: `feed` processes tokens (the prompt, or more input later),
 * `generate` appends up to N greedy predictions (argmax, ties → lowest id), each processed in turn
 * except a final stop token, which is emitted but not processed (as in the original engine).
 */
export interface EngineSession {
  readonly model: Model;
  /** Number of tokens processed so far (the next token's position). */
  readonly position: number;
  /** Processes tokens; ids are checked (StageError 'inference' on an id outside the vocabulary). */
  feed(tokens: ArrayLike<number>): void;
  /** Up to `maxTokens` more tokens; `stopped` says why generation ended, null = may continue. */
  generate(maxTokens: number): GenerateResult;
  /** Back to an empty sequence (same model, same options). */
  reset(): void;
  /** Records the internals of the token at `position` when it is processed (null = stop recording). */
  inspectAt(position: number | null): void;
  /** The recorded inspection (once the armed position has been processed), then forgets it. */
  takeInspection(): TokenInspection | null;
  stats(): SessionStats;
  /** Frees engine memory (the wasm core); the session is unusable afterwards. */
  dispose(): void;
}

export type StopReason = 'stop' | 'limit' | null;

export interface GenerateResult {
  tokens: number[];
  /** 'stop' = the stop token was emitted (it is the last of `tokens`); 'limit' = the session's token budget or the position limit was reached. */
  stopped: StopReason;
}

export interface SessionOptions {
  /**
   * Attention implementation: 'hull' (the O(log n) hull cache for every head), 'brute' (the O(n)
   * oracle), 'fast' (wasm only, the default there: recognised head kinds take exact fast paths,
   * the rest use the hull). The TS engine treats 'fast' as 'hull'.
   */
  attention?: 'fast' | 'hull' | 'brute';
  /** Budget of generated tokens over the session's life (default 6,000,000, the original's MAX_GEN). */
  maxTokens?: number;
}

export const DEFAULT_MAX_TOKENS = 6_000_000;
/**
 * Sequences are limited to MAX_POSITIONS = 2C + 1 positions (0 … 2C, C = POSITION_CENTER): while
 * (p − C)² < 2^53 the machine's centred position keys (2(p − C), −(p − C)² + 0.3·inv_log_pos)
 * give every position its own exact score and strictly increasing hull breakpoints
 * (docs/inference-core.md, "Sequence length"). One source: maxPositions.json, also #included by
 * the Emscripten core (positionKeys.test.ts checks it equals 2C + 1).
 */
export const MAX_POSITIONS: number = maxPositions;

/** How the CLI and the page name the limit when a run reaches it. */
export const POSITION_LIMIT_TEXT = `the sequence limit of ${MAX_POSITIONS.toLocaleString('en-US')} positions`;

export interface SessionStats {
  position: number;
  generated: number;
  /** Bytes of attention state (caches, stored values, token ids) held by the engine. */
  stateBytes: number;
}

export type HeadKind = 'hull' | 'brute' | 'position' | 'passthrough' | 'unused';

export interface HeadInspection {
  layer: number;
  head: number;
  kind: HeadKind;
  tieBreak: TieBreak;
  query: [number, number];
  /** The winning key (NaN when a qy = 0 aggregate answered, or for skipped heads). */
  key: [number, number];
  /** The winning double score (NaN when an aggregate answered). */
  score: number;
  /** Number of cache entries merged into the answer. */
  matches: number;
  /** Position of the latest matched entry (−1 if none). */
  lastPosition: number;
  output: [number, number];
  /** Lines on the head's upper + lower envelopes (or entries kept, for brute / position heads). */
  hullSize: number;
}

export interface LayerInspection {
  /** Residual stream entering the layer, after its attention sublayer, after its FFN. */
  before: Float64Array;
  afterAttention: Float64Array;
  after: Float64Array;
  heads: HeadInspection[];
}

export interface TokenInspection {
  position: number;
  token: number;
  layers: LayerInspection[];
  /** argmax of the logits at this position (ties → lowest id) and its logit. */
  prediction: number;
  predictionScore: number;
}

export interface Engine {
  /** 'reference': the reference interpreter behind this interface (referenceEngine.ts). */
  readonly name: 'ts' | 'wasm' | 'reference';
  createSession(model: Model, opts?: SessionOptions): EngineSession;
}
