/**
 * What WebAssembly's f32 ops give, computed with JavaScript's own IEEE arithmetic: doubles rounded
 * by Math.fround (exact for + − × ÷ √: binary64 has more than 2·24 + 2 bits, so rounding twice
 * equals rounding once) and bit patterns through typed arrays. NaN results are reported as NaN
 * (any NaN pattern is accepted where wasm allows any).
 */
import { wasmOp } from '../../../wasm/opcodeTable.ts';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function fromBits(b: number): number {
  u32[0] = b >>> 0;
  return f32[0];
}

function toBits(x: number): number {
  f32[0] = x;
  return u32[0];
}

export const isNaNBits = (b: number): boolean => (b & 0x7fffffff) >>> 0 > 0x7f800000;

function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const fl = Math.floor(x);
  const diff = x - fl;
  let r = diff > 0.5 ? fl + 1 : diff < 0.5 ? fl : fl % 2 === 0 ? fl : fl + 1;
  if (r === 0 && (x < 0 || Object.is(x, -0))) r = -0;
  return r;
}

/** min/max per wasm: NaN if either is NaN, −0 below +0. */
function minMax(a: number, b: number, max: boolean): number {
  const x = fromBits(a);
  const y = fromBits(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return 0x7fc00000;
  if (x < y) return max ? b : a;
  if (y < x) return max ? a : b;
  return max ? (a & b) >>> 0 : (a | b) >>> 0;
}

/** Expected bit pattern (f32 results) or 0/1 (comparisons) or integer (conversions). */
export function expectF32(op: string, a: number, b: number): number | 'invalid' | 'overflow' {
  const x = fromBits(a);
  const y = fromBits(b);
  const F = (v: number): number => toBits(Math.fround(v));
  switch (op) {
    case 'f32.add': return F(x + y);
    case 'f32.sub': return F(x - y);
    case 'f32.mul': return F(x * y);
    case 'f32.div': return F(x / y);
    case 'f32.sqrt': return F(Math.sqrt(x));
    case 'f32.min': return minMax(a, b, false);
    case 'f32.max': return minMax(a, b, true);
    case 'f32.ceil': return F(Math.ceil(x));
    case 'f32.floor': return F(Math.floor(x));
    case 'f32.trunc': return F(Math.trunc(x));
    case 'f32.nearest': return F(nearest(x));
    case 'f32.eq': return Number(x === y);
    case 'f32.ne': return Number(x !== y);
    case 'f32.lt': return Number(x < y);
    case 'f32.gt': return Number(x > y);
    case 'f32.le': return Number(x <= y);
    case 'f32.ge': return Number(x >= y);
    case 'f32.abs': return (a & 0x7fffffff) >>> 0;
    case 'f32.neg': return (a ^ 0x80000000) >>> 0;
    case 'f32.copysign': return ((a & 0x7fffffff) | (b & 0x80000000)) >>> 0;
    case 'f32.convert_i32_s': return F(a | 0);
    case 'f32.convert_i32_u': return F(a >>> 0);
    case 'i32.trunc_f32_s':
    case 'i32.trunc_f32_u': {
      if (Number.isNaN(x)) return 'invalid';
      const t = Math.trunc(x);
      const [lo, hi] = wasmOp(op)?.signed ? [-(2 ** 31), 2 ** 31 - 1] : [0, 2 ** 32 - 1];
      return t < lo || t > hi ? 'overflow' : t >>> 0;
    }
    default: throw new Error(`no f32 oracle for ${op}`);
  }
}

/** Every edge class: ±0, subnormals min/max, min normal, max finite, ±inf, NaNs, ±1, halves and
 * ties, values near integers, conversion boundaries ±2^31, 2^32, ±2^63, 2^64. */
export const F32_EDGES: number[] = [
  0, 0x80000000, 1, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,
  0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x3f800000, 0xbf800000, 0x3f000000,
  0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0x3f800001, 0x3f7fffff, 0x4b000000, 0x4b000001,
  0x4affffff, 0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000, 0x5effffff,
  0x5f000000, 0xdf000000, 0x5f800000, 0x3effffff, 0x40400000, 3, 0x34000000, 0x33800000, 0x4b7fffff,
  0x3fffffff, 0x40490fdb, 0x3eaaaaab, 0x4c000001, 0xbf400000,
];

/** Random f32 bit patterns weighted to the interesting classes. */
export function randomF32(next: () => number): number {
  const r = next();
  const word = Math.floor(next() * 2 ** 32) >>> 0;
  if (r < 0.1) return F32_EDGES[Math.floor(next() * F32_EDGES.length)];
  if (r < 0.2) return (word & 0x807fffff) >>> 0; // subnormal
  if (r < 0.3) return (F32_EDGES[Math.floor(next() * F32_EDGES.length)] + Math.floor(next() * 5) - 2) >>> 0;
  if (r < 0.5) return ((word & 0x80ffffff) | ((107 + Math.floor(next() * 40)) << 23)) >>> 0; // near 1
  return word;
}
