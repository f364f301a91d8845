import { describe, expect, test } from 'vitest';
import type { WasmInstr } from '../wasm/ir.ts';
import { binaryCost, sequenceCost, unaryCost } from './testing/measure.ts';
import { randomValue, rng } from './testing/oracle.ts';

/**
 * Boundedness: executed instructions (reference interpreter's instructionsExecuted, helper calls
 * included) of one lowered op stay under a stated bound for the worst operands we know of —
 * an instruction-count bound, not a timing. The bounds are ~32 iterations of the relevant loop
 * or unrolled chain; an O(value) lowering would blow through them by orders of magnitude.
 * docs/lowering.md lists the measured typical and worst figures (full sweep: SLOW=1).
 */

const INT_MIN = 0x80000000;
const INT_MAX = 0x7fffffff;
const ALL = 0xffffffff;

interface Bound {
  variable: number;
  const: number;
  /** Worst-case candidates [a, b] (b is also the constant in the const form). */
  cases: [number, number][];
}

const DIVISION_CASES: [number, number][] = [[ALL, 1], [ALL, 3], [INT_MAX, ALL], [INT_MIN, 1], [INT_MIN, 3], [0xfffffffe, 7], [0xfeefd630, 10]];
// The last two are the worst the SLOW random sweep found (a count ≡ 25 mod 32 with high bits set).
const SHIFT_CASES: [number, number][] = [[0x12345678, 1], [INT_MIN, 7], [ALL, 15], [ALL, 31], [ALL, 0x81], [0x12345678, ALL], [1, 0x80000001], [0x1b5, 0xf9], [0x2e43a651, 0x1ffcf9]];
const BITWISE_CASES: [number, number][] = [[ALL, ALL], [INT_MAX, 0xfffffffe], [0xfffffff9, 0x0094856e], [0xe9d1f5f3, 0x12f2368f], [0x55555555, 0xaaaaaaaa], [0xfffffc2d, 0x3c062e8b]];

const BOUNDS: Record<string, Bound> = {
  'i32.mul': { variable: 700, const: 130, cases: [[INT_MAX, INT_MIN], [ALL, ALL], [0x12345678, 0x87654321], [2, 0xcc3a2f53], [3, 0x9e3779b9], [5, 0x55555555]] },
  'i32.div_u': { variable: 800, const: 320, cases: DIVISION_CASES },
  'i32.rem_u': { variable: 800, const: 320, cases: DIVISION_CASES },
  'i32.div_s': { variable: 800, const: 320, cases: DIVISION_CASES.filter(([a, b]) => !(a === INT_MIN && b === ALL)) },
  'i32.rem_s': { variable: 800, const: 320, cases: DIVISION_CASES },
  'i32.and': { variable: 850, const: 260, cases: BITWISE_CASES },
  'i32.or': { variable: 850, const: 270, cases: BITWISE_CASES },
  'i32.xor': { variable: 850, const: 270, cases: BITWISE_CASES },
  'i32.shl': { variable: 130, const: 40, cases: SHIFT_CASES },
  'i32.shr_u': { variable: 160, const: 60, cases: SHIFT_CASES },
  'i32.shr_s': { variable: 180, const: 65, cases: SHIFT_CASES },
  'i32.rotl': { variable: 300, const: 65, cases: SHIFT_CASES },
  'i32.rotr': { variable: 300, const: 65, cases: SHIFT_CASES },
};

const UNARY_BOUNDS: Record<string, number> = {
  'i32.clz': 90, 'i32.ctz': 100, 'i32.popcnt': 320, 'i32.extend8_s': 4, 'i32.extend16_s': 4,
};
const UNARY_CASES = [0, 1, 0x80, 0xff, 0x10000, INT_MIN, INT_MAX, ALL, 0x12345678];

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

describe.each(Object.entries(BOUNDS))('%s', (op, bound) => {
  for (const form of ['variable', 'const'] as const) {
    test(`${form} right operand: at most ${bound[form]} executed instructions`, () => {
      const next = rng(7 + op.length);
      const cases = [...bound.cases];
      if (process.env.SLOW) for (let i = 0; i < 200; i++) cases.push([randomValue(next), randomValue(next)]);
      const over = cases
        .filter(([, b]) => !(/div|rem/.test(op) && b === 0))
        .map(([a, b]) => ({ a, b, cost: binaryCost(op, a, b, form).instructions }))
        .filter((r) => r.cost > bound[form])
        .map((r) => `${op} ${form} a=${hex(r.a)} b=${hex(r.b)}: ${r.cost} instructions > ${bound[form]}`);
      expect(over).toEqual([]);
    });
  }
});

describe.each(Object.entries(UNARY_BOUNDS))('%s', (op, bound) => {
  test(`at most ${bound} executed instructions`, () => {
    const over = UNARY_CASES.map((x) => ({ x, cost: unaryCost(op, x).instructions }))
      .filter((r) => r.cost > bound)
      .map((r) => `${op} x=${hex(r.x)}: ${r.cost} > ${bound}`);
    expect(over).toEqual([]);
  });
});

/**
 * Idioms the known-bits rewrites make cheap (knownBits.ts, knownMask.ts, bitCompare.ts): each
 * bound holds only when the rewrite fires (the general path costs 26–300), so these also check
 * that it does. x is unknown; the figures include the instructions that build the operands.
 */
describe('idioms', () => {
  const I = (op: string, imm = 0): WasmInstr => ({ op, imm: op === 'i32.const' ? imm >>> 0 : imm });
  const cmp = (op: string, c: number): WasmInstr[] => [I('local.get', 0), I('i32.const', c), I(op)];
  const idioms: [string, number, WasmInstr[]][] = [
    // x < 10 on the stack, then the second comparison: 5 instructions before the op.
    ['(x <u 10) | (x >u 99)', 8, [I('i32.const', 10), I('i32.lt_u'), ...cmp('i32.gt_u', 99), I('i32.or')]],
    ['(x <u 10) & (x >u 99)', 8, [I('i32.const', 10), I('i32.lt_u'), ...cmp('i32.gt_u', 99), I('i32.and')]],
    ['(x <u 10) ^ (x >u 99)', 6, [I('i32.const', 10), I('i32.lt_u'), ...cmp('i32.gt_u', 99), I('i32.xor')]],
    ['eqz((x <u 10) | (x >u 99))', 7, [I('i32.const', 10), I('i32.lt_u'), ...cmp('i32.gt_u', 99), I('i32.or'), I('i32.eqz')]],
    ['(x << 8) | 7', 9, [I('i32.const', 8), I('i32.shl'), I('i32.const', 7), I('i32.or')]],
    ["(x | 32) == 'x'", 6, [I('i32.const', 32), I('i32.or'), I('i32.const', 0x78), I('i32.eq')]],
    ['x | 32', 16, [I('i32.const', 32), I('i32.or')]],
    ['x & ~32', 16, [I('i32.const', ~32), I('i32.and')]],
    ['x ^ 32', 16, [I('i32.const', 32), I('i32.xor')]],
    ['x & 0x80', 9, [I('i32.const', 0x80), I('i32.and')]],
    ['x | 1', 31, [I('i32.const', 1), I('i32.or')]],
    ['(x & 0xff) & 0xff', 4, [I('i32.const', 0xff), I('i32.and'), I('i32.const', 0xff), I('i32.and')]],
  ];
  test.each(idioms)('%s: at most %i executed instructions', (name, bound, tail) => {
    const over = [0, 1, 0x20, 0x78, 0x58, 0x12345678, INT_MIN, ALL]
      .map((x) => ({ x, cost: sequenceCost(tail, x).instructions }))
      .filter((r) => r.cost > bound)
      .map((r) => `${name} x=${hex(r.x)}: ${r.cost} instructions > ${bound}`);
    expect(over).toEqual([]);
  });
});
