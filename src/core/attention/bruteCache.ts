import { Aggregate } from './aggregate.ts';
import type { KvCache, MatchInfo, TieBreak } from './kvCache.ts';

/**
 * The O(n) oracle: keeps every entry, takes the largest double score qx·kx + qy·ky, and merges
 * every entry with exactly that score in insertion order.
 */
export class BruteCache implements KvCache {
  private kx = new Float64Array(16);
  private ky = new Float64Array(16);
  private seq = new Float64Array(16);
  private values: Float64Array;
  private readonly agg: Aggregate;
  length = 0;
  readonly lastMatch: MatchInfo = { kx: NaN, ky: NaN, score: NaN, count: 0, lastSeq: -1 };

  constructor(readonly valueWidth: number) {
    this.values = new Float64Array(16 * valueWidth);
    this.agg = new Aggregate(valueWidth);
  }

  get storedSize(): number {
    return this.length;
  }

  insert(kx: number, ky: number, value: ArrayLike<number>, seq: number): void {
    const n = this.length;
    const w = this.valueWidth;
    if (n === this.kx.length) {
      const grow = (a: Float64Array, len: number) => {
        const b = new Float64Array(len);
        b.set(a);
        return b;
      };
      this.kx = grow(this.kx, n * 2);
      this.ky = grow(this.ky, n * 2);
      this.seq = grow(this.seq, n * 2);
      this.values = grow(this.values, n * 2 * w);
    }
    this.kx[n] = kx;
    this.ky[n] = ky;
    this.seq[n] = seq;
    for (let j = 0; j < w; j++) this.values[n * w + j] = value[j];
    this.length = n + 1;
  }

  query(qx: number, qy: number, tie: TieBreak, out: Float64Array): void {
    const n = this.length;
    const w = this.valueWidth;
    let max = -Infinity;
    let bestKx = NaN;
    let bestKy = NaN;
    for (let i = 0; i < n; i++) {
      const s = qx * this.kx[i] + qy * this.ky[i];
      if (s > max) {
        max = s;
        bestKx = this.kx[i];
        bestKy = this.ky[i];
      }
    }
    const agg = this.agg;
    agg.clear();
    const one = new Float64Array(w);
    for (let i = 0; i < n; i++) {
      const s = qx * this.kx[i] + qy * this.ky[i];
      if (s === max) {
        for (let j = 0; j < w; j++) one[j] = this.values[i * w + j];
        agg.add(one, this.seq[i]);
      }
    }
    agg.resolve(tie, out);
    const info = this.lastMatch;
    info.kx = bestKx;
    info.ky = bestKy;
    info.score = max;
    info.count = agg.count;
    info.lastSeq = agg.lastSeq;
  }

  clear(): void {
    this.length = 0;
  }
}
