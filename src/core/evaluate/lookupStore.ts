import { BruteCache } from '../attention/bruteCache.ts';
import { HullCache } from '../attention/hullCache.ts';
import type { KvCache, MatchInfo } from '../attention/kvCache.ts';
import type { TieBreak } from '../graph/lookup.ts';

export type LookupMode = 'hull' | 'brute';

/**
 * The history of one LookUp during evaluation: the shared attention KV cache (hull or brute
 * force, src/core/attention) plus, for "average" lookups, the exact sum of the tied values.
 *
 * Why the sums: fetch_sum computes p · (Σv / p). The cache answers Σv · (1/count) in double,
 * and multiplying back by p is not always the integer Σv (e.g. 1·(1/49)·49 ≠ 1); keys derived
 * from such sums (stack depth, cursor, call depth) then drift by an ulp and "latest" tie-breaks
 * between equal keys can flip after ~10^5 tokens. The evaluator computes the real-arithmetic
 * value Σv · p / count instead, from the sums kept here.
 */
export class LookupStore {
  private readonly cache: KvCache;
  /** Per distinct key (kx, ky) of an "average" lookup: the running sum (insertion order) and count. */
  private readonly sums = new Map<number, Map<number, { sum: Float64Array; count: number }>>();
  /** After an "average" query: the exact sum of the tied values, or null if they span several keys. */
  lastSum: Float64Array | null = null;
  lastCount = 0;

  constructor(
    readonly tieBreak: TieBreak,
    readonly width: number,
    mode: LookupMode,
  ) {
    this.cache = mode === 'hull' ? new HullCache(width) : new BruteCache(width);
  }

  get size(): number {
    return this.cache.storedSize;
  }

  /** What the last query matched (its winning position is lastSeq). */
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

  /** Writes the resolved values (latest entry, or mean over ties) into out. */
  query(qx: number, qy: number, out: Float64Array): void {
    this.cache.query(qx, qy, this.tieBreak, out);
    if (this.tieBreak !== 'average') return;
    const m = this.cache.lastMatch;
    const s = this.sums.get(m.kx)?.get(m.ky);
    this.lastCount = m.count;
    this.lastSum = s && s.count === m.count ? s.sum : null;
  }
}
