import { BruteCache } from '../attention/bruteCache.ts';
import { HullCache } from '../attention/hullCache.ts';
import type { KvCache, TieBreak } from '../attention/kvCache.ts';
import { StageError } from '../errors.ts';
import type { Model } from '../weights/binFile.ts';
import {
  DEFAULT_MAX_TOKENS,
  MAX_POSITIONS,
  type Engine,
  type EngineSession,
  type GenerateResult,
  type HeadInspection,
  type SessionOptions,
  type SessionStats,
  type StopReason,
  type TokenInspection,
} from './session.ts';
import { csrMulVec, denseMulVec, toCsr, type CsrMatrix } from './sparseMatrix.ts';
import { checkTokenIds } from './vocabulary.ts';
import { centeredPosition, invLogPos, POSITION_SLOTS } from '../weights/positionSlots.ts';

/**
 * The TypeScript reference engine (docs/original-design.md §9.1): float64 forward pass, one hull cache (or brute
 * cache) per (layer, head), greedy argmax with ties to the lowest id. It is the oracle for the
 * Emscripten core. Products are sparse (CSR) by default, which equals the naive dense row loop
 * bit for bit on finite values; `dense: true` runs the dense loop itself.
 */
export interface TsSessionOptions extends SessionOptions {
  dense?: boolean;
}


interface CompiledLayer {
  attnIn: CsrMatrix;
  attnOut: CsrMatrix;
  ffnIn: CsrMatrix;
  ffnOut: CsrMatrix;
}

const compiled = new WeakMap<Model, { layers: CompiledLayer[]; unembed: CsrMatrix }>();

function compile(m: Model) {
  let c = compiled.get(m);
  if (!c) {
    const { D, F } = m;
    c = {
      layers: m.layers.map((ly) => ({
        attnIn: toCsr(ly.attnIn, 3 * D, D),
        attnOut: toCsr(ly.attnOut, D, D),
        ffnIn: toCsr(ly.ffnIn, 2 * F, D),
        ffnOut: toCsr(ly.ffnOut, D, F),
      })),
      unembed: toCsr(m.unembed, m.V, D),
    };
    compiled.set(m, c);
  }
  return c;
}

/** argmax of the logits with the original's rule: strict '>' from −1e300, so ties → lowest id. */
function argmaxLogits(logits: Float64Array): { id: number; score: number } {
  let best = 0;
  let bs = -1e300;
  for (let i = 0; i < logits.length; i++) {
    if (logits[i] > bs) {
      bs = logits[i];
      best = i;
    }
  }
  return { id: best, score: bs };
}

class TsSession implements EngineSession {
  position = 0;
  private generated = 0;
  private stopped: StopReason = null;
  /** The stop token that was emitted but not processed (processed first if more is fed). */
  private pendingStop = false;
  private caches: KvCache[] = [];
  private readonly tie: TieBreak[];
  private readonly mul: (which: 'attnIn' | 'attnOut' | 'ffnIn' | 'ffnOut', l: number, x: Float64Array, y: Float64Array) => void;
  private readonly x: Float64Array;
  private readonly qkv: Float64Array;
  private readonly ho: Float64Array;
  private readonly ao: Float64Array;
  private readonly ff: Float64Array;
  private readonly gv: Float64Array;
  private readonly fo: Float64Array;
  private readonly logits: Float64Array;
  private readonly hv = new Float64Array(2);
  private readonly hq = new Float64Array(2);
  private readonly maxTokens: number;
  private inspectPos: number | null = null;
  private inspection: TokenInspection | null = null;

  constructor(
    readonly model: Model,
    private readonly opts: TsSessionOptions,
  ) {
    const { D, F, V, L, H } = model;
    this.x = new Float64Array(D);
    this.qkv = new Float64Array(3 * D);
    this.ho = new Float64Array(D);
    this.ao = new Float64Array(D);
    this.ff = new Float64Array(2 * F);
    this.gv = new Float64Array(F);
    this.fo = new Float64Array(D);
    this.logits = new Float64Array(V);
    this.tie = Array.from({ length: L * H }, (_, i) => (model.tieBreak && model.tieBreak[i] === 1 ? 'latest' : 'average'));
    this.maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
    if (opts.dense) {
      const dims = { attnIn: [3 * D, D], attnOut: [D, D], ffnIn: [2 * F, D], ffnOut: [D, F] } as const;
      this.mul = (which, l, x, y) => denseMulVec(model.layers[l][which], dims[which][0], dims[which][1], x, y);
    } else {
      const c = compile(model);
      this.mul = (which, l, x, y) => csrMulVec(c.layers[l][which], x, y);
    }
    this.reset();
  }

  reset(): void {
    const { L, H } = this.model;
    const brute = this.opts.attention === 'brute';
    this.caches = Array.from({ length: L * H }, () => (brute ? new BruteCache(2) : new HullCache(2)));
    this.position = 0;
    this.generated = 0;
    this.stopped = null;
    this.pendingStop = false;
    this.inspection = null;
  }

  feed(tokens: ArrayLike<number>): void {
    checkTokenIds(this.model, tokens);
    if (this.position + tokens.length + (this.pendingStop ? 1 : 0) > MAX_POSITIONS) {
      throw new StageError('inference', `sequence would exceed the limit of ${MAX_POSITIONS} positions`);
    }
    if (this.pendingStop) {
      this.pendingStop = false;
      this.stopped = null;
      this.process(this.model.stopToken);
    }
    for (let i = 0; i < tokens.length; i++) this.process(tokens[i]);
  }

  generate(maxTokens: number): GenerateResult {
    const out: number[] = [];
    if (this.stopped) return { tokens: out, stopped: this.stopped };
    if (this.position === 0) throw new StageError('inference', 'generate needs at least one fed token');
    const stop = this.model.stopToken;
    while (out.length < maxTokens) {
      if (this.generated >= this.maxTokens || this.position >= MAX_POSITIONS) {
        this.stopped = 'limit';
        break;
      }
      this.predict();
      const next = argmaxLogits(this.logits).id;
      out.push(next);
      this.generated++;
      if (next === stop) {
        this.stopped = 'stop';
        this.pendingStop = true;
        break;
      }
      this.process(next);
    }
    if (!this.stopped && (this.generated >= this.maxTokens || this.position >= MAX_POSITIONS)) this.stopped = 'limit';
    return { tokens: out, stopped: this.stopped };
  }

  inspectAt(position: number | null): void {
    this.inspectPos = position;
    this.inspection = null;
  }

  takeInspection(): TokenInspection | null {
    const r = this.inspection;
    this.inspection = null;
    return r;
  }

  stats(): SessionStats {
    // Hull lines hold slope, intercept, breakpoint, count, seq and 2+2 values: 9 doubles.
    // Brute entries hold kx, ky, seq and 2 values: 5 doubles. Aggregates are constant size.
    const perEntry = this.opts.attention === 'brute' ? 40 : 72;
    const stored = this.caches.reduce((a, c) => a + c.storedSize, 0);
    return { position: this.position, generated: this.generated, stateBytes: stored * perEntry };
  }

  dispose(): void {
    this.caches = [];
  }

  /** logits = unembedding · x of the last processed token. */
  private predict(): void {
    const m = this.model;
    if (this.opts.dense) denseMulVec(m.unembed, m.V, m.D, this.x, this.logits);
    else csrMulVec(compile(m).unembed, this.x, this.logits);
  }

  /** The forward pass of one token at the next position (docs/original-design.md §9.1). */
  private process(token: number): void {
    const m = this.model;
    const { D, F, H, L } = m;
    const p = this.position;
    const { x, qkv, ho, ao, ff, gv, fo, hv, hq } = this;
    const inspect = this.inspectPos === p;
    const layersInfo: TokenInspection['layers'] = [];
    for (let i = 0; i < D; i++) x[i] = m.embed[token * D + i];
    x[POSITION_SLOTS.position] += p;
    x[POSITION_SLOTS.invLogPos] += invLogPos(p);
    const c = centeredPosition(p);
    x[POSITION_SLOTS.centeredSq] += c * c;
    x[POSITION_SLOTS.centered] += c;
    for (let l = 0; l < L; l++) {
      const before = inspect ? x.slice() : null;
      this.mul('attnIn', l, x, qkv);
      const heads: HeadInspection[] = [];
      for (let h = 0; h < H; h++) {
        const cache = this.caches[l * H + h];
        const tie = this.tie[l * H + h];
        hv[0] = qkv[2 * D + 2 * h];
        hv[1] = qkv[2 * D + 2 * h + 1];
        cache.insert(qkv[D + 2 * h], qkv[D + 2 * h + 1], hv, p);
        cache.query(qkv[2 * h], qkv[2 * h + 1], tie, hq);
        ho[2 * h] = hq[0];
        ho[2 * h + 1] = hq[1];
        if (inspect) {
          const mi = cache.lastMatch;
          heads.push({
            layer: l,
            head: h,
            kind: this.opts.attention === 'brute' ? 'brute' : 'hull',
            tieBreak: tie,
            query: [qkv[2 * h], qkv[2 * h + 1]],
            key: [mi.kx, mi.ky],
            score: mi.score,
            matches: mi.count,
            lastPosition: mi.lastSeq,
            output: [hq[0], hq[1]],
            hullSize: cache.storedSize,
          });
        }
      }
      this.mul('attnOut', l, ho, ao);
      for (let i = 0; i < D; i++) x[i] += ao[i];
      const afterAttention = inspect ? x.slice() : null;
      this.mul('ffnIn', l, x, ff);
      for (let i = 0; i < F; i++) gv[i] = (ff[i] > 0 ? ff[i] : 0) * ff[F + i];
      this.mul('ffnOut', l, gv, fo);
      for (let i = 0; i < D; i++) x[i] += fo[i];
      if (inspect) layersInfo.push({ before: before!, afterAttention: afterAttention!, after: x.slice(), heads });
    }
    this.position = p + 1;
    if (inspect) {
      this.predict();
      const { id, score } = argmaxLogits(this.logits);
      this.inspection = { position: p, token, layers: layersInfo, prediction: id, predictionScore: score };
    }
  }
}

export const tsEngine: Engine = {
  name: 'ts',
  createSession(model: Model, opts: TsSessionOptions = {}): EngineSession {
    return new TsSession(model, opts);
  },
};

export function createSession(model: Model, opts: TsSessionOptions = {}): EngineSession {
  return new TsSession(model, opts);
}
