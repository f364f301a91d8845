import type { FlatEntry } from './flatten.ts';

/**
 * Locals that some path may read before writing them (a forward "definitely assigned" analysis
 * over the flattened control flow). WebAssembly zero-initialises locals; the machine does not
 * (a callee sees whatever the previous call at the same depth left, or an unrelated key), so
 * exactly these locals get an explicit `i32.const 0; local.set k` in the function's prologue.
 *
 * `assignedAtEntry` are the locals written before the body starts (the parameters).
 */
export function localsReadBeforeWrite(body: FlatEntry[], localCount: number, assignedAtEntry: number): number[] {
  const n = body.length;
  if (n === 0 || localCount === 0) return [];
  // in[i*L + k] = 1 when local k is assigned on every path reaching entry i. Start from "all" (the
  // lattice top) everywhere except the entry, and only ever clear bits.
  const L = localCount;
  const inSets = new Uint8Array(n * L).fill(1);
  const reached = new Uint8Array(n);
  for (let k = 0; k < L; k++) inSets[k] = k < assignedAtEntry ? 1 : 0;
  reached[0] = 1;
  const work: number[] = [0];
  const queued = new Uint8Array(n);
  queued[0] = 1;
  const out = new Uint8Array(L);

  const flow = (from: Uint8Array, to: number): void => {
    if (to < 0 || to >= n) return;
    let changed = !reached[to];
    reached[to] = 1;
    const base = to * L;
    for (let k = 0; k < L; k++) {
      if (inSets[base + k] && !from[k]) {
        inSets[base + k] = 0;
        changed = true;
      }
    }
    if (changed && !queued[to]) {
      queued[to] = 1;
      work.push(to);
    }
  };

  while (work.length) {
    const i = work.pop()!;
    queued[i] = 0;
    const e = body[i];
    out.set(inSets.subarray(i * L, i * L + L));
    if ((e.op === 'local.set' || e.op === 'local.tee') && e.imm < L) out[e.imm] = 1;
    switch (e.op) {
      case 'br':
        flow(out, e.target!);
        break;
      case 'br_if':
        flow(out, i + 1);
        flow(out, e.target!);
        break;
      case 'return':
      case 'halt':
        break;
      default:
        flow(out, i + 1);
    }
  }

  const needed = new Set<number>();
  for (let i = 0; i < n; i++) {
    const e = body[i];
    if (reached[i] && e.op === 'local.get' && (e.imm >= L || !inSets[i * L + e.imm])) needed.add(e.imm);
  }
  return [...needed].sort((a, b) => a - b);
}
