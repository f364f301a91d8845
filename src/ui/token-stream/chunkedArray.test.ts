import { describe, expect, it } from 'vitest';
import { ADOPT_MIN, ChunkedArray } from './chunkedArray.ts';

const CHUNK = 1 << 18;

describe('ChunkedArray', () => {
  it('keeps small pushes across chunk boundaries, from typed arrays and plain arrays', () => {
    const a = new ChunkedArray(Uint32Array);
    const n = CHUNK * 2 + 777;
    const batch = ADOPT_MIN - 3;
    for (let s = 0; s < n; s += batch) {
      const len = Math.min(batch, n - s);
      a.push(s % 2 ? Array.from({ length: len }, (_, k) => s + k) : Uint32Array.from({ length: len }, (_, k) => s + k));
    }
    expect(a.length).toBe(n);
    for (const i of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, n - 1]) expect(a.at(i)).toBe(i);
    // At most one unfilled chunk.
    expect(a.bytes).toBe(3 * CHUNK * 4);
  });

  it('a 16-bit array holds 2 bytes a value past a power of two (no doubling)', () => {
    const a = new ChunkedArray(Uint16Array);
    a.push(new Uint16Array((1 << 24) + 97));
    expect(a.bytes / a.length).toBeLessThan(2.04);
    a.clear();
    expect([a.length, a.bytes]).toEqual([0, 0]);
  });

  it('keeps a large push that owns its buffer as it is, and copies one that does not', () => {
    const a = new ChunkedArray(Uint16Array);
    const owned = new Uint16Array(ADOPT_MIN).fill(7);
    a.push(owned);
    owned[0] = 99;
    expect(a.at(0)).toBe(99);
    expect(a.bytes).toBe(owned.byteLength);
    // A view into a larger buffer, or an array of the other width, is copied.
    const shared = new Uint16Array(ADOPT_MIN * 2).fill(5);
    a.push(shared.subarray(0, ADOPT_MIN));
    shared[0] = 1;
    expect(a.at(ADOPT_MIN)).toBe(5);
    const wide = new Uint32Array(ADOPT_MIN).fill(3);
    a.push(wide);
    wide[0] = 4;
    expect(a.at(2 * ADOPT_MIN)).toBe(3);
  });

  it('reads back any mix of copied and kept pushes, in any order of reads', () => {
    const a = new ChunkedArray(Uint32Array);
    const all: number[] = [];
    let seed = 12345;
    const rand = (m: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % m;
    };
    for (let p = 0; p < 60; p++) {
      const len = rand(3) === 0 ? ADOPT_MIN + rand(50_000) : rand(3000);
      const vals = Uint32Array.from({ length: len }, (_, k) => all.length + k);
      a.push(vals);
      for (const v of vals) all.push(v);
    }
    expect(a.length).toBe(all.length);
    for (let k = 0; k < 20_000; k++) {
      const i = rand(all.length);
      expect(a.at(i)).toBe(all[i]);
    }
    for (let i = 0; i < all.length; i += 97) expect(a.at(i)).toBe(i);
    // What it holds: every value, closed chunks trimmed to what they hold, at most one open chunk.
    expect(a.bytes).toBeGreaterThanOrEqual(all.length * 4);
    expect(a.bytes).toBeLessThanOrEqual(all.length * 4 + CHUNK * 4);
  });
});
