/**
 * The transformer's own view of a token: its session replays the run's tokens into a fresh
 * Emscripten-core session with `inspectAt(p)` armed, and reads back, per layer and head, what
 * the head attended to (kind, query, winning key, score, merged entries, latest position, hull
 * size, output). Forward requests continue the session; earlier ones replay from token 0
 * (the core replays ~100 K tokens/s). Fed in slices so the worker keeps answering.
 */
import type { EngineSession, HeadInspection, TokenInspection } from '../../infer/session.ts';
import type { Model } from '../../weights/binFile.ts';
import type { Vocabulary } from '../../tokens/vocabulary.ts';
import type { TraceIds } from './traceIds.ts';

export interface TransformerHead extends Omit<HeadInspection, 'layer' | 'head'> {
  head: number;
  label: string | null;
}

export interface TransformerView {
  position: number;
  layers: TransformerHead[][];
  prediction: string;
}

const SLICE_TOKENS = 8192;

export class TransformerReplay {
  private session: EngineSession;
  /** Machine vocabulary id → model vocabulary id. */
  private readonly toModel: Int32Array;
  private armed = -1;
  private buf = new Int32Array(SLICE_TOKENS);

  constructor(
    private readonly model: Model,
    createSession: (m: Model) => EngineSession,
    machineVocab: Vocabulary,
    private readonly trace: TraceIds,
  ) {
    this.session = createSession(model);
    const ids = new Map(model.vocab.map((t, i) => [t, i]));
    this.toModel = Int32Array.from(machineVocab.tokens, (t) => ids.get(t) ?? -1);
  }

  get position(): number {
    return this.session.position;
  }

  /** Feeds toward token `target` until `deadline`; the inspection once it has been processed. */
  advance(target: number, deadline: number): TransformerView | 'running' | 'end' {
    const s = this.session;
    if (this.armed !== target) {
      if (target < s.position) s.reset();
      s.inspectAt(target);
      this.armed = target;
    }
    while (s.position <= target) {
      if (this.trace.ensure(target + 1) <= target) return 'end';
      const n = Math.min(SLICE_TOKENS, target + 1 - s.position);
      for (let i = 0; i < n; i++) {
        const id = this.toModel[this.trace.id(s.position + i)];
        if (id < 0) throw new Error(`token '${this.trace.id(s.position + i)}' is not in the model's vocabulary`);
        this.buf[i] = id;
      }
      s.feed(this.buf.subarray(0, n));
      if (s.position <= target && performance.now() > deadline) return 'running';
    }
    const ins = s.takeInspection();
    this.armed = -1;
    if (!ins) throw new Error(`the core recorded no inspection at token ${target}`);
    return this.view(ins);
  }

  private view(ins: TokenInspection): TransformerView {
    const labels = this.model.info?.headLabels ?? [];
    return {
      position: ins.position,
      prediction: this.model.vocab[ins.prediction],
      layers: ins.layers.map((l, li) => l.heads.map((h) => ({
        head: h.head, label: labels[li]?.[h.head] ?? null, kind: h.kind, tieBreak: h.tieBreak, query: h.query, key: h.key,
        score: h.score, matches: h.matches, lastPosition: h.lastPosition, output: h.output, hullSize: h.hullSize,
      }))),
    };
  }

  dispose(): void {
    this.session.dispose();
  }
}
