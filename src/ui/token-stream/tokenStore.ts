/**
 * The page's copy of a run's token stream: display ids (2 bytes a token) and display-line starts
 * (4 bytes a line) in typed-array segments (`chunkedArray.ts`: no doubling, so ~2.9 bytes a token
 * at any length; large batches kept as they arrive), filled batch by batch; the display (spans, text) is derived only for the rows on
 * screen.
 */
import type { TokenBatch } from '../../core/run/runEvents.ts';
import { ChunkedArray } from './chunkedArray.ts';

export class TokenStore {
  private readonly ids = new ChunkedArray(Uint16Array);
  private readonly starts = new ChunkedArray(Uint32Array);

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
    this.ids.clear();
    this.starts.clear();
  }

  /**
   * Batches must arrive in order and contiguous. The store keeps a large batch's arrays as they
   * are (`ChunkedArray.push`): the run worker transferred them, nothing else writes to them.
   */
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
