/**
 * The page's copy of a run's token stream: display ids (2 bytes a token) and display-line starts
 * (4 bytes a line) in core's growable typed arrays (`core/run/tokenIdBuffer.ts`, capacity doubled
 * when full), filled batch by batch; the display (spans, text) is derived only for the rows on
 * screen.
 */
import type { TokenBatch } from '../../core/run/runEvents.ts';
import { IndexBuffer, TokenIdBuffer } from '../../core/run/tokenIdBuffer.ts';

export class TokenStore {
  private readonly ids = new TokenIdBuffer(0);
  private readonly starts = new IndexBuffer(0);

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
