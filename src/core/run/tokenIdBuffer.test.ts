import { describe, expect, it } from 'vitest';
import { IndexBuffer, TokenIdBuffer } from './tokenIdBuffer.ts';

describe('growable id buffers', () => {
  it('keep every id across growth, from arrays and typed arrays', () => {
    const b = new TokenIdBuffer(4);
    const want: number[] = [];
    for (let k = 0; k < 50; k++) {
      const chunk = Array.from({ length: 37 }, (_, i) => (k * 37 + i) & 0xffff);
      b.push(k % 2 ? Uint16Array.from(chunk) : chunk);
      want.push(...chunk);
    }
    expect(b.length).toBe(want.length);
    expect(Array.from({ length: b.length }, (_, i) => b.at(i))).toEqual(want);
    b.clear();
    expect(b.length).toBe(0);
  });

  it('IndexBuffer holds 32-bit positions', () => {
    const b = new IndexBuffer(0);
    b.push(Uint32Array.of(1, 70_000, 4_000_000_000));
    expect([b.at(0), b.at(1), b.at(2)]).toEqual([1, 70_000, 4_000_000_000]);
  });
});
