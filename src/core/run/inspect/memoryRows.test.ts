import { describe, expect, it } from 'vitest';
import { changedAddresses, pickMemoryRows } from './memoryRows.ts';

describe('memory rows', () => {
  it('finds every changed byte (against a byte loop), word-aligned or not', () => {
    const a = new Uint8Array(4096);
    const b = new Uint8Array(4096);
    const writes = [0, 3, 4, 17, 1000, 1001, 4095];
    for (const w of writes) b[w] = 7;
    expect(changedAddresses(a, b, 100)).toEqual(writes);
    expect(changedAddresses(a.subarray(1), b.subarray(1), 100)).toEqual(writes.filter((w) => w > 0).map((w) => w - 1));
    expect(changedAddresses(a, b, 3)).toEqual([0, 3, 4]);
  });

  it('shows the accessed row first, then the rows with most writes, in address order', () => {
    const changed = [16, 17, 18, 64, 200, 201, 202, 203];
    expect(pickMemoryRows(changed, null, 2, 1 << 20)).toEqual([192, 16].sort((x, y) => x - y));
    expect(pickMemoryRows(changed, { kind: 'load', address: 1000, size: 4 }, 2, 1 << 20)).toEqual([192, 992]);
    // An access straddling two rows shows both.
    expect(pickMemoryRows([], { kind: 'store', address: 30, size: 4 }, 4, 1 << 20)).toEqual([16, 32]);
    expect(pickMemoryRows([], { kind: 'store', address: 1 << 20, size: 4 }, 4, 1 << 20)).toEqual([]);
  });
});
