/**
 * The page's copy of a run's token stream: display ids (2 bytes a token) and display-line starts
 * (4 bytes a line) in fixed-size typed-array chunks, filled batch by batch. Chunks are never
 * copied or over-allocated by more than one chunk, so a 16M-token run costs ~2 bytes a token plus
 * 4 bytes a line; the display (spans, text) is derived only for the rows on screen.
 */
import type { TokenBatch } from '../../../workers/protocol.ts';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

class ChunkedArray<T extends Uint16Array | Uint32Array> {
  private readonly chunks: T[] = [];
  length = 0;

  constructor(private readonly make: (n: number) => T) {}

  at(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & MASK];
  }

  push(values: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }): void {
    let from = 0;
    while (from < values.length) {
      const c = this.length >>> CHUNK_BITS;
      if (c === this.chunks.length) this.chunks.push(this.make(CHUNK));
      const off = this.length & MASK;
      const n = Math.min(CHUNK - off, values.length - from);
      (this.chunks[c] as Uint32Array).set(values.subarray(from, from + n) as Uint32Array, off);
      from += n;
      this.length += n;
    }
  }

  /** Bytes held by the chunks. */
  get bytes(): number {
    return this.chunks.reduce((s, c) => s + c.byteLength, 0);
  }
}

export class TokenStore {
  private ids = new ChunkedArray((n) => new Uint16Array(n));
  private starts = new ChunkedArray((n) => new Uint32Array(n));

  get length(): number {
    return this.ids.length;
  }

  get lines(): number {
    return this.starts.length;
  }

  /** Bytes the store holds (the memory figure of the page's benchmark). */
  get bytes(): number {
    return this.ids.bytes + this.starts.bytes;
  }

  clear(): void {
    this.ids = new ChunkedArray((n) => new Uint16Array(n));
    this.starts = new ChunkedArray((n) => new Uint32Array(n));
  }

  /** Batches must arrive in order and contiguous. */
  append(b: TokenBatch): void {
    if (b.start !== this.length) throw new Error(`token batch starts at ${b.start}, expected ${this.length}`);
    this.ids.push(b.ids);
    this.starts.push(b.lineStarts);
  }

  tokenId(i: number): number {
    return this.ids.at(i);
  }

  /** [first token, one past the last token] of display line `r`. */
  lineRange(r: number): [number, number] {
    const start = this.starts.at(r);
    const end = r + 1 < this.starts.length ? this.starts.at(r + 1) : this.ids.length;
    return [start, end];
  }
}
