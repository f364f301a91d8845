import type { WasmModule } from '../wasm/ir.ts';
import { opsWhere, wasmOp } from '../wasm/opcodeTable.ts';

/**
 * At most this many constant divisors per module get their own unrolled division helper
 * (~400 instructions of prefix each, about twice as fast as the general one); the others
 * share the general `udivmod`.
 */
export const MAX_SPECIALIZED_DIVISORS = 3;

const DIVISIONS = opsWhere((i) => i.handling === 'lowered' && !!i.traps);

/** The divisor an unrolled helper would divide by (|d| for signed ops), or −1 when none applies. */
function helperDivisor(op: string, constant: number): number {
  const d = wasmOp(op)?.signed ? Math.abs(constant | 0) : constant >>> 0;
  if (d < 3 || d >= 2 ** 31 || Number.isInteger(Math.log2(d))) return -1;
  return d;
}

/** The constant divisors with the most `i32.const d; div/rem` sites (ties: the smaller d). */
export function specializedDivisors(m: WasmModule): Set<number> {
  const sites = new Map<number, number>();
  for (const f of m.functions) {
    f.body.forEach((ins, i) => {
      const prev = f.body[i - 1];
      if (!DIVISIONS.has(ins.op) || prev?.op !== 'i32.const') return;
      const d = helperDivisor(ins.op, prev.imm);
      if (d > 0) sites.set(d, (sites.get(d) ?? 0) + 1);
    });
  }
  const ranked = [...sites].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return new Set(ranked.slice(0, MAX_SPECIALIZED_DIVISORS).map(([d]) => d));
}
