import type { TieBreak } from './kvCache.ts';

/**
 * The value summary of a set of cache entries ("meta" in docs/original-design.md §9.4): the sum of their values
 * (in the order they were added), their count, and the value with the largest seq.
 */
export class Aggregate {
  readonly sum: Float64Array;
  readonly last: Float64Array;
  count = 0;
  lastSeq = -1;

  constructor(readonly width: number) {
    this.sum = new Float64Array(width);
    this.last = new Float64Array(width);
  }

  add(value: ArrayLike<number>, seq: number): void {
    const w = this.width;
    for (let i = 0; i < w; i++) this.sum[i] += value[i];
    this.count++;
    if (seq > this.lastSeq) {
      this.lastSeq = seq;
      for (let i = 0; i < w; i++) this.last[i] = value[i];
    }
  }

  /** Adds another summary stored in flat arrays at `offset` (the envelope's line storage). */
  mergeFlat(sum: Float64Array, last: Float64Array, offset: number, count: number, lastSeq: number): void {
    const w = this.width;
    for (let i = 0; i < w; i++) this.sum[i] += sum[offset + i];
    this.count += count;
    if (lastSeq > this.lastSeq) {
      this.lastSeq = lastSeq;
      for (let i = 0; i < w; i++) this.last[i] = last[offset + i];
    }
  }

  resolve(tie: TieBreak, out: Float64Array): void {
    const w = this.width;
    if (this.count === 0) {
      for (let i = 0; i < w; i++) out[i] = 0;
    } else if (tie === 'latest') {
      for (let i = 0; i < w; i++) out[i] = this.last[i];
    } else {
      const inv = 1 / this.count;
      for (let i = 0; i < w; i++) out[i] = this.sum[i] * inv;
    }
  }

  clear(): void {
    this.sum.fill(0);
    this.last.fill(0);
    this.count = 0;
    this.lastSeq = -1;
  }
}
