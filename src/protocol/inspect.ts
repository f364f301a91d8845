/**
 * What crosses the boundary of the inspect worker (`workers/inspect.worker.ts`): plain,
 * structured-cloneable data. The worker replays a run to a selected token: the reference
 * interpreter for the machine state, the graph evaluator for the transformer's named values and
 * its lookups (attention heads).
 */
import type { Program } from '../core/program/program.ts';
import type { GraphView } from '../core/run/inspect/graphReplay.ts';
import type { HullPicture } from '../core/run/inspect/hullPicture.ts';
import type { TransformerView } from '../core/run/inspect/transformerReplay.ts';
import type { ReferenceView } from '../core/run/inspect/referenceReplay.ts';

export interface InspectOpen {
  program: Program;
  input: Uint8Array;
  /** The run's token limit (generated tokens): the replay never goes beyond it. */
  maxTokens: number;
  /** The universal model the run used (`.bin` bytes and head labels): enables the transformer's own inspection. */
  model?: { key: string; bytes: Uint8Array; headLabels: (string | null)[][] } | null;
}

export interface LookupMeta {
  index: number;
  name: string;
  description: string;
  tieBreak: 'latest' | 'average';
  heads: number;
  /** Layer in the greedy schedule of the graph (the page prefers a loaded model's layout). */
  layer: number;
  group: number;
  /** Keys computed from the position alone (2(p − C), −(p − C)² + …): every position is a hull vertex. */
  positionKeyed: boolean;
}

export interface InspectOpened {
  prefixTokens: number;
  lookups: LookupMeta[];
  layers: number;
  /** Position limit of the graph replay. */
  graphLimit: number;
  ms: number;
}

export interface ReferenceRequest {
  tokenIndex: number;
  /** First token (absolute) of the instruction the token belongs to. */
  instructionStart: number;
}

export type ReferenceResult = { kind: 'view'; view: ReferenceView } | { kind: 'error'; message: string };

export interface GraphRequest {
  tokenIndex: number;
  /** Lookup to draw (−1: none). */
  lookup: number;
  /** Canvas size in device pixels for the overview picture. */
  width: number;
  height: number;
  /** Following a live run: walk a fifth of the time so the engine keeps its core. */
  background: boolean;
  /**
   * Answer with the state the evaluator has reached after this long, even if it is behind the
   * requested token (following a live run: the evaluator is slower than the engine).
   */
  partialAfterMs?: number;
}

export interface GraphProgress {
  head: number;
  target: number;
  restarted: boolean;
}

export type GraphResult =
  | {
      kind: 'view';
      requested: number;
      /** Why view.position < requested: beyond the replay limit, beyond the trace, or still walking. */
      clamped: 'limit' | 'end' | 'behind' | null;
      view: GraphView;
      picture: HullPicture | null;
      /** Time from request to answer, and the picture's share of it. */
      ms: number;
      pictureMs: number;
      restarts: number;
    }
  | { kind: 'superseded' }
  /** The token is beyond GRAPH_REPLAY_LIMIT: nothing was replayed. */
  | { kind: 'beyond'; requested: number; limit: number }
  | { kind: 'error'; message: string };

export type TransformerResult =
  | { kind: 'view'; view: TransformerView; ms: number }
  | { kind: 'superseded' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'error'; message: string };

export interface InspectApi {
  open(req: InspectOpen): Promise<InspectOpened>;
  reference(req: ReferenceRequest): Promise<ReferenceResult>;
  graph(req: GraphRequest, onProgress: (p: GraphProgress) => void): Promise<GraphResult>;
  /** The transformer's per-head inspection of token `tokenIndex` (needs `open` with a model). */
  transformer(tokenIndex: number, onProgress: (p: GraphProgress) => void): Promise<TransformerResult>;
}
