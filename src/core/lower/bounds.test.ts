import { describe, expect, test } from 'vitest';
import { binaryCost, unaryCost } from './testing/measure.ts';
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
const SHIFT_CASES: [number, number][] = [[0x12345678, 1], [INT_MIN, 7], [ALL, 15], [ALL, 31], [ALL, 0x81], [0x12345678, ALL], [1, 0x80000001]];
const BITWISE_CASES: [number, number][] = [[ALL, ALL], [INT_MAX, 0xfffffffe], [0xfffffff9, 0x0094856e], [0xe9d1f5f3, 0x12f2368f], [0x55555555, 0xaaaaaaaa]];

const BOUNDS: Record<string, Bound> = {
  'i32.mul': { variable: 700, const: 130, cases: [[INT_MAX, INT_MIN], [ALL, ALL], [0x12345678, 0x87654321], [2, 0xcc3a2f53], [3, 0x9e3779b9], [5, 0x55555555]] },
  'i32.div_u': { variable: 800, const: 320, cases: DIVISION_CASES },
  'i32.rem_u': { variable: 800, const: 320, cases: DIVISION_CASES },
  'i32.div_s': { variable: 800, const: 320, cases: DIVISION_CASES.filter(([a, b]) => !(a === INT_MIN && b === ALL)) },
  'i32.rem_s': { variable: 800, const: 320, cases: DIVISION_CASES },
  'i32.and': { variable: 850, const: 260, cases: BITWISE_CASES },
  'i32.or': { variable: 850, const: 260, cases: BITWISE_CASES },
  'i32.xor': { variable: 850, const: 260, cases: BITWISE_CASES },
  'i32.shl': { variable: 130, const: 40, cases: SHIFT_CASES },
  'i32.shr_u': { variable: 150, const: 60, cases: SHIFT_CASES },
  'i32.shr_s': { variable: 170, const: 65, cases: SHIFT_CASES },
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
