/**
 * Which rows of memory the machine-state view shows: the row the selected instruction reads or
 * writes first, then the rows with the most recently written bytes, at most `maxRows`, in
 * address order. Pure; the inspect worker fills the bytes.
 */
export const ROW_BYTES = 16;

export interface MemoryAccess {
  kind: 'load' | 'store';
  address: number;
  size: number;
}

/**
 * `changed`: addresses written (value changed) recently, ascending. Returns row base addresses,
 * ascending.
 */
export function pickMemoryRows(changed: ArrayLike<number>, access: MemoryAccess | null, maxRows: number, memoryBytes: number): number[] {
  const rows = new Map<number, number>();
  for (let i = 0; i < changed.length; i++) {
    const r = changed[i] - (changed[i] % ROW_BYTES);
    rows.set(r, (rows.get(r) ?? 0) + 1);
  }
  const chosen = new Set<number>();
  if (access) {
    for (let a = access.address; a < access.address + access.size && chosen.size < maxRows; a++) {
      if (a >= 0 && a < memoryBytes) chosen.add(a - (a % ROW_BYTES));
    }
  }
  const ranked = [...rows].sort((x, y) => y[1] - x[1] || y[0] - x[0]);
  for (const [r] of ranked) {
    if (chosen.size >= maxRows) break;
    chosen.add(r);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Addresses where `a` and `b` differ (ascending), at most `limit` of them. */
export function changedAddresses(a: Uint8Array, b: Uint8Array, limit: number): number[] {
  const out: number[] = [];
  const n = Math.min(a.length, b.length);
  // Compare 4 bytes at a time where aligned views are possible (memory is a multiple of 4).
  if (n % 4 === 0 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const wa = new Uint32Array(a.buffer, a.byteOffset, n / 4);
    const wb = new Uint32Array(b.buffer, b.byteOffset, n / 4);
    for (let w = 0; w < wa.length; w++) {
      if (wa[w] === wb[w]) continue;
      for (let i = 4 * w; i < 4 * w + 4; i++) {
        if (a[i] !== b[i]) {
          out.push(i);
          if (out.length >= limit) return out;
        }
      }
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      out.push(i);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
