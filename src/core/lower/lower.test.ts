import { describe, expect, test } from 'vitest';
import { assembleProgram } from '../program/assemble.ts';
import { ins, irModule } from '../program/testing/irModule.ts';
import { runReference } from '../reference/interpret.ts';
import type { WasmInstr, WasmModule } from '../wasm/ir.ts';
import { constantLocals } from './constantLocals.ts';
import { expressionStart } from './expressionStart.ts';
import { lowerModule, MAX_LOWERING_TEMPS } from './lower.ts';
import { BINARY_OPS, UNARY_OPS } from './testing/oracle.ts';

const I = (op: string, imm = 0): WasmInstr => ins(op, imm);
const blk = (op: 'block' | 'loop'): WasmInstr => ({ op, imm: 0, blockType: { kind: 'empty' } });

/** The ops a lowered body may contain (the machine's, minus output/input_base/halt, plus control). */
const ALLOWED = new Set([
  'local.get', 'local.set', 'local.tee', 'global.get', 'global.set', 'i32.const', 'i32.load', 'i32.load8_s',
  'i32.load8_u', 'i32.load16_s', 'i32.load16_u', 'i32.store', 'i32.store8', 'i32.store16', 'i32.eqz', 'i32.eq',
  'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u',
  'i32.add', 'i32.sub', 'drop', 'select', 'block', 'loop', 'if', 'else', 'end', 'br', 'br_if', 'return', 'call',
  'nop', 'unreachable',
]);

function everyOpModule(): WasmModule {
  const body: WasmInstr[] = [];
  for (const op of BINARY_OPS) {
    body.push(I('i32.const', 0x100000), I('i32.const', 1024), I('i32.load'), I('local.get', 0), I(op), I('i32.store'));
    body.push(I('i32.const', 0x100000), I('local.get', 1), I('i32.const', 7), I(op), I('i32.store'));
  }
  for (const op of UNARY_OPS) body.push(I('i32.const', 0x100000), I('local.get', 1), I(op), I('i32.store'));
  body.push(I('i32.const', 2), I('br_table'));
  const m = irModule([{ name: 'compute', locals: 2, body: [] }]);
  body[body.length - 1] = { op: 'br_table', imm: 0, targets: [0, 0] };
  m.functions[0].body = [blk('block'), ...body, I('end'), I('end')];
  return m;
}

describe('lowerModule', () => {
  test('leaves only machine ops and control in every body, helpers included', () => {
    const lowered = lowerModule(everyOpModule());
    for (const f of lowered.functions) {
      const bad = f.body.filter((i) => !ALLOWED.has(i.op)).map((i) => i.op);
      expect(bad, `function ${f.name}`).toEqual([]);
    }
  });

  test('does not modify its input', () => {
    const m = everyOpModule();
    const before = JSON.stringify(m);
    lowerModule(m);
    expect(JSON.stringify(m)).toBe(before);
  });

  test('adds each helper once, named __tvm_*, with indexes following the defined functions', () => {
    const lowered = lowerModule(everyOpModule());
    const names = lowered.functions.map((f) => f.name);
    expect(names[0]).toBe('compute');
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(1).every((n) => n.startsWith('__tvm_'))).toBe(true);
    lowered.functions.forEach((f, k) => {
      expect(f.index).toBe(lowered.importedFunctionCount + k);
      expect(lowered.types[f.typeIndex]).toEqual(f.type);
    });
  });

  test(`adds at most MAX_LOWERING_TEMPS (${MAX_LOWERING_TEMPS}) temps to a function, and every frame fits 64 locals`, () => {
    const m = everyOpModule();
    const lowered = lowerModule(m);
    expect(lowered.functions[0].locals.length - m.functions[0].locals.length).toBeLessThanOrEqual(MAX_LOWERING_TEMPS);
    for (const f of lowered.functions) expect(f.type.params.length + f.locals.length + 1).toBeLessThanOrEqual(64);
    expect(() => assembleProgram(lowered)).not.toThrow();
  });

  test('x << 24 >> 24 becomes one sign extension (store8 + load8_s), x << 16 >>> 16 one mask', () => {
    const m = irModule([{ name: 'compute', locals: 1, body: [['local.get', 0], ['i32.const', 24], 'i32.shl', ['i32.const', 24], 'i32.shr_s', 'drop'] }]);
    expect(lowerModule(m).functions[0].body.map((i) => i.op)).toEqual(['i32.const', 'local.get', 'i32.store8', 'i32.const', 'i32.load8_s', 'drop', 'end']);
    const u = irModule([{ name: 'compute', locals: 1, body: [['local.get', 0], ['i32.const', 16], 'i32.shl', ['i32.const', 16], 'i32.shr_u', 'drop'] }]);
    expect(lowerModule(u).functions[0].body.map((i) => i.op)).toEqual(['i32.const', 'local.get', 'i32.store', 'i32.const', 'i32.load16_u', 'drop', 'end']);
  });

  test('a function without lowerable ops is copied unchanged', () => {
    const m = irModule([{ name: 'compute', locals: 1, body: [['i32.const', 5], ['local.set', 0]] }]);
    const lowered = lowerModule(m);
    expect(lowered.functions).toEqual(m.functions);
  });
});

describe('br_table', () => {
  /**
   * block $d (default) block $2 block $1 block $0: br_table [0, 1, 2, 1] default → each exit
   * stores its label number at 0x100000 + 4·case.
   */
  function brTableModule(indexes: number[]): WasmModule {
    const body: WasmInstr[] = [];
    indexes.forEach((idx, c) => {
      const res = 0x100000 + 4 * c;
      body.push(blk('block'), blk('block'), blk('block'), blk('block'), blk('block'));
      body.push(I('i32.const', idx), { op: 'br_table', imm: 3, targets: [0, 1, 2, 1] });
      body.push(I('end'), I('i32.const', res), I('i32.const', 10), I('i32.store'), I('br', 3));
      body.push(I('end'), I('i32.const', res), I('i32.const', 11), I('i32.store'), I('br', 2));
      body.push(I('end'), I('i32.const', res), I('i32.const', 12), I('i32.store'), I('br', 1));
      body.push(I('end'), I('i32.const', res), I('i32.const', 13), I('i32.store'));
      body.push(I('end'));
    });
    const m = irModule([{ name: 'compute', body: [] }]);
    m.functions[0].body = [...body, I('end')];
    return m;
  }

  test('picks the listed target for in-range indexes and the default for the rest', () => {
    const indexes = [0, 1, 2, 3, 4, 5, 100, 0x7fffffff, 0x80000000, 0xffffffff];
    const expected = [10, 11, 12, 11, 13, 13, 13, 13, 13, 13];
    const run = runReference(assembleProgram(lowerModule(brTableModule(indexes))), null);
    expect(run.stop).toBe('halt');
    const view = new DataView(run.memory.buffer);
    expect(indexes.map((_, c) => view.getUint32(0x100000 + 4 * c, true))).toEqual(expected);
  });

  test('keeps a value carried to the target block', () => {
    // block (result i32): push 42, index 0 → br_table [0] 0 carries 42 out.
    const m = irModule([{ name: 'compute', locals: 1, body: [] }]);
    m.functions[0].body = [
      I('i32.const', 0x100000),
      { op: 'block', imm: 0, blockType: { kind: 'value', type: 'i32' } },
      I('i32.const', 42), I('i32.const', 1024), I('i32.load'), { op: 'br_table', imm: 0, targets: [0] },
      I('end'), I('i32.store'), I('end'),
    ];
    const run = runReference(assembleProgram(lowerModule(m)), null);
    expect(new DataView(run.memory.buffer).getUint32(0x100000, true)).toBe(42);
  });
});

describe('constantLocals', () => {
  const fn = (body: WasmInstr[], params = 0) => ({
    index: 1, name: 'f', typeIndex: 0, type: { params: Array(params).fill('i32'), results: [] }, locals: ['i32', 'i32', 'i32'] as const, body,
  });

  test('a local only ever set to one constant at the top level, before any read, is constant', () => {
    const f = fn([I('i32.const', 10), I('local.set', 1), blk('loop'), I('local.get', 1), I('drop'), I('end'), I('end')]);
    expect(constantLocals({ ...f, locals: [...f.locals] })).toEqual(new Map([[1, 10]]));
  });

  test('a read that can see the initial zero disqualifies it (set inside a loop after a read)', () => {
    const f = fn([blk('loop'), I('local.get', 1), I('drop'), I('i32.const', 10), I('local.set', 1), I('end'), I('end')]);
    expect(constantLocals({ ...f, locals: [...f.locals] }).has(1)).toBe(false);
  });

  test('two different constants, a non-constant write, or a parameter disqualify it', () => {
    const two = fn([I('i32.const', 1), I('local.set', 1), I('i32.const', 2), I('local.set', 1), I('end')]);
    const other = fn([I('i32.const', 1), I('local.set', 1), I('local.get', 0), I('local.tee', 1), I('end')]);
    const param = fn([I('i32.const', 1), I('local.set', 0), I('end')], 1);
    expect(constantLocals({ ...two, locals: [...two.locals] }).has(1)).toBe(false);
    expect(constantLocals({ ...other, locals: [...other.locals] }).has(1)).toBe(false);
    expect(constantLocals({ ...param, locals: [...param.locals] }).has(0)).toBe(false);
  });

  test('zero is always safe (it is the initial value)', () => {
    const f = fn([blk('loop'), I('local.get', 2), I('drop'), I('i32.const', 0), I('local.set', 2), I('end'), I('end')]);
    expect(constantLocals({ ...f, locals: [...f.locals] })).toEqual(new Map([[2, 0]]));
  });
});

describe('expressionStart', () => {
  const m = irModule([{ name: 'compute', body: [] }]);
  test('finds the start of the straight-line expression that produced the top value', () => {
    const body = [I('local.get', 0), I('i32.const', 4), I('i32.add'), I('i32.load'), I('i32.const', 3)];
    expect(expressionStart(body, 3, m)).toBe(0);
    expect(expressionStart(body, 4, m)).toBe(4);
  });
  test('stops at control flow', () => {
    const body = [blk('block'), I('i32.const', 1), I('end'), I('i32.eqz')];
    expect(expressionStart(body, 3, m)).toBe(-1);
  });
});
