import { describe, expect, test } from 'vitest';
import { ins, irModule } from '../program/testing/irModule.ts';
import type { WasmFunction, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { KnownBits } from './knownBits.ts';
import { lowerModule } from './lower.ts';
import { constCasesModule, INPUT_BASE, RESULT_BASE, runCases, sequenceCasesModule } from './testing/caseProgram.ts';
import { edgeValues, expectBinary, randomValue, rng } from './testing/oracle.ts';

/**
 * The known-bits rewrites of and/or/xor (booleans, disjoint operands, single-bit constants)
 * must be exact, and the analysis must not prove what is not true: operands that look boolean
 * but can be 2, −1 or 0x100 (a reused local, a loop back edge, an if arm, a branch) must take the
 * general path and still give the right value.
 */

const I = (op: string, imm = 0): WasmInstr => ins(op, imm);
const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;
const blk = (op: 'block' | 'loop' | 'if'): WasmInstr => ({ op, imm: 0, blockType: { kind: 'empty' } });

function fnOf(body: WasmInstr[], params = 1, locals = 3): { fn: WasmFunction; m: WasmModule } {
  const m = irModule([{ name: 'compute', params, locals, body: [] }]);
  m.functions[0].body = [...body, I('end')];
  return { fn: m.functions[0], m };
}

/** Known bits of the operands of the first op named `op` (the `nth` one). */
function operandsOf(body: WasmInstr[], op: string, nth = 0): [number, number] {
  const { fn, m } = fnOf(body);
  const at = body.map((b, i) => (b.op === op ? i : -1)).filter((i) => i >= 0)[nth];
  const [x, y] = new KnownBits(fn, m).operands(at);
  return [x.zeros >>> 0, y.zeros >>> 0];
}

const BOOL = 0xfffffffe;

describe('KnownBits', () => {
  test('comparisons and eqz are booleans; parameters are unknown; declared locals start at 0', () => {
    expect(operandsOf([I('i32.const', 3), I('local.get', 0), I('i32.lt_u'), I('local.get', 0), I('i32.or'), I('drop')], 'i32.or')).toEqual([BOOL, 0]);
    expect(operandsOf([I('local.get', 0), I('i32.eqz'), I('local.get', 1), I('i32.and'), I('drop')], 'i32.and')).toEqual([BOOL, 0xffffffff]);
  });

  test('a reused local is boolean only where a boolean reaches the read', () => {
    const body = [
      I('local.get', 0), I('i32.const', 5), I('i32.gt_s'), I('local.set', 1),
      I('local.get', 1), I('local.get', 1), I('i32.or'), I('drop'),
      I('local.get', 0), I('i32.load'), I('local.set', 1),
      I('local.get', 1), I('local.get', 1), I('i32.or'), I('drop'),
    ];
    expect(operandsOf(body, 'i32.or', 0)).toEqual([BOOL, BOOL]);
    expect(operandsOf(body, 'i32.or', 1)).toEqual([0, 0]);
  });

  test('a loop back edge that writes 2 makes the local non-boolean at the loop head', () => {
    const body = [
      I('local.get', 0), I('i32.eqz'), I('local.set', 1),
      blk('loop'),
      I('local.get', 1), I('local.get', 0), I('i32.eqz'), I('i32.or'), I('drop'),
      I('i32.const', 2), I('local.set', 1),
      I('local.get', 0), I('br_if', 0),
      I('end'),
    ];
    expect(operandsOf(body, 'i32.or')).toEqual([~3 >>> 0, BOOL]);
  });

  test('if arms and branches join: a value from either side must be allowed', () => {
    const ifElse = [
      I('local.get', 0), blk('if'), I('local.get', 0), I('i32.eqz'), I('local.set', 1), I('else'), I('i32.const', 0x100), I('local.set', 1), I('end'),
      I('local.get', 1), I('local.get', 1), I('i32.and'), I('drop'),
    ];
    expect(operandsOf(ifElse, 'i32.and')).toEqual([~0x101 >>> 0, ~0x101 >>> 0]);
    const noElse = [
      I('i32.const', 7), I('local.set', 1),
      I('local.get', 0), blk('if'), I('local.get', 0), I('i32.eqz'), I('local.set', 1), I('end'),
      I('local.get', 1), I('i32.const', 0), I('i32.xor'), I('drop'),
    ];
    expect(operandsOf(noElse, 'i32.xor')[0]).toBe(~7 >>> 0);
    const branch = [
      blk('block'), I('local.get', 0), I('i32.eqz'), I('local.set', 1), I('local.get', 0), I('br_if', 0),
      I('i32.const', 0x80), I('local.set', 1), I('end'),
      I('local.get', 1), I('i32.const', 1), I('i32.or'), I('drop'),
    ];
    expect(operandsOf(branch, 'i32.or')[0]).toBe(~0x81 >>> 0);
  });

  test('shifts, masks and byte loads clear the bits they must', () => {
    const body = [
      I('local.get', 0), I('i32.const', 8), I('i32.shl'), I('local.get', 0), I('i32.load8_u'), I('i32.or'), I('drop'),
      I('local.get', 0), I('i32.const', -16), I('i32.and'), I('local.get', 0), I('i32.const', 28), I('i32.shr_u'), I('i32.or'), I('drop'),
    ];
    expect(operandsOf(body, 'i32.or', 0)).toEqual([0xff, ~0xff >>> 0]);
    expect(operandsOf(body, 'i32.or', 1)).toEqual([0xf, ~0xf >>> 0]);
  });
});

const VALUES = ((): number[] => {
  const next = rng(0xb001);
  return [0, 1, 2, 3, 4, 5, 9, 10, 11, 0x20, 0x41, 0x58, 0x61, 0x78, 0x80000005, 0x80000058, 0x7f, 0x80, 0xff, 0x100, 0x101, ...edgeValues(), ...Array.from({ length: 60 }, () => randomValue(next))];
})();

const u = (v: number | boolean): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v >>> 0);
const s = (v: number): number => v | 0;

interface Case {
  name: string;
  /** Consumes x (on the stack), leaves one value; may use local 1. */
  tail: [string, number?][];
  expect: (x: number) => number;
  /** Whether the general `bitwise` helper must (true) or must not (false) be called. */
  helper?: boolean;
}

const lt10 = (x: number): number => u(x >>> 0 < 10);
const neg = (x: number): number => u(s(x) < 0);
const CASES: Case[] = [
  { name: '(x <u 10) | (x <s 0)', tail: [['local.tee', 1], ['i32.const', 10], ['i32.lt_u'], ['local.get', 1], ['i32.const', 0], ['i32.lt_s'], ['i32.or']], expect: (x) => lt10(x) | neg(x), helper: false },
  { name: '(x <u 10) & (x <s 0)', tail: [['local.tee', 1], ['i32.const', 10], ['i32.lt_u'], ['local.get', 1], ['i32.const', 0], ['i32.lt_s'], ['i32.and']], expect: (x) => lt10(x) & neg(x), helper: false },
  { name: '(x <u 10) ^ (x <s 0)', tail: [['local.tee', 1], ['i32.const', 10], ['i32.lt_u'], ['local.get', 1], ['i32.const', 0], ['i32.lt_s'], ['i32.xor']], expect: (x) => lt10(x) ^ neg(x), helper: false },
  { name: 'eqz((x == 2) | (x == 3))', tail: [['local.tee', 1], ['i32.const', 2], ['i32.eq'], ['local.get', 1], ['i32.const', 3], ['i32.eq'], ['i32.or'], ['i32.eqz']], expect: (x) => u(x !== 2 && x !== 3), helper: false },
  {
    name: 'select(111, 222, (x <u 10) | !x)',
    tail: [['local.set', 1], ['i32.const', 111], ['i32.const', 222], ['local.get', 1], ['i32.const', 10], ['i32.lt_u'], ['local.get', 1], ['i32.eqz'], ['i32.or'], ['select']],
    expect: (x) => (x >>> 0 < 10 || x === 0 ? 111 : 222),
    helper: false,
  },
  { name: 'b = x <u 10 in a local; b | b & !x', tail: [['i32.const', 10], ['i32.lt_u'], ['local.tee', 1], ['local.get', 1], ['local.get', 1], ['i32.eqz'], ['i32.and'], ['i32.or']], expect: (x) => lt10(x), helper: false },
  { name: '(x <u 10) | x (not boolean)', tail: [['local.tee', 1], ['i32.const', 10], ['i32.lt_u'], ['local.get', 1], ['i32.or']], expect: (x) => lt10(x) | x, helper: true },
  { name: 'x & (x <u 10) (not boolean)', tail: [['local.tee', 1], ['local.get', 1], ['i32.const', 10], ['i32.lt_u'], ['i32.and']], expect: (x) => x & lt10(x), helper: true },
  { name: '(x >> 31 signed) ^ (x <s 0) (−1 is not boolean)', tail: [['local.tee', 1], ['i32.const', 31], ['i32.shr_s'], ['local.get', 1], ['i32.const', 0], ['i32.lt_s'], ['i32.xor']], expect: (x) => ((s(x) >> 31) ^ neg(x)) >>> 0, helper: true },
  { name: '(x >>> 31) ^ (x <s 0) (a shift by 31 is boolean)', tail: [['local.tee', 1], ['i32.const', 31], ['i32.shr_u'], ['local.get', 1], ['i32.const', 0], ['i32.lt_s'], ['i32.xor']], expect: () => 0, helper: false },
  { name: '(x << 8) | (x & 0xff): disjoint', tail: [['local.tee', 1], ['i32.const', 8], ['i32.shl'], ['local.get', 1], ['i32.const', 0xff], ['i32.and'], ['i32.or']], expect: (x) => ((x << 8) | (x & 0xff)) >>> 0, helper: false },
  { name: '(x << 8) ^ (x & 0xff): disjoint', tail: [['local.tee', 1], ['i32.const', 8], ['i32.shl'], ['local.get', 1], ['i32.const', 0xff], ['i32.and'], ['i32.xor']], expect: (x) => ((x << 8) ^ (x & 0xff)) >>> 0, helper: false },
  { name: '(x << 8) & (x & 0xff): disjoint', tail: [['local.tee', 1], ['i32.const', 8], ['i32.shl'], ['local.get', 1], ['i32.const', 0xff], ['i32.and'], ['i32.and']], expect: () => 0, helper: false },
  { name: '(x << 4) | (x & 0xff): overlapping', tail: [['local.tee', 1], ['i32.const', 4], ['i32.shl'], ['local.get', 1], ['i32.const', 0xff], ['i32.and'], ['i32.or']], expect: (x) => ((x << 4) | (x & 0xff)) >>> 0, helper: true },
  { name: '(x & ~15) | 9', tail: [['i32.const', -16], ['i32.and'], ['i32.const', 9], ['i32.or']], expect: (x) => ((x & ~15) | 9) >>> 0 },
  { name: '(x & ~15) | 0x19 (one shared bit)', tail: [['i32.const', -16], ['i32.and'], ['i32.const', 0x19], ['i32.or']], expect: (x) => ((x & ~15) | 0x19) >>> 0 },
  { name: '(x & ~15) | 0x39 (two shared bits)', tail: [['i32.const', -16], ['i32.and'], ['i32.const', 0x39], ['i32.or']], expect: (x) => ((x & ~15) | 0x39) >>> 0 },
  { name: '(x << 8) ^ 0x3ff', tail: [['i32.const', 8], ['i32.shl'], ['i32.const', 0x3ff], ['i32.xor']], expect: (x) => ((x << 8) ^ 0x3ff) >>> 0 },
  { name: '(x & 0xf0) ^ 0xff = 0xff − (x & 0xf0)', tail: [['i32.const', 0xf0], ['i32.and'], ['i32.const', 0xff], ['i32.xor']], expect: (x) => ((x & 0xf0) ^ 0xff) >>> 0 },
  { name: '(x & 0xf0) | 0xff = 0xff', tail: [['i32.const', 0xf0], ['i32.and'], ['i32.const', 0xff], ['i32.or']], expect: () => 0xff },
  { name: 'load8-like (x & 0xff) & 0xff', tail: [['i32.const', 0xff], ['i32.and'], ['i32.const', 0xff], ['i32.and']], expect: (x) => x & 0xff },
  { name: '(x & 0xff) & ~0x20 (toupper)', tail: [['i32.const', 0xff], ['i32.and'], ['i32.const', ~0x20], ['i32.and']], expect: (x) => x & 0xdf },
  { name: '(x & 0xff) | 0x20 (tolower)', tail: [['i32.const', 0xff], ['i32.and'], ['i32.const', 0x20], ['i32.or']], expect: (x) => (x & 0xff) | 0x20 },
  { name: '(x & 0xff) & 0x5f (two bits cleared)', tail: [['i32.const', 0xff], ['i32.and'], ['i32.const', 0x5f], ['i32.and']], expect: (x) => x & 0x5f },
  { name: '(x & 0x3f) & 0x20 (bit test by compare)', tail: [['i32.const', 0x3f], ['i32.and'], ['i32.const', 0x20], ['i32.and']], expect: (x) => x & 0x20 },
  { name: '(x & 0x3f) ^ 0x20', tail: [['i32.const', 0x3f], ['i32.and'], ['i32.const', 0x20], ['i32.xor']], expect: (x) => (x & 0x3f) ^ 0x20 },
  { name: "(x | 32) == 'x'", tail: [['i32.const', 32], ['i32.or'], ['i32.const', 0x78], ['i32.eq']], expect: (x) => u(((x | 32) >>> 0) === 0x78) },
  { name: "(x | 32) != 'x'", tail: [['i32.const', 32], ['i32.or'], ['i32.const', 0x78], ['i32.ne']], expect: (x) => u(((x | 32) >>> 0) !== 0x78) },
  { name: "(x | 32) == 'X' (never)", tail: [['i32.const', 32], ['i32.or'], ['i32.const', 0x58], ['i32.eq']], expect: () => 0 },
  { name: "(x & ~32) == 'X'", tail: [['i32.const', ~32], ['i32.and'], ['i32.const', 0x58], ['i32.eq']], expect: (x) => u(((x & ~32) >>> 0) === 0x58) },
  { name: "(x & ~32) != 'X'", tail: [['i32.const', ~32], ['i32.and'], ['i32.const', 0x58], ['i32.ne']], expect: (x) => u(((x & ~32) >>> 0) !== 0x58) },
  { name: "(x & ~32) == 'x' (never)", tail: [['i32.const', ~32], ['i32.and'], ['i32.const', 0x78], ['i32.eq']], expect: () => 0 },
  { name: '(x | 2^31) == 0x80000005', tail: [['i32.const', 0x80000000], ['i32.or'], ['i32.const', 0x80000005], ['i32.eq']], expect: (x) => u(((x | 0x80000000) >>> 0) === 0x80000005) },
  { name: '(x <u 10) & 1', tail: [['i32.const', 10], ['i32.lt_u'], ['i32.const', 1], ['i32.and']], expect: lt10 },
  { name: '(x <u 10) & 6', tail: [['i32.const', 10], ['i32.lt_u'], ['i32.const', 6], ['i32.and']], expect: () => 0 },
  { name: '(x <u 10) | 1', tail: [['i32.const', 10], ['i32.lt_u'], ['i32.const', 1], ['i32.or']], expect: () => 1 },
  { name: '(x <u 10) | 6', tail: [['i32.const', 10], ['i32.lt_u'], ['i32.const', 6], ['i32.or']], expect: (x) => 6 | lt10(x) },
  { name: '(x <u 10) ^ 1', tail: [['i32.const', 10], ['i32.lt_u'], ['i32.const', 1], ['i32.xor']], expect: (x) => 1 ^ lt10(x) },
  { name: '(x <u 10) ^ 7', tail: [['i32.const', 10], ['i32.lt_u'], ['i32.const', 7], ['i32.xor']], expect: (x) => 7 ^ lt10(x) },
  { name: '(x <u 10) ^ −1', tail: [['i32.const', 10], ['i32.lt_u'], ['i32.const', -1], ['i32.xor']], expect: (x) => (~lt10(x)) >>> 0 },
];

function helperCalled(m: WasmModule): boolean {
  return lowerModule(m).functions.some((f) => f.name === '__tvm_bitwise');
}

describe('known-bits rewrites are exact', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const tail = c.tail.map(([op, imm]) => I(op, imm ?? 0));
    const bad: string[] = [];
    for (const form of ['load', 'local', 'const'] as const) {
      const values = form === 'const' ? VALUES.slice(0, 40) : VALUES;
      const m = sequenceCasesModule(tail, values, form);
      const { run, results } = runCases(m, values.length);
      if (run.stop !== 'halt') bad.push(`${form}: ${run.stop} ${run.error ?? ''}`);
      values.forEach((v, i) => {
        const e = c.expect(v) >>> 0;
        if (results[i] !== e && bad.length < 5) bad.push(`(${form}) case ${i}: x=${hex(v)} expected ${hex(e)}, got ${hex(results[i])}`);
      });
      if (c.helper !== undefined && form !== 'const') expect(helperCalled(m), `${form}: bitwise helper called`).toBe(c.helper);
    }
    expect(bad).toEqual([]);
  });
});

describe('single-bit constants (one bit test instead of a byte mask)', () => {
  const bits = Array.from({ length: 32 }, (_, b) => 2 ** b);
  const constants = [...bits, ...bits.map((v) => ~v >>> 0), 0x20 | 0x400, 0xffffff7f];
  const next = rng(0x51b);
  const lefts = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, ...Array.from({ length: 30 }, () => randomValue(next))];
  test.each(['i32.and', 'i32.or', 'i32.xor'])('%s', (op) => {
    const bad: string[] = [];
    for (const form of ['load', 'local'] as const) {
      const { results } = runCases(constCasesModule(op, constants, lefts, form), constants.length * lefts.length);
      constants.forEach((c, ci) =>
        lefts.forEach((a, ai) => {
          const e = expectBinary(op, a, c);
          const got = results[ci * lefts.length + ai];
          if (got !== e && bad.length < 5) bad.push(`${op} (${form}) x=${hex(a)} C=${hex(c)}: expected ${hex(e)}, got ${hex(got)}`);
        }),
      );
    }
    expect(bad).toEqual([]);
  });
});

describe('a local that is boolean on one path only', () => {
  /**
   * for i in 0..n: r[i] = L | (v[i] <u 5); L = v[i]. At the first iteration L = 0 (a boolean),
   * afterwards L is the previous value (2, −1, 0x100, …): the or must not take the boolean path.
   */
  test('loop back edge', () => {
    const values = [1, 2, 0xffffffff, 0x100, 0, 3, 1, 0x80000000, 7, 1, 0];
    const n = values.length;
    const body: WasmInstr[] = [
      I('i32.const', 0), I('local.set', 0),
      blk('loop'),
      I('local.get', 0), I('i32.const', RESULT_BASE), I('i32.add'),
      I('local.get', 1),
      I('local.get', 0), { ...I('i32.load', INPUT_BASE), align: 2 }, I('i32.const', 5), I('i32.lt_u'),
      I('i32.or'), I('i32.store'),
      I('local.get', 0), { ...I('i32.load', INPUT_BASE), align: 2 }, I('local.set', 1),
      I('local.get', 0), I('i32.const', 4), I('i32.add'), I('local.tee', 0), I('i32.const', 4 * n), I('i32.lt_u'), I('br_if', 0),
      I('end'),
    ];
    const m = irModule([{ name: 'compute', locals: 2, body: [] }], { data: [{ offset: INPUT_BASE, bytes: new Uint8Array(new Uint32Array(values).buffer) }] });
    m.functions[0].body = [...body, I('end')];
    expect(helperCalled(m)).toBe(true);
    const { results } = runCases(m, n);
    const expected = values.map((v, i) => ((i === 0 ? 0 : values[i - 1]) | (v < 5 ? 1 : 0)) >>> 0);
    expect(Array.from(results)).toEqual(expected);
  });
});

describe('globals and loop counters', () => {
  /** compute: sp = global 0 (16-aligned); r[i] = (sp + 8·i) | 3 for i < n, after `prologue` ran. */
  function spModule(prologue: (string | [string, number])[], n: number): WasmModule {
    const m = irModule([
      { name: 'compute', locals: 2, body: [] },
      { name: 'adjust', body: prologue },
    ]);
    m.globals.unshift({ type: 'i32', mutable: true, init: 0x10000, name: '__stack_pointer' });
    m.exports = m.exports.map((e) => (e.kind === 'global' ? { ...e, index: e.index + 1 } : e));
    const body: WasmInstr[] = [I('call', 2), I('i32.const', 0), I('local.set', 0), blk('loop')];
    body.push(I('local.get', 0), I('i32.const', 4), I('i32.mul'), I('i32.const', RESULT_BASE), I('i32.add'));
    body.push(I('global.get', 0), I('local.get', 0), I('i32.const', 8), I('i32.mul'), I('i32.add'), I('i32.const', 3), I('i32.or'), I('i32.store'));
    body.push(I('local.get', 0), I('i32.const', 1), I('i32.add'), I('local.tee', 0), I('i32.const', n), I('i32.lt_u'), I('br_if', 0), I('end'));
    m.functions[0].body = [...body, I('end')];
    return m;
  }

  const orOps = (m: WasmModule): string[] => lowerModule(m).functions[0].body.filter((i) => i.op === 'call').map((i) => String(i.imm));

  test('a stack pointer that only moves by multiples of 16 keeps (sp + 8i) | 3 = sp + 8i + 3', () => {
    const m = spModule([['global.get', 0], ['i32.const', 32], 'i32.sub', ['global.set', 0]], 6);
    expect(orOps(m)).toEqual(['2']); // only the call to adjust: the or became an add
    const { results } = runCases(m, 6);
    expect(Array.from(results)).toEqual([0, 1, 2, 3, 4, 5].map((i) => ((0x10000 - 32 + 8 * i) | 3) >>> 0));
  });

  test('one unaligned write anywhere in the module keeps the general or', () => {
    const m = spModule([['global.get', 0], ['i32.const', 3], 'i32.sub', ['global.set', 0]], 6);
    const { results } = runCases(m, 6);
    expect(Array.from(results)).toEqual([0, 1, 2, 3, 4, 5].map((i) => ((0x10000 - 3 + 8 * i) | 3) >>> 0));
  });

  test('a loop counter is widened (unknown), a pointer stepping by 4 stays 4-aligned', () => {
    const body = [
      I('i32.const', 0), I('local.set', 1), I('i32.const', 1024), I('local.set', 2),
      blk('loop'),
      I('local.get', 1), I('i32.const', 0x100), I('i32.or'), I('drop'),
      I('local.get', 2), I('i32.const', 2), I('i32.or'), I('drop'),
      I('local.get', 1), I('i32.const', 1), I('i32.add'), I('local.set', 1),
      I('local.get', 2), I('i32.const', 4), I('i32.add'), I('local.set', 2),
      I('local.get', 0), I('br_if', 0),
      I('end'),
    ];
    expect(operandsOf(body, 'i32.or', 0)[0]).toBe(0);
    expect(operandsOf(body, 'i32.or', 1)[0]).toBe(3);
  });
});
