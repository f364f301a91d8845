/**
 * The page's copy of a run's token stream: display ids and display-line starts in growable typed
 * arrays, filled batch by batch (one `set` per batch, never a per-token loop on the main thread).
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

  clear(): void {
    this.ids.clear();
    this.starts.clear();
  }

  /** Batches must arrive in order and contiguous. */
  append(b: TokenBatch): void {
    if (b.start !== this.ids.length) throw new Error(`token batch starts at ${b.start}, expected ${this.ids.length}`);
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
