/**
 * A growable list of 16- or 32-bit integers held as a list of typed-array segments: growing never
 * copies and never holds more than one unfilled chunk, so a run of 16 M tokens costs its 2 bytes a
 * token plus at most one chunk (a doubling array can hold twice what it uses, right past a power
 * of two).
 *
 * Small pushes are copied into fixed-size chunks. A push of ADOPT_MIN values or more that owns its
 * whole buffer (a batch transferred from the run worker) becomes a segment as it is: no copy, and
 * no fresh pages for the main thread to fault in (the reference interpreter streams ~7 M tokens a
 * second; copying them into new chunks cost the main thread ~10% of its time while following,
 * most of it first touches of new memory: docs/playground-page.md "Frames while following").
 */
type Ints = Uint16Array | Uint32Array;

const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;
/** Pushes at least this long are kept as they are (when they own their buffer). */
export const ADOPT_MIN = 1 << 14;

export class ChunkedArray {
  private readonly segs: Ints[] = [];
  /** Index of each segment's first value. */
  private readonly starts: number[] = [];
  /** The last segment is a chunk still being filled (values past `count` are unused). */
  private open = false;
  private count = 0;
  /** The segment the last `at` read (reads are mostly sequential). */
  private hint = 0;

  /** `kind`: the typed array the values are kept in (Uint16Array or Uint32Array). */
  constructor(private readonly kind: typeof Uint16Array | typeof Uint32Array) {}

  get length(): number {
    return this.count;
  }

  /** Bytes allocated (whole chunks, adopted segments). */
  get bytes(): number {
    let b = 0;
    for (const c of this.segs) b += c.byteLength;
    return b;
  }

  private end(k: number): number {
    return k + 1 < this.segs.length ? this.starts[k + 1] : this.count;
  }

  at(i: number): number {
    let k = this.hint;
    if (k >= this.segs.length || i < this.starts[k] || i >= this.end(k)) {
      // The last segment whose start is ≤ i.
      let lo = 0;
      let hi = this.segs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (this.starts[mid] <= i) lo = mid;
        else hi = mid - 1;
      }
      k = lo;
      this.hint = k;
    }
    return this.segs[k][i - this.starts[k]];
  }

  /**
   * Appends `values`. A typed array of this list's kind with ADOPT_MIN values or more, spanning its
   * whole buffer, is kept as it is: the caller gives it up (must not write to it afterwards).
   */
  push(values: ArrayLike<number>): void {
    if (values instanceof this.kind && values.length >= ADOPT_MIN && values.byteOffset === 0 && values.byteLength === values.buffer.byteLength) {
      this.closeChunk();
      this.segs.push(values);
      this.starts.push(this.count);
      this.count += values.length;
      return;
    }
    let from = 0;
    while (from < values.length) {
      if (!this.open || this.count - this.starts[this.starts.length - 1] === CHUNK) {
        this.segs.push(new this.kind(CHUNK));
        this.starts.push(this.count);
        this.open = true;
      }
      const chunk = this.segs[this.segs.length - 1];
      const off = this.count - this.starts[this.starts.length - 1];
      const n = Math.min(CHUNK - off, values.length - from);
      if (values instanceof Uint16Array || values instanceof Uint32Array) chunk.set(values.subarray(from, from + n), off);
      else for (let k = 0; k < n; k++) chunk[off + k] = values[from + k];
      from += n;
      this.count += n;
    }
  }

  /** The chunk being filled, if any, keeps only what it holds (an adopted segment follows it). */
  private closeChunk(): void {
    if (!this.open) return;
    const k = this.segs.length - 1;
    const used = this.count - this.starts[k];
    if (used < this.segs[k].length) this.segs[k] = this.segs[k].slice(0, used);
    this.open = false;
  }

  clear(): void {
    this.segs.length = 0;
    this.starts.length = 0;
    this.open = false;
    this.count = 0;
    this.hint = 0;
  }
}
