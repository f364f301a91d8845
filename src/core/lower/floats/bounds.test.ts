import { describe, expect, it } from 'vitest';
import { MEASURED_F32 } from './testing/floatCosts.ts';
import { floatOpCost } from './testing/floatRun.ts';

/**
 * Boundedness of the float lowering: executed machine instructions of one f32 op (helper call
 * included) stay under a stated bound on the worst operands measured (docs/lowering.md, "Measured
 * cost (f32)"). A bound, not a timing: a helper whose loop ran O(value) times, or that regressed to
 * variable bitwise ops, would exceed it.
 */
const BOUNDS: Record<string, { bound: number; cases: [number, number][] }> = {
  'f32.add': { bound: 750, cases: [[0xcf000000, 0x3fc00000], [0xb7d6cf86, 0xc4a520f4], [0x33ffffff, 0xbad94922]] },
  'f32.sub': { bound: 750, cases: [[0xb7d6cf86, 0xc4a520f4], [0x4f000000, 0x3fc00000]] },
  'f32.mul': { bound: 1800, cases: [[0x3, 0x3fc00000], [0x247b4064, 0x8ee51460]] },
  'f32.div': { bound: 1700, cases: [[0x3, 0x3fc00000], [0x807fffff, 0x3fc00000]] },
  'f32.sqrt': { bound: 2500, cases: [[0x1, 0], [0x7f7fffff, 0]] },
  'f32.eq': { bound: 60, cases: [[0x3fc00000, 0x3fc00000], [0x80000000, 0]] },
  'f32.lt': { bound: 60, cases: [[0xbf800000, 0x3f800000], [0x7f800000, 0xff800000]] },
  'f32.min': { bound: 80, cases: [[0x80000000, 0], [0x3f800000, 0xbf800000]] },
  'f32.floor': { bound: 1100, cases: [[0x4affffff, 0], [0xc87301de, 0], [0xbf400000, 0]] },
  'f32.nearest': { bound: 1200, cases: [[0x4affffff, 0], [0xc05efe80, 0]] },
  'f32.abs': { bound: 8, cases: [[0xbf800000, 0]] },
  'f32.neg': { bound: 2, cases: [[0x3f800000, 0]] },
  'f32.copysign': { bound: 15, cases: [[0x3f800000, 0x80000000]] },
  'f32.convert_i32_s': { bound: 1100, cases: [[0xff7fffff, 0], [3, 0]] },
  'i32.trunc_f32_s': { bound: 350, cases: [[0x4affffff, 0], [0xcf000000, 0]] },
};

describe('f32 op costs stay within their stated bounds', () => {
  for (const [op, shape] of MEASURED_F32) {
    const spec = BOUNDS[op];
    it(`${op} ≤ ${spec.bound} executed instructions on its worst operands`, () => {
      for (const [a, b] of spec.cases) {
        const cost = floatOpCost(op, shape, a, b);
        expect(cost, `${op}(0x${a.toString(16)}, 0x${b.toString(16)})`).toBeLessThanOrEqual(spec.bound);
        expect(cost, 'the measurement includes the op').toBeGreaterThan(0);
      }
    });
  }
});
