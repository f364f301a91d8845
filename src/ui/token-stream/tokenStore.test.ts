import { describe, expect, it } from 'vitest';
import { TokenStore } from './tokenStore.ts';

const batch = (start: number, ids: number[], lineStarts: number[]) => ({
  start, ids: Uint16Array.from(ids), lineStarts: Uint32Array.from(lineStarts),
});

describe('TokenStore', () => {
  it('appends batches and answers line ranges across batch boundaries', () => {
    const s = new TokenStore();
    s.append(batch(0, [1, 2, 3], [0, 1]));
    s.append(batch(3, [4, 5], [4]));
    expect(s.length).toBe(5);
    expect(s.lines).toBe(3);
    expect([0, 1, 2].map((r) => s.lineRange(r))).toEqual([[0, 1], [1, 4], [4, 5]]);
    expect([0, 1, 2, 3, 4].map((i) => s.tokenId(i))).toEqual([1, 2, 3, 4, 5]);
  });

  it('grows past its initial capacity', () => {
    const s = new TokenStore();
    const n = 5000;
    for (let i = 0; i < n; i++) s.append(batch(i, [i % 7], [i]));
    expect(s.length).toBe(n);
    expect(s.lineRange(n - 1)).toEqual([n - 1, n]);
    expect(s.tokenId(4999)).toBe(4999 % 7);
  });

  it('refuses a batch out of order', () => {
    const s = new TokenStore();
    s.append(batch(0, [1], [0]));
    expect(() => s.append(batch(5, [1], [5]))).toThrow(/starts at 5, expected 1/);
  });
});

describe('TokenStore at scale', () => {
  it('holds a million tokens and reads them back across batch edges', () => {
    const s = new TokenStore();
    const n = 1_000_000;
    const per = 40_000;
    for (let start = 0; start < n; start += per) {
      const ids = new Uint16Array(per).map((_, k) => (start + k) % 65_521);
      const lineStarts = Uint32Array.from({ length: per / 5 }, (_, k) => start + 5 * k);
      s.append({ start, ids, lineStarts });
    }
    expect(s.length).toBe(n);
    expect(s.lines).toBe(n / 5);
    for (const i of [0, 65_535, 65_536, 131_071, 999_999]) expect(s.tokenId(i)).toBe(i % 65_521);
    expect(s.lineRange(13_107)).toEqual([65_535, 65_540]);
    expect(s.lineRange(n / 5 - 1)).toEqual([n - 5, n]);
    // 2 bytes a token + 4 bytes a line, and capacity at most doubled past that.
    const held = 2 * n + 4 * (n / 5);
    expect(s.bytes).toBeGreaterThanOrEqual(held);
    expect(s.bytes).toBeLessThan(2 * held);
  });
});
