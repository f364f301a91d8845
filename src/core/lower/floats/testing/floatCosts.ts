/**
 * The f32 ops whose cost docs/lowering.md states, and how the figures are measured (shared by
 * `npm run bench` and floats/bounds.test.ts).
 */
import { F32_EDGES, expectF32, randomF32 } from './f32Oracle.ts';
import { floatOpCost, type OpShape } from './floatRun.ts';
import { rng } from '../../testing/oracle.ts';

const FF_F: OpShape = { params: ['f32', 'f32'], result: 'f32' };
const FF_I: OpShape = { params: ['f32', 'f32'], result: 'i32' };
const F_F: OpShape = { params: ['f32'], result: 'f32' };
export const DD_D: OpShape = { params: ['f64', 'f64'], result: 'f64' };
export const D_D: OpShape = { params: ['f64'], result: 'f64' };

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
    if (typeof expectF32(op.startsWith('i32.trunc') ? op : 'f32.add', a, b) === 'number') typicalCases.push([a, b]);
  }
  const edgeCases: [number, number][] = [...F32_EDGES.map((a): [number, number] => [a, 0x3fc00000]), ...F32_EDGES.map((b): [number, number] => [0xbf9d0000, b])];
  for (let k = 0; k < random; k++) edgeCases.push([randomF32(next), randomF32(next)]);
  const costOf = ([a, b]: [number, number]): number => floatOpCost(op, shape, a, b);
  const typical = typicalCases.map(costOf).sort((x, y) => x - y)[typicalCases.length >> 1];
  let worst = 0;
  let worstOperands: [number, number] = [0, 0];
  for (const c of [...typicalCases, ...edgeCases]) {
    if (op.startsWith('i32.trunc') && typeof expectF32(op, c[0], c[1]) !== 'number') continue; // traps
    const cost = costOf(c);
    if (cost > worst) [worst, worstOperands] = [cost, c];
  }
  return { op, typical, worst, worstOperands };
}

