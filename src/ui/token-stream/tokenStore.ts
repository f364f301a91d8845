/**
 * The page's copy of a run's token stream: display ids and display-line starts in growable typed
 * arrays, filled batch by batch (one `set` per batch, never a per-token loop on the main thread).
 */
import type { TokenBatch } from '../../protocol/run.ts';

function grow<T extends Uint16Array | Uint32Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  let n = Math.max(1024, a.length);
  while (n < need) n *= 2;
  const b = make(n);
  b.set(a);
  return b;
}

export class TokenStore {
  private ids = new Uint16Array(0);
  private starts = new Uint32Array(0);
  private tokenCount = 0;
  private lineCount = 0;

  get length(): number {
    return this.tokenCount;
  }

  get lines(): number {
    return this.lineCount;
  }

  clear(): void {
    this.ids = new Uint16Array(0);
    this.starts = new Uint32Array(0);
    this.tokenCount = 0;
    this.lineCount = 0;
  }

  /** Batches must arrive in order and contiguous. */
  append(b: TokenBatch): void {
    if (b.start !== this.tokenCount) throw new Error(`token batch starts at ${b.start}, expected ${this.tokenCount}`);
    this.ids = grow(this.ids, this.tokenCount + b.ids.length, (n) => new Uint16Array(n));
    this.ids.set(b.ids, this.tokenCount);
    this.tokenCount += b.ids.length;
    this.starts = grow(this.starts, this.lineCount + b.lineStarts.length, (n) => new Uint32Array(n));
    this.starts.set(b.lineStarts, this.lineCount);
    this.lineCount += b.lineStarts.length;
  }

  tokenId(i: number): number {
    return this.ids[i];
  }

  /** [first token, one past the last token] of display line `r`. */
  lineRange(r: number): [number, number] {
    const start = this.starts[r];
    const end = r + 1 < this.lineCount ? this.starts[r + 1] : this.tokenCount;
    return [start, end];
  }
}
