import { describe, expect, it } from 'vitest';
import { ChunkedArray } from './chunkedArray.ts';

describe('ChunkedArray', () => {
  it('keeps values across chunk boundaries, from typed arrays and plain arrays', () => {
    const a = new ChunkedArray((n) => new Uint32Array(n));
    const n = (1 << 18) * 2 + 777;
    const batch = 100_003;
    for (let s = 0; s < n; s += batch) {
      const len = Math.min(batch, n - s);
      a.push(s % 2 ? Array.from({ length: len }, (_, k) => s + k) : Uint32Array.from({ length: len }, (_, k) => s + k));
    }
    expect(a.length).toBe(n);
    for (const i of [0, 1, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, n - 1]) expect(a.at(i)).toBe(i);
    // At most one unfilled chunk.
    expect(a.bytes).toBe(3 * (1 << 18) * 4);
  });

  it('a 16-bit array holds 2 bytes a value past a power of two (no doubling)', () => {
    const a = new ChunkedArray((n) => new Uint16Array(n));
    a.push(new Uint16Array((1 << 24) + 97));
    expect(a.bytes / a.length).toBeLessThan(2.04);
    a.clear();
    expect([a.length, a.bytes]).toEqual([0, 0]);
  });
});
