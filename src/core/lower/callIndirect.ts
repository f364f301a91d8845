import type { FuncType, WasmFunction, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { HelperRegistry } from './helperRegistry.ts';
import { HELPERS } from './helpers/catalog.ts';
import { addOutputImport, copyModule, outputImportIndex } from './outputImport.ts';

/**
 * Lowers `call_indirect` into direct calls: each call site calls a dispatcher for its function
 * type, `__tvm_dispatch<type index>(params…, slot)`, which compares the slot with every table
 * slot holding a function of that type (structurally equal, as WebAssembly checks) and calls it
 * directly. Any other slot traps as WebAssembly does: a slot holding a function of another type
 * prints `trap: indirect call type mismatch`, a null or out-of-range slot
 * `trap: undefined table element`. The table's contents are those of its active element segments
 * (the validator refuses tables whose contents are not known before running).
 *
 * Runs first (before the i64-pair pass, which then splits dispatchers with i64 parameters like any
 * function). Returns `m` itself when it has no call_indirect.
 */
export function lowerCallIndirect(m: WasmModule): WasmModule {
  if (!m.functions.some((f) => f.body.some((i) => i.op === 'call_indirect'))) return m;
  const out = copyModule(m);
  let outputFn = outputImportIndex(out);
  if (outputFn < 0) outputFn = addOutputImport(out);
  const traps = new HelperRegistry(out, HELPERS, outputFn);
  const dispatchers = new Map<string, number>();
  const originals = out.functions.length;
  for (let k = 0; k < originals; k++) {
    for (const ins of out.functions[k].body) {
      if (ins.op !== 'call_indirect') continue;
      const type = out.types[ins.imm];
      const key = typeKey(type);
      let fn = dispatchers.get(key);
      if (fn === undefined) {
        fn = addDispatcher(out, ins.imm, traps);
        dispatchers.set(key, fn);
      }
      ins.op = 'call';
      ins.imm = fn;
    }
  }
  return out;
}

const typeKey = (t: FuncType): string => `${t.params.join(',')}->${t.results.join(',')}`;

function functionType(m: WasmModule, f: number): FuncType | undefined {
  if (f >= m.importedFunctionCount) return m.functions[f - m.importedFunctionCount]?.type;
  const imp = m.imports.filter((i) => i.kind === 'func')[f];
  return imp?.typeIndex !== undefined ? m.types[imp.typeIndex] : undefined;
}

function addDispatcher(m: WasmModule, typeIndex: number, traps: HelperRegistry): number {
  const type = m.types[typeIndex];
  const slotLocal = type.params.length;
  const table = m.table ?? { size: 0, slots: [] };
  const body: WasmInstr[] = [];
  const I = (op: string, imm = 0, extra: Partial<WasmInstr> = {}): void => void body.push({ op, imm, ...extra });
  const key = typeKey(type);
  const mismatched: number[] = [];
  for (let slot = 0; slot < table.size; slot++) {
    const f = table.slots[slot];
    if (f === undefined) continue;
    const t = functionType(m, f);
    if (!t || typeKey(t) !== key) {
      mismatched.push(slot);
      continue;
    }
    I('local.get', slotLocal);
    I('i32.const', slot);
    I('i32.eq');
    I('if', 0, { blockType: { kind: 'empty' } });
    for (let p = 0; p < type.params.length; p++) I('local.get', p);
    I('call', f);
    I('return');
    I('end');
  }
  for (const slot of mismatched) {
    I('local.get', slotLocal);
    I('i32.const', slot);
    I('i32.eq');
    I('if', 0, { blockType: { kind: 'empty' } });
    I('call', traps.helper('trap_indirect_type'));
    I('end');
  }
  I('call', traps.helper('trap_undefined_element'));
  I('unreachable');
  I('end');
  const dispatchType: FuncType = { params: [...type.params, 'i32'], results: [...type.results] };
  m.types.push(dispatchType);
  const index = m.importedFunctionCount + m.functions.length;
  const fn: WasmFunction = { index, name: `__tvm_dispatch${typeIndex}`, typeIndex: m.types.length - 1, type: dispatchType, locals: [], body };
  m.functions.push(fn);
  return index;
}
