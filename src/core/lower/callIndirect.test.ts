import { describe, expect, it } from 'vitest';
import type { ValType, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { findMachineIssues } from '../wasm/validate.ts';
import { lowerCallIndirect } from './callIndirect.ts';
import { TRAP_INDIRECT_TYPE, TRAP_UNDEFINED_ELEMENT } from './helpers/trap.ts';
import { c64, I, i64Module, readQword, RESULT_BASE, runOnMachine } from './testing/i64Program.ts';

/**
 * Functions 2–4 sit in table slots 1–3 (slot 0 and 4 are null, the table has 5 slots):
 * inc(i32) → i32, twice(i32) → i32, wide(i64) → i64. `compute` makes one indirect call.
 */
function tableModule(call: WasmInstr[]): WasmModule {
  const i32: ValType[] = ['i32'];
  const m = i64Module([
    { name: 'compute', body: [I('i32.const', RESULT_BASE), ...call, I('i64.store', 0, { align: 3 })] },
    { name: 'inc', params: i32, results: i32, body: [I('local.get', 0), I('i32.const', 1), I('i32.add')] },
    { name: 'twice', params: i32, results: i32, body: [I('local.get', 0), I('local.get', 0), I('i32.add')] },
    { name: 'wide', params: ['i64'], results: ['i64'], body: [I('local.get', 0), c64(0x1_0000_0000n), I('i64.mul')] },
  ]);
  m.table = { size: 5, slots: [undefined, 2, 3, 4] };
  return m;
}

const typeOf = (m: WasmModule, name: string): number => m.functions.find((f) => f.name === name)!.typeIndex;
const narrow = (slot: number) => (m: WasmModule): WasmInstr[] => [I('i32.const', 20), I('i32.const', slot), I('call_indirect', typeOf(m, 'inc')), I('i64.extend_i32_u')];
const wide = (slot: number) => (m: WasmModule): WasmInstr[] => [c64(0x1234_5678n), I('i32.const', slot), I('call_indirect', typeOf(m, 'wide'))];

function run(call: (m: WasmModule) => WasmInstr[]): { output: string; result: bigint } {
  const m = tableModule([]);
  const body = m.functions[0].body;
  body.splice(1, 0, ...call(m));
  expect(findMachineIssues(m)).toEqual([]);
  const r = runOnMachine(m);
  return { output: r.output, result: readQword(r.memory, RESULT_BASE) };
}

describe('call_indirect', () => {
  it('calls the function in the slot, by function type (i32 and i64 signatures)', () => {
    expect(run(narrow(1))).toEqual({ output: '', result: 21n });
    expect(run(narrow(2))).toEqual({ output: '', result: 40n });
    expect(run(wide(3))).toEqual({ output: '', result: 0x1234_5678_0000_0000n });
  });

  it('traps on a slot holding a function of another type', () => {
    expect(run(narrow(3)).output).toBe(TRAP_INDIRECT_TYPE);
    expect(run(wide(1)).output).toBe(TRAP_INDIRECT_TYPE);
  });

  it('traps on a null or out-of-range slot', () => {
    for (const slot of [0, 4, 5, 1000, -1]) expect(run(narrow(slot)).output).toBe(TRAP_UNDEFINED_ELEMENT);
  });

  it('makes one dispatcher per function type and leaves modules without indirect calls alone', () => {
    const m = tableModule([]);
    m.functions[0].body.splice(1, 0, ...narrow(1)(m), I('drop'), ...narrow(2)(m));
    const out = lowerCallIndirect(m);
    expect(out.functions.filter((f) => f.name.startsWith('__tvm_dispatch')).map((f) => f.name)).toEqual([`__tvm_dispatch${typeOf(m, 'inc')}`]);
    expect(out.functions.some((f) => f.body.some((i) => i.op === 'call_indirect'))).toBe(false);
    const plain = tableModule([]);
    expect(lowerCallIndirect(plain)).toBe(plain);
  });

  it('is refused without a table, or when the table contents are not known before running', () => {
    const m = tableModule([]);
    m.functions[0].body.splice(1, 0, ...narrow(1)(m));
    const issues = (t: WasmModule['table']) => findMachineIssues({ ...m, table: t }).map((i) => i.construct);
    expect(issues(undefined)).toEqual(['indirect call (call_indirect) in a module without a function table']);
    expect(issues({ size: 2, slots: [], unknown: 'element segment 0 has a non-constant offset (global.get 0)' })).toEqual([
      'indirect call (call_indirect) through a table whose contents are not known before running: element segment 0 has a non-constant offset (global.get 0)',
    ]);
  });
});
