/**
 * The f32 ops whose cost docs/lowering.md states, and how the figures are measured (shared by
 * `npm run bench` and floats/bounds.test.ts).
 */
import { wasmOp } from '../../../wasm/opcodeTable.ts';
import { F32_EDGES, expectF32, randomF32 } from './f32Oracle.ts';
import { floatOpCost, floatOpCost64, type OpShape } from './floatRun.ts';
import { rng } from '../../testing/oracle.ts';

const FF_F: OpShape = { params: ['f32', 'f32'], result: 'f32' };
const FF_I: OpShape = { params: ['f32', 'f32'], result: 'i32' };
const F_F: OpShape = { params: ['f32'], result: 'f32' };
const DD_D: OpShape = { params: ['f64', 'f64'], result: 'f64' };
const D_D: OpShape = { params: ['f64'], result: 'f64' };

export const MEASURED_F32: [string, OpShape][] = [
  ['f32.add', FF_F], ['f32.sub', FF_F], ['f32.mul', FF_F], ['f32.div', FF_F], ['f32.sqrt', F_F],
  ['f32.eq', FF_I], ['f32.lt', FF_I], ['f32.min', FF_F], ['f32.floor', F_F], ['f32.nearest', F_F],
  ['f32.abs', F_F], ['f32.neg', F_F], ['f32.copysign', FF_F],
  ['f32.convert_i32_s', { params: ['i32'], result: 'f32' }], ['i32.trunc_f32_s', { params: ['f32'], result: 'i32' }],
];
export const F64_OPS: [string, OpShape][] = [['f64.add', DD_D], ['f64.mul', DD_D], ['f64.div', DD_D], ['f64.sqrt', D_D]];

export interface FloatCost {
  op: string;
  typical: number;
  worst: number;
  worstOperands: [number, number];
}

/** Median over `random` random operand pairs, worst over those and the edge operands. */
export function measureF32(op: string, shape: OpShape, random: number, seed = 5): FloatCost {
  const next = rng(seed);
  const typicalCases: [number, number][] = [];
  while (typicalCases.length < random) {
    // typical = normal numbers of moderate magnitude
    const a = ((Math.floor(next() * 2 ** 32) & 0x80ffffff) | ((100 + Math.floor(next() * 50)) << 23)) >>> 0;
    const b = ((Math.floor(next() * 2 ** 32) & 0x80ffffff) | ((100 + Math.floor(next() * 50)) << 23)) >>> 0;
    if (typeof expectF32(wasmOp(op)?.traps ? op : 'f32.add', a, b) === 'number') typicalCases.push([a, b]);
  }
  const edgeCases: [number, number][] = [...F32_EDGES.map((a): [number, number] => [a, 0x3fc00000]), ...F32_EDGES.map((b): [number, number] => [0xbf9d0000, b])];
  for (let k = 0; k < random; k++) edgeCases.push([randomF32(next), randomF32(next)]);
  const costOf = ([a, b]: [number, number]): number => floatOpCost(op, shape, a, b);
  const typical = typicalCases.map(costOf).sort((x, y) => x - y)[typicalCases.length >> 1];
  let worst = 0;
  let worstOperands: [number, number] = [0, 0];
  for (const c of [...typicalCases, ...edgeCases]) {
    if (wasmOp(op)?.traps && typeof expectF32(op, c[0], c[1]) !== 'number') continue; // traps
    const cost = costOf(c);
    if (cost > worst) [worst, worstOperands] = [cost, c];
  }
  return { op, typical, worst, worstOperands };
}


/** f64 edge operands for the worst case: a subnormal, the largest finite, just above 1, π. */
const F64_COST_EDGES: [bigint, bigint][] = [
  [1n, 0x3ff8000000000000n], [0x000fffffffffffffn, 0x3ff8000000000000n], [0x3ff0000000000001n, 0xbff0000000000000n],
  [0x7fefffffffffffffn, 0x3fefffffffffffffn], [0x400921fb54442d18n, 0x3ff0000000000001n],
];

export interface FloatCost64 {
  op: string;
  typical: number;
  worst: number;
  worstOperands: [bigint, bigint];
}

/** Median over `random` random normal operand pairs, worst over those and F64_COST_EDGES. */
export function measureF64(op: string, shape: OpShape, random: number, seed = 3): FloatCost64 {
  const next = rng(seed);
  const normal = (): bigint =>
    (((BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32))) & 0x800fffffffffffffn) |
    (BigInt(1000 + Math.floor(next() * 40)) << 52n);
  // sqrt of a negative number is a NaN shortcut, not typical
  const operand = (): bigint => (op === 'f64.sqrt' ? normal() & 0x7fffffffffffffffn : normal());
  const typicalCases = Array.from({ length: random }, (): [bigint, bigint] => [operand(), operand()]);
  const costs = typicalCases.map(([a, b]) => floatOpCost64(op, shape, a, b));
  const typical = [...costs].sort((x, y) => x - y)[costs.length >> 1];
  let worst = 0;
  let worstOperands: [bigint, bigint] = [0n, 0n];
  [...typicalCases, ...F64_COST_EDGES].forEach((c, k) => {
    const cost = k < costs.length ? costs[k] : floatOpCost64(op, shape, c[0], c[1]);
    if (cost > worst) [worst, worstOperands] = [cost, c];
  });
  return { op, typical, worst, worstOperands };
}
