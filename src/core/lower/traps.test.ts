import { describe, expect, test } from 'vitest';
import { assembleProgram } from '../program/assemble.ts';
import { ins } from '../program/testing/irModule.ts';
import { runReference } from '../reference/interpret.ts';
import type { WasmInstr, WasmModule } from '../wasm/ir.ts';
import { ABNORMAL_ENDS } from '../tokens/exitStatus.ts';
import { lowerModule } from './lower.ts';
import { constCasesModule, runCases, variableCasesModule } from './testing/caseProgram.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const INT_MIN = 0x80000000;
const MINUS_ONE = 0xffffffff;

/** Runs `a op b` (operands from memory, or b as a constant) followed by a marker output '!'. */
function runOne(op: string, a: number, b: number, constant: boolean): { output: string; stop: string; result: number; trap?: string; exitStatus?: number } {
  const m = constant ? constCasesModule(op, [b], [a], 'load') : variableCasesModule(op, [[a, b]], 'loads');
  // After the case, print '!' so a run that wrongly continues past a trap is visible.
  const body = m.functions[0].body;
  body.splice(body.length - 1, 0, ins('i32.const', 33), ins('call', 0));
  const { run, results } = runCases(m, 1);
  const r = { output: text(run.output), stop: run.stop, result: results[0] };
  return run.trap ? { ...r, trap: run.trap, exitStatus: run.exitStatus } : r;
}

describe('traps', () => {
  for (const op of ['i32.div_u', 'i32.rem_u', 'i32.div_s', 'i32.rem_s']) {
    for (const constant of [false, true]) {
      test(`${op} by zero (${constant ? 'constant' : 'variable'} divisor) halts with the trap's status word`, () => {
        for (const a of [0, 7, INT_MIN, MINUS_ONE]) {
          const r = runOne(op, a, 0, constant);
          expect(r.output).toBe('');
          expect(r.stop).toBe('halt');
          expect([r.trap, r.exitStatus]).toEqual([ABNORMAL_ENDS.divideByZero.name, 136]);
        }
      });
    }
  }

  for (const constant of [false, true]) {
    test(`INT_MIN / −1 traps with 'integer overflow' (${constant ? 'constant' : 'variable'} divisor)`, () => {
      const r = runOne('i32.div_s', INT_MIN, MINUS_ONE, constant);
      expect(r.output).toBe('');
      expect(r.stop).toBe('halt');
      expect([r.trap, r.exitStatus]).toEqual([ABNORMAL_ENDS.integerOverflow.name, 136]);
    });

    test(`INT_MIN % −1 = 0 and INT_MIN / 1, −7 / −1 do not trap (${constant ? 'constant' : 'variable'})`, () => {
      expect(runOne('i32.rem_s', INT_MIN, MINUS_ONE, constant)).toEqual({ output: '!', stop: 'halt', result: 0 });
      expect(runOne('i32.div_s', INT_MIN, 1, constant)).toEqual({ output: '!', stop: 'halt', result: INT_MIN });
      expect(runOne('i32.div_s', (-7) >>> 0, MINUS_ONE, constant)).toEqual({ output: '!', stop: 'halt', result: 7 });
    });
  }
});

describe('halt import', () => {
  /** compute calls f(a, b) = a / b through a defined function; no imports at all. */
  function moduleWithoutImports(): WasmModule {
    const I = (op: string, imm = 0): WasmInstr => ins(op, imm);
    const data = new Uint8Array(8);
    new DataView(data.buffer).setUint32(0, 100, true);
    new DataView(data.buffer).setUint32(4, 7, true);
    return {
      types: [{ params: [], results: [] }, { params: ['i32', 'i32'], results: ['i32'] }],
      imports: [],
      functions: [
        {
          index: 0, name: 'compute', typeIndex: 0, type: { params: [], results: [] }, locals: [],
          body: [I('i32.const', 0x100000), I('i32.const', 1024), I('i32.load'), I('i32.const', 1028), I('i32.load'), I('call', 1), I('i32.store'), I('end')],
        },
        {
          index: 1, name: 'divide', typeIndex: 1, type: { params: ['i32', 'i32'], results: ['i32'] }, locals: [],
          body: [I('local.get', 0), I('local.get', 1), I('i32.div_u'), I('end')],
        },
      ],
      globals: [],
      exports: [{ name: 'compute', kind: 'func', index: 0 }],
      data: [{ mode: 'active', offset: 1024, bytes: data }],
      importedFunctionCount: 0,
      customSections: [],
    };
  }

  test('is added when a division needs it, shifting function indexes, calls and exports', () => {
    const m = moduleWithoutImports();
    const before = JSON.stringify(m);
    const lowered = lowerModule(m);
    expect(JSON.stringify(m)).toBe(before); // input untouched
    expect(lowered.imports).toEqual([{ module: 'env', name: 'halt', kind: 'func', typeIndex: expect.any(Number) }]);
    expect(lowered.types[lowered.imports[0].typeIndex!]).toEqual({ params: ['i32'], results: [] });
    expect(lowered.importedFunctionCount).toBe(1);
    expect(lowered.functions.slice(0, 2).map((f) => [f.name, f.index])).toEqual([['compute', 1], ['divide', 2]]);
    expect(lowered.exports[0].index).toBe(1);
    expect(lowered.functions[0].body.find((i) => i.op === 'call')?.imm).toBe(2);
    lowered.functions.forEach((f, k) => expect(f.index).toBe(lowered.importedFunctionCount + k));
    const run = runReference(assembleProgram(lowered), null);
    expect(run.stop).toBe('halt');
    expect(new DataView(run.memory.buffer).getUint32(0x100000, true)).toBe(14);
  });

  test('is not added when nothing can trap', () => {
    const m = moduleWithoutImports();
    m.functions[1].body[2] = ins('i32.mul');
    const lowered = lowerModule(m);
    expect(lowered.imports).toEqual([]);
    expect(lowered.functions[0].index).toBe(0);
  });
});
