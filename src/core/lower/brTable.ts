import type { WasmInstr } from '../wasm/ir.ts';
import type { Code } from './code.ts';

/**
 * br_table → the index into `temp`, then one compare-and-br_if per run of consecutive indexes
 * that share a (non-default) target, then `br` to the default. No blocks are opened, so the
 * label depths stay as they were.
 */
export function lowerBrTable(ins: WasmInstr, c: Code, temp: number): void {
  const targets = ins.targets ?? [];
  const fallback = ins.imm;
  c.set(temp);
  let lo = 0;
  while (lo < targets.length) {
    let hi = lo;
    while (hi + 1 < targets.length && targets[hi + 1] === targets[lo]) hi++;
    if (targets[lo] !== fallback) {
      if (lo === hi) {
        if (lo === 0) c.get(temp).op('i32.eqz');
        else c.get(temp).const(lo).op('i32.eq');
      } else if (lo === 0) {
        c.get(temp).const(hi + 1).op('i32.lt_u');
      } else {
        c.get(temp).const(lo).sub().const(hi - lo + 1).op('i32.lt_u');
      }
      c.op('br_if', targets[lo]);
    }
    lo = hi + 1;
  }
  c.op('br', fallback);
}
