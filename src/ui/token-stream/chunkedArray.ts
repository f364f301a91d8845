/**
 * A growable list of 16- or 32-bit integers in fixed-size typed-array chunks: growing never copies
 * and never holds more than one unfilled chunk, so a run of 16 M tokens costs its 2 bytes a token
 * plus at most one chunk (a doubling array can hold twice what it uses, right past a power of two).
 */
const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class ChunkedArray {
  private readonly chunks: (Uint16Array | Uint32Array)[] = [];
  private count = 0;

  constructor(private readonly make: (n: number) => Uint16Array | Uint32Array) {}

  get length(): number {
    return this.count;
  }

  /** Bytes allocated (whole chunks). */
  get bytes(): number {
    let b = 0;
    for (const c of this.chunks) b += c.byteLength;
    return b;
  }

  at(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & MASK];
  }

  push(values: ArrayLike<number>): void {
    let from = 0;
    while (from < values.length) {
      const c = this.count >>> CHUNK_BITS;
      if (c === this.chunks.length) this.chunks.push(this.make(CHUNK));
      const off = this.count & MASK;
      const n = Math.min(CHUNK - off, values.length - from);
      const chunk = this.chunks[c];
      if (values instanceof Uint16Array || values instanceof Uint32Array) chunk.set(values.subarray(from, from + n), off);
      else for (let k = 0; k < n; k++) chunk[off + k] = values[from + k];
      from += n;
      this.count += n;
    }
  }

  clear(): void {
    this.chunks.length = 0;
    this.count = 0;
  }
}
