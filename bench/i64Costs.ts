import { i64BinaryCost } from '../src/core/lower/testing/i64Measure.ts';
import { seededRandom } from '../src/core/testing/seededRandom.ts';

/** Executed instructions and trace tokens of one i64 op, median and worst over seeded operands. */
export interface I64OpFigures {
  op: string;
  form: 'variable' | 'const';
  medianInstructions: number;
  worstInstructions: number;
  medianTokens: number;
  worstTokens: number;
}

const OPS = ['i64.mul', 'i64.div_u', 'i64.div_s', 'i64.rem_u', 'i64.shl', 'i64.shr_s'];

/** Operands: full 64-bit values and values of random bit length (small and large magnitudes). */
export function i64OpFigures(samples = 60): I64OpFigures[] {
  const next = seededRandom(2026);
  const word = () => (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32));
  const value = (i: number) => (i % 2 ? word() : word() >> BigInt(Math.floor(next() * 64)));
  const out: I64OpFigures[] = [];
  for (const op of OPS) {
    for (const form of ['variable', 'const'] as const) {
      const costs = Array.from({ length: samples }, (_, i) => {
        const b = op.startsWith('i64.sh') ? BigInt(Math.floor(next() * 64)) : value(i + 1) || 1n;
        return i64BinaryCost(op, value(i), b, form);
      });
      const ins = costs.map((c) => c.instructions).sort((a, b) => a - b);
      const tok = costs.map((c) => c.tokens).sort((a, b) => a - b);
      out.push({ op, form, medianInstructions: ins[ins.length >> 1], worstInstructions: ins[ins.length - 1], medianTokens: tok[tok.length >> 1], worstTokens: tok[tok.length - 1] });
    }
  }
  return out;
}
