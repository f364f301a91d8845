import { describe, expect, test } from 'vitest';
import { seededRandom } from '../testing/seededRandom.ts';
import { i64BinaryCost, i64UnaryCost } from './testing/i64Measure.ts';

/**
 * Boundedness of the i64 ops: executed instructions (reference interpreter, helper calls
 * included) of one lowered op stay under a stated bound for the worst operands we know of.
 * An instruction-count bound, not a timing; docs/lowering.md lists typical and worst figures.
 * SLOW=1 adds a random sweep.
 */

const M64 = (1n << 64n) - 1n;
const MIN = 1n << 63n;

interface Bound {
  variable: number;
  const: number;
  cases: [bigint, bigint][];
}

const ARITH: [bigint, bigint][] = [
  [M64, M64], [M64, 1n], [MIN, 1n], [MIN, 3n], [0x1a337e3536fbc69dn, 0x8db29a22eda0a22fn], [0x64977a31e89f963dn, 1n],
  [0xfedcba9876543210n, 0xffffffffn], [M64, 0x1_00000000n], [0x7fffffffffffffffn, 0x7fffffffn], [10n ** 18n, 10n],
];
const SHIFTS: [bigint, bigint][] = [1n, 7n, 15n, 31n, 32n, 33n, 39n, 57n, 63n, 127n].map((n): [bigint, bigint] => [0xdf3a8539f2c04921n, n]);

const BOUNDS: Record<string, Bound> = {
  'i64.mul': { variable: 2100, const: 2100, cases: ARITH },
  'i64.div_u': { variable: 2000, const: 2000, cases: ARITH },
  'i64.rem_u': { variable: 2000, const: 2000, cases: ARITH },
  'i64.div_s': { variable: 2000, const: 2000, cases: ARITH },
  'i64.rem_s': { variable: 2000, const: 2000, cases: ARITH },
  'i64.shl': { variable: 230, const: 130, cases: SHIFTS },
  'i64.shr_u': { variable: 260, const: 160, cases: SHIFTS },
  'i64.shr_s': { variable: 280, const: 160, cases: SHIFTS },
  'i64.rotl': { variable: 270, const: 200, cases: SHIFTS },
  'i64.rotr': { variable: 270, const: 200, cases: SHIFTS },
};

const UNARY_BOUNDS: Record<string, number> = { 'i64.clz': 120, 'i64.ctz': 130, 'i64.popcnt': 650 };
const UNARY_CASES = [0n, 1n, MIN, M64, 0x12345678n, 0x0123456789abcdefn, 0xffffffffn, 1n << 32n];

const hex = (v: bigint): string => `0x${v.toString(16)}`;

describe.each(Object.entries(BOUNDS))('%s', (op, bound) => {
  for (const form of ['variable', 'const'] as const) {
    test(`${form} right operand: at most ${bound[form]} executed instructions`, () => {
      const next = seededRandom(11 + op.length);
      const cases = [...bound.cases];
      const word = () => (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32));
      if (process.env.SLOW) for (let i = 0; i < 100; i++) cases.push([word(), /sh|rot/.test(op) ? BigInt(Math.floor(next() * 64)) : word() >> BigInt(Math.floor(next() * 64))]);
      const over = cases
        .filter(([, b]) => b !== 0n)
        .map(([a, b]) => ({ a, b, cost: i64BinaryCost(op, a, b, form).instructions }))
        .filter((r) => r.cost > bound[form])
        .map((r) => `${op} ${form} a=${hex(r.a)} b=${hex(r.b)}: ${r.cost} instructions > ${bound[form]}`);
      expect(over).toEqual([]);
    });
  }
});

describe.each(Object.entries(UNARY_BOUNDS))('%s', (op, bound) => {
  test(`at most ${bound} executed instructions`, () => {
    const over = UNARY_CASES.map((x) => ({ x, cost: i64UnaryCost(op, x).instructions }))
      .filter((r) => r.cost > bound)
      .map((r) => `${op} x=${hex(r.x)}: ${r.cost} > ${bound}`);
    expect(over).toEqual([]);
  });
});
