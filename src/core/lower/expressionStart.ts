import type { FuncType, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { opsWhere, wasmOp } from '../wasm/opcodeTable.ts';

/** Ops on i32 values only, whose stack effect is their signature's. */
const I32_ONLY = opsWhere((i) => i.type === 'i32' && !!i.sig && [...i.sig.params, ...i.sig.results].every((t) => t === 'i32'));
/** The variable and parametric ops, whose types depend on the local, global or operands (all i32 here). */
const VARIABLE_EFFECT: ReadonlyMap<string, [number, number]> = new Map([
  ['local.get', [0, 1]], ['global.get', [0, 1]], ['local.tee', [1, 1]], ['local.set', [1, 0]], ['global.set', [1, 0]],
  ['drop', [1, 0]], ['select', [3, 1]], ['nop', [0, 0]],
]);

/** Type of function index `f` in the module's function index space (imports first). */
function calleeType(m: WasmModule, f: number): FuncType | undefined {
  if (f < m.importedFunctionCount) {
    const imp = m.imports.filter((i) => i.kind === 'func')[f];
    return imp?.typeIndex !== undefined ? m.types[imp.typeIndex] : undefined;
  }
  return m.functions[f - m.importedFunctionCount]?.type;
}

/** [values popped, values pushed] of a straight-line instruction; undefined for control flow or unknowns. */
export function stackEffect(ins: WasmInstr, m: WasmModule): [number, number] | undefined {
  const op = ins.op;
  if (I32_ONLY.has(op)) {
    const { params, results } = wasmOp(op)!.sig!;
    return [params.length, results.length];
  }
  const variable = VARIABLE_EFFECT.get(op);
  if (variable) return variable;
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
