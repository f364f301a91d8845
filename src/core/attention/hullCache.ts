import { Aggregate } from './aggregate.ts';
import type { KvCache, MatchInfo, TieBreak } from './kvCache.ts';
import { LineEnvelope } from './lineEnvelope.ts';

/**
 * The hull KV cache of docs/original-design.md §9.4: O(log h) hard attention over 2-D keys.
 *
 * For qy > 0, maximizing qx·kx + qy·ky is maximizing the line kx·m + ky at m = qx/qy (upper
 * envelope); for qy < 0 it is maximizing (−kx)·m + (−ky) (lower envelope); for qy = 0 three
 * running aggregates answer directly (keys with the largest kx, the smallest kx, or all keys).
 * At query time the neighbours of the best line whose double score is exactly equal are merged
 * in (best, then leftwards, then rightwards).
 */
export class HullCache implements KvCache {
  private readonly upper: LineEnvelope;
  private readonly lower: LineEnvelope;
  private readonly all: Aggregate;
  private readonly left: Aggregate;
  private readonly right: Aggregate;
  private readonly combined: Aggregate;
  private minKx = Infinity;
  private maxKx = -Infinity;
  length = 0;
  readonly lastMatch: MatchInfo = { kx: NaN, ky: NaN, score: NaN, count: 0, lastSeq: -1 };

  constructor(readonly valueWidth: number) {
    this.upper = new LineEnvelope(valueWidth);
    this.lower = new LineEnvelope(valueWidth);
    this.all = new Aggregate(valueWidth);
    this.left = new Aggregate(valueWidth);
    this.right = new Aggregate(valueWidth);
    this.combined = new Aggregate(valueWidth);
  }

  get storedSize(): number {
    return this.upper.size + this.lower.size;
  }

  /** Lines on the upper / lower envelope. */
  get upperSize(): number {
    return this.upper.size;
  }
  get lowerSize(): number {
    return this.lower.size;
  }

  insert(kx: number, ky: number, value: ArrayLike<number>, seq: number): void {
    this.all.add(value, seq);
    if (kx < this.minKx) {
      this.minKx = kx;
      this.left.clear();
    }
    if (kx === this.minKx) this.left.add(value, seq);
    if (kx > this.maxKx) {
      this.maxKx = kx;
      this.right.clear();
    }
    if (kx === this.maxKx) this.right.add(value, seq);
    this.upper.add(kx, ky, value, seq);
    this.lower.add(-kx, -ky, value, seq);
    this.length++;
  }

  query(qx: number, qy: number, tie: TieBreak, out: Float64Array): void {
    const info = this.lastMatch;
    if (qy === 0) {
      const agg = qx > 0 ? this.right : qx < 0 ? this.left : this.all;
      agg.resolve(tie, out);
      info.kx = qx > 0 ? this.maxKx : qx < 0 ? this.minKx : NaN;
      info.ky = NaN;
      info.score = NaN;
      info.count = agg.count;
      info.lastSeq = agg.lastSeq;
      return;
    }
    const env = qy > 0 ? this.upper : this.lower;
    const agg = this.combined;
    agg.clear();
    if (env.size === 0) {
      agg.resolve(tie, out);
      info.kx = info.ky = info.score = NaN;
      info.count = 0;
      info.lastSeq = -1;
      return;
    }
    const sign = qy > 0 ? 1 : -1;
    const best = env.argmax(qx / qy);
    const m = env.slope;
    const b = env.intercept;
    const kx = sign * m[best];
    const ky = sign * b[best];
    const score = qx * kx + qy * ky;
    env.mergeInto(best, agg);
    for (let i = best - 1; i >= 0; i--) {
      if (qx * (sign * m[i]) + qy * (sign * b[i]) !== score) break;
      env.mergeInto(i, agg);
    }
    for (let i = best + 1; i < env.size; i++) {
      if (qx * (sign * m[i]) + qy * (sign * b[i]) !== score) break;
      env.mergeInto(i, agg);
    }
    agg.resolve(tie, out);
    info.kx = kx;
    info.ky = ky;
    info.score = score;
    info.count = agg.count;
    info.lastSeq = agg.lastSeq;
  }

  clear(): void {
    this.upper.clear();
    this.lower.clear();
    this.all.clear();
    this.left.clear();
    this.right.clear();
    this.minKx = Infinity;
    this.maxKx = -Infinity;
    this.length = 0;
  }
}
