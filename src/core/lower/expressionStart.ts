import type { FuncType, WasmInstr, WasmModule } from '../wasm/ir.ts';

const PUSH = new Set(['i32.const', 'local.get', 'global.get']);
const UNARY = new Set([
  'i32.eqz', 'i32.clz', 'i32.ctz', 'i32.popcnt', 'i32.extend8_s', 'i32.extend16_s', 'local.tee',
  'i32.load', 'i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u',
]);
const BINARY = new Set([
  'i32.add', 'i32.sub', 'i32.mul', 'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i32.and', 'i32.or',
  'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.rotl', 'i32.rotr', 'i32.eq', 'i32.ne', 'i32.lt_s',
  'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u',
]);
const POP1 = new Set(['local.set', 'global.set', 'drop']);
const POP2 = new Set(['i32.store', 'i32.store8', 'i32.store16']);

/** Type of function index `f` in the module's function index space (imports first). */
export function calleeType(m: WasmModule, f: number): FuncType | undefined {
  if (f < m.importedFunctionCount) {
    const imp = m.imports.filter((i) => i.kind === 'func')[f];
    return imp?.typeIndex !== undefined ? m.types[imp.typeIndex] : undefined;
  }
  return m.functions[f - m.importedFunctionCount]?.type;
}

/** [values popped, values pushed] of a straight-line instruction; undefined for control flow or unknowns. */
export function stackEffect(ins: WasmInstr, m: WasmModule): [number, number] | undefined {
  const op = ins.op;
  if (PUSH.has(op)) return [0, 1];
  if (UNARY.has(op)) return [1, 1];
  if (BINARY.has(op)) return [2, 1];
  if (POP1.has(op)) return [1, 0];
  if (POP2.has(op)) return [2, 0];
  if (op === 'select') return [3, 1];
  if (op === 'nop') return [0, 0];
  if (op === 'call') {
    const t = calleeType(m, ins.imm);
    return t ? [t.params.length, t.results.length] : undefined;
  }
  return undefined;
}

/**
 * The first index j ≤ end such that body[j..end] is straight-line code that consumes nothing
 * from below and leaves exactly one value (the value body[end] produces on top). A constant
 * pushed right before body[j] then ends up directly beneath that value. −1 when there is none
 * within `limit` instructions (control flow, unknown ops).
 */
export function expressionStart(body: WasmInstr[], end: number, m: WasmModule, limit = 64): number {
  let needed = 0; // values the suffix takes from below
  let produced = 0; // values the suffix leaves
  for (let j = end; j >= 0 && end - j < limit; j--) {
    const eff = stackEffect(body[j], m);
    if (!eff) return -1;
    const [pops, pushes] = eff;
    const fromThis = Math.min(pushes, needed);
    produced += pushes - fromThis;
    needed = needed - fromThis + pops;
    if (needed === 0 && produced === 1) return j;
    if (produced > 1) return -1;
  }
  return -1;
}
