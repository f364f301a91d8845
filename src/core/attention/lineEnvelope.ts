import { Aggregate } from './aggregate.ts';

/**
 * The upper (max) envelope of a set of lines y = slope·x + intercept, maintained incrementally
 * (the "line container" / dynamic convex hull trick of docs/original-design.md §9.4). Every line carries the summary
 * of the cache entries it stands for.
 *
 * Lines are kept in sorted arrays (by slope) with, per line, its breakpoint: the largest x at
 * which it is the maximum (its intersection with the next line; +∞ for the last). Breakpoints
 * strictly increase along the array, so a query is a binary search. The insertion follows the
 * original's order of operations exactly, with breakpoints in double instead of long double.
 * Appending the largest slope (position-keyed heads) costs O(1) amortized; an insertion in the
 * middle moves the lines after it.
 */
export class LineEnvelope {
  size = 0;
  private cap = 0;
  slope = new Float64Array(0);
  intercept = new Float64Array(0);
  breakpoint = new Float64Array(0);
  count = new Float64Array(0);
  lastSeq = new Float64Array(0);
  /** Per line `width` values: the sum of the values of its entries, in insertion order. */
  sum = new Float64Array(0);
  /** Per line `width` values: the value of its entry with the largest seq. */
  last = new Float64Array(0);

  constructor(readonly width: number) {
    this.grow(4);
  }

  clear(): void {
    this.size = 0;
  }

  /** Inserts the line of one new entry. */
  add(slope: number, intercept: number, value: ArrayLike<number>, seq: number): void {
    const w = this.width;
    const i = this.lowerBoundSlope(slope);
    if (i < this.size && this.slope[i] === slope) {
      if (this.intercept[i] === intercept) {
        // Same line: merge the new entry into it. The envelope is unchanged, so the breakpoints
        // the original recomputes after erasing and re-inserting the merged line stay the same.
        const o = i * w;
        for (let j = 0; j < w; j++) this.sum[o + j] += value[j];
        this.count[i] += 1;
        if (seq > this.lastSeq[i]) {
          this.lastSeq[i] = seq;
          for (let j = 0; j < w; j++) this.last[o + j] = value[j];
        }
        return;
      }
      if (this.intercept[i] >= intercept) return; // the existing line dominates everywhere
      this.removeAt(i); // the new line dominates: replace
    }
    this.insertAt(i, slope, intercept);
    const o = i * w;
    for (let j = 0; j < w; j++) {
      this.sum[o + j] = 0 + value[j];
      this.last[o + j] = value[j];
    }
    this.count[i] = 1;
    this.lastSeq[i] = seq;
    this.fixAround(i);
  }

  /** Index of the line that is maximal at x: the first with breakpoint ≥ x, else the last. */
  argmax(x: number): number {
    let lo = 0;
    let hi = this.size;
    const bp = this.breakpoint;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bp[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.size ? this.size - 1 : lo;
  }

  /** Adds line i's summary into `agg`. */
  mergeInto(i: number, agg: Aggregate): void {
    agg.mergeFlat(this.sum, this.last, i * this.width, this.count[i], this.lastSeq[i]);
  }

  private lowerBoundSlope(m: number): number {
    let lo = 0;
    let hi = this.size;
    const s = this.slope;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < m) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Sets line x's breakpoint against line y (y = size means "no next line") and returns
   * whether it is ≥ y's breakpoint, i.e. whether y is no longer needed.
   */
  private isect(x: number, y: number): boolean {
    const bp = this.breakpoint;
    if (y >= this.size) {
      bp[x] = Infinity;
      return false;
    }
    const mx = this.slope[x];
    const my = this.slope[y];
    if (mx === my) bp[x] = this.intercept[x] >= this.intercept[y] ? Infinity : -Infinity;
    else bp[x] = (this.intercept[y] - this.intercept[x]) / (mx - my);
    return bp[x] >= bp[y];
  }

  /** Restores the envelope after inserting line y (the original's three steps, in order). */
  private fixAround(y: number): void {
    while (this.isect(y, y + 1)) this.removeAt(y + 1);
    let x = y;
    if (x > 0) {
      x = y - 1;
      if (this.isect(x, y)) {
        this.removeAt(y);
        this.isect(x, y);
      }
    }
    const bp = this.breakpoint;
    while (x > 0 && bp[x - 1] >= bp[x]) {
      this.removeAt(x);
      this.isect(x - 1, x);
      x--;
    }
  }

  private insertAt(i: number, slope: number, intercept: number): void {
    if (this.size === this.cap) this.grow(this.cap * 2);
    const n = this.size;
    const w = this.width;
    if (i < n) {
      this.slope.copyWithin(i + 1, i, n);
      this.intercept.copyWithin(i + 1, i, n);
      this.breakpoint.copyWithin(i + 1, i, n);
      this.count.copyWithin(i + 1, i, n);
      this.lastSeq.copyWithin(i + 1, i, n);
      this.sum.copyWithin((i + 1) * w, i * w, n * w);
      this.last.copyWithin((i + 1) * w, i * w, n * w);
    }
    this.slope[i] = slope;
    this.intercept[i] = intercept;
    this.size = n + 1;
  }

  private removeAt(i: number): void {
    const n = this.size;
    const w = this.width;
    if (i < n - 1) {
      this.slope.copyWithin(i, i + 1, n);
      this.intercept.copyWithin(i, i + 1, n);
      this.breakpoint.copyWithin(i, i + 1, n);
      this.count.copyWithin(i, i + 1, n);
      this.lastSeq.copyWithin(i, i + 1, n);
      this.sum.copyWithin(i * w, (i + 1) * w, n * w);
      this.last.copyWithin(i * w, (i + 1) * w, n * w);
    }
    this.size = n - 1;
  }

  private grow(cap: number): void {
    const w = this.width;
    const copy = (a: Float64Array, n: number) => {
      const b = new Float64Array(n);
      b.set(a.subarray(0, Math.min(a.length, n)));
      return b;
    };
    this.slope = copy(this.slope, cap);
    this.intercept = copy(this.intercept, cap);
    this.breakpoint = copy(this.breakpoint, cap);
    this.count = copy(this.count, cap);
    this.lastSeq = copy(this.lastSeq, cap);
    this.sum = copy(this.sum, cap * w);
    this.last = copy(this.last, cap * w);
    this.cap = cap;
  }
}
