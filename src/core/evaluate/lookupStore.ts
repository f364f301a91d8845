import { Aggregate } from '../attention/aggregate.ts';
import { BruteCache } from '../attention/bruteCache.ts';
import type { MatchInfo } from '../attention/kvCache.ts';
import { LineEnvelope } from '../attention/lineEnvelope.ts';
import type { TieBreak } from '../graph/lookup.ts';

export type LookupMode = 'hull' | 'brute';

/**
 * The history of one LookUp during evaluation. Besides the resolved answer it gives, for
 * "average" lookups, the exact sum and count of the tied values.
 *
 * Why the sums: fetch_sum computes p · (Σv / p). An attention head answers Σv · (1/count) in
 * double, and multiplying back by p is not always the integer Σv (1·(1/49)·49 ≠ 1); keys derived
 * from such sums (stack depth, cursor, call depth) then drift by an ulp and "latest" tie-breaks
 * between equal keys can flip after ~10^5 tokens. The evaluator computes the real-arithmetic
 * value Σv · p / count instead.
 */
export interface LookupStore {
  readonly tieBreak: TieBreak;
  readonly width: number;
  /** Entries (lines) kept. */
  readonly size: number;
  /** What the last query matched (its winning position is lastSeq). */
  readonly lastMatch: MatchInfo;
  /** After an "average" query: the exact sum of the tied values (null if unknown) and their count. */
  readonly lastSum: Float64Array | null;
  readonly lastCount: number;
  insert(kx: number, ky: number, values: Float64Array, seq: number): void;
  /** Writes the resolved values (latest entry, or mean over exact ties) into out. */
  query(qx: number, qy: number, out: Float64Array): void;
}

export function createLookupStore(tieBreak: TieBreak, width: number, mode: LookupMode): LookupStore {
  return mode === 'hull' ? new HullLookupStore(tieBreak, width) : new BruteLookupStore(tieBreak, width);
}

/**
 * O(log n) lookups on the upper envelope of the key lines (the shared LineEnvelope of
 * src/core/attention). Graph queries have qy = `one`: 1 everywhere except at the start token,
 * where the history holds that single entry; so, unlike the engines' HullCache, no lower
 * envelope or qy = 0 aggregates are kept (they cost more than the lookup itself here).
 */
class HullLookupStore implements LookupStore {
  private readonly env: LineEnvelope;
  private readonly agg: Aggregate;
  private readonly sum: Float64Array;
  readonly lastMatch: MatchInfo = { kx: NaN, ky: NaN, score: NaN, count: 0, lastSeq: -1 };
  lastSum: Float64Array | null = null;
  lastCount = 0;

  constructor(
    readonly tieBreak: TieBreak,
    readonly width: number,
  ) {
    this.env = new LineEnvelope(width);
    this.agg = new Aggregate(width);
    this.sum = new Float64Array(width);
  }

  get size(): number {
    return this.env.size;
  }

  insert(kx: number, ky: number, values: Float64Array, seq: number): void {
    this.env.add(kx, ky, values, seq);
  }

  query(qx: number, qy: number, out: Float64Array): void {
    const env = this.env;
    const agg = this.agg;
    const info = this.lastMatch;
    if (env.size === 0) {
      agg.clear();
      agg.resolve(this.tieBreak, out);
      info.kx = info.ky = info.score = NaN;
      info.count = 0;
      info.lastSeq = -1;
      return;
    }
    let best: number;
    if (qy > 0) best = env.argmax(qx / qy);
    else if (env.size === 1) best = 0;
    else throw new Error(`hull lookups need a query with qy > 0 (got qy = ${qy}); use brute-force lookups`);
    const m = env.slope;
    const b = env.intercept;
    const score = qx * m[best] + qy * b[best];
    info.kx = m[best];
    info.ky = b[best];
    info.score = score;
    const tiedLeft = best > 0 && qx * m[best - 1] + qy * b[best - 1] === score;
    const tiedRight = best + 1 < env.size && qx * m[best + 1] + qy * b[best + 1] === score;
    if (!tiedLeft && !tiedRight) {
      // The common case: one line wins; answer from its summary without aggregating.
      const w = this.width;
      const o = best * w;
      const count = env.count[best];
      if (this.tieBreak === 'latest') for (let j = 0; j < w; j++) out[j] = env.last[o + j];
      else {
        const inv = 1 / count;
        const sum = this.sum;
        for (let j = 0; j < w; j++) {
          sum[j] = env.sum[o + j];
          out[j] = sum[j] * inv;
        }
      }
      info.count = count;
      info.lastSeq = env.lastSeq[best];
      this.lastSum = this.sum;
      this.lastCount = count;
      return;
    }
    agg.clear();
    env.mergeInto(best, agg);
    // Lines whose double score is exactly the best one tie with it (docs/original-design.md §14.9c).
    for (let i = best - 1; i >= 0 && qx * m[i] + qy * b[i] === score; i--) env.mergeInto(i, agg);
    for (let i = best + 1; i < env.size && qx * m[i] + qy * b[i] === score; i++) env.mergeInto(i, agg);
    agg.resolve(this.tieBreak, out);
    info.count = agg.count;
    info.lastSeq = agg.lastSeq;
    this.sum.set(agg.sum);
    this.lastSum = this.sum;
    this.lastCount = agg.count;
  }
}

/** The O(n) oracle: the shared BruteCache, plus exact per-key sums for "average" lookups. */
class BruteLookupStore implements LookupStore {
  private readonly cache: BruteCache;
  private readonly sums = new Map<number, Map<number, { sum: Float64Array; count: number }>>();
  lastSum: Float64Array | null = null;
  lastCount = 0;

  constructor(
    readonly tieBreak: TieBreak,
    readonly width: number,
  ) {
    this.cache = new BruteCache(width);
  }

  get size(): number {
    return this.cache.storedSize;
  }

  get lastMatch(): MatchInfo {
    return this.cache.lastMatch;
  }

  insert(kx: number, ky: number, values: Float64Array, seq: number): void {
    this.cache.insert(kx, ky, values, seq);
    if (this.tieBreak !== 'average') return;
    let byKy = this.sums.get(kx);
    if (!byKy) this.sums.set(kx, (byKy = new Map()));
    let s = byKy.get(ky);
    if (!s) byKy.set(ky, (s = { sum: new Float64Array(this.width), count: 0 }));
    for (let i = 0; i < this.width; i++) s.sum[i] += values[i];
    s.count++;
  }

  query(qx: number, qy: number, out: Float64Array): void {
    this.cache.query(qx, qy, this.tieBreak, out);
    if (this.tieBreak !== 'average') return;
    const m = this.cache.lastMatch;
    const s = this.sums.get(m.kx)?.get(m.ky);
    this.lastCount = m.count;
    // Exact when every tied entry has the winning key; ties across distinct keys fall back to the mean.
    this.lastSum = s && s.count === m.count ? s.sum : null;
  }
}
