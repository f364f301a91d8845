import type { WasmFunction } from '../wasm/ir.ts';

/**
 * Declared locals that always hold one known constant when read (docs/original-design.md §6.1, made safe):
 * every write is `i32.const C; local.set/tee X` with the same C, and either C = 0 (the value a
 * declared local starts with) or the first write sits at the function's top nesting level
 * before any read, so no read can see the initial zero.
 */
export function constantLocals(fn: WasmFunction): Map<number, number> {
  const params = fn.type.params.length;
  const value = new Map<number, number>();
  const rejected = new Set<number>();
  const firstWrite = new Map<number, { at: number; topLevel: boolean }>();
  const firstRead = new Map<number, number>();
  let depth = 0;
  fn.body.forEach((ins, i) => {
    if (ins.op === 'block' || ins.op === 'loop' || ins.op === 'if') depth++;
    else if (ins.op === 'end') depth--;
    const x = ins.imm;
    if (ins.op === 'local.get') {
      if (!firstRead.has(x)) firstRead.set(x, i);
      return;
    }
    if (ins.op !== 'local.set' && ins.op !== 'local.tee') return;
    if (!firstWrite.has(x)) firstWrite.set(x, { at: i, topLevel: depth === 0 });
    const prev = fn.body[i - 1];
    if (x < params || prev?.op !== 'i32.const') {
      rejected.add(x);
      return;
    }
    const c = prev.imm >>> 0;
    if (value.has(x) && value.get(x) !== c) rejected.add(x);
    value.set(x, c);
  });
  for (const [x, c] of value) {
    if (rejected.has(x)) {
      value.delete(x);
      continue;
    }
    if (c === 0) continue;
    const w = firstWrite.get(x)!;
    const r = firstRead.get(x);
    if (!w.topLevel || (r !== undefined && r < w.at)) value.delete(x);
  }
  return value;
}
