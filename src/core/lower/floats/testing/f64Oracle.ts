/**
 * What WebAssembly's f64 ops give, computed with JavaScript's own binary64 arithmetic and
 * bit patterns through typed arrays (bigint bit patterns).
 */
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function fromBits64(b: bigint): number {
  u64[0] = BigInt.asUintN(64, b);
  return f64[0];
}

function toBits64(x: number): bigint {
  f64[0] = x;
  return u64[0];
}

const SIGN = 1n << 63n;
const ABS = SIGN - 1n;
const F64_NAN = 0x7ff8000000000000n;
export const isNaNBits64 = (b: bigint): boolean => (b & ABS) > 0x7ff0000000000000n;

function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const fl = Math.floor(x);
  const diff = x - fl;
  let r = diff > 0.5 ? fl + 1 : diff < 0.5 ? fl : fl % 2 === 0 ? fl : fl + 1;
  if (r === 0 && x < 0) r = -0;
  return r;
}

function minMax(a: bigint, b: bigint, max: boolean): bigint {
  const x = fromBits64(a);
  const y = fromBits64(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return F64_NAN;
  if (x < y) return max ? b : a;
  if (y < x) return max ? a : b;
  return max ? a & b : a | b;
}

/** Expected result bits (f64 results), 0/1 (comparisons). */
export function expectF64(op: string, a: bigint, b: bigint): bigint {
  const x = fromBits64(a);
  const y = fromBits64(b);
  const B = toBits64;
  switch (op) {
    case 'f64.add': return B(x + y);
    case 'f64.sub': return B(x - y);
    case 'f64.mul': return B(x * y);
    case 'f64.div': return B(x / y);
    case 'f64.sqrt': return B(Math.sqrt(x));
    case 'f64.ceil': return B(Math.ceil(x));
    case 'f64.floor': return B(Math.floor(x));
    case 'f64.trunc': return B(Math.trunc(x));
    case 'f64.nearest': return B(nearest(x));
    case 'f64.min': return minMax(a, b, false);
    case 'f64.max': return minMax(a, b, true);
    case 'f64.eq': return BigInt(x === y);
    case 'f64.ne': return BigInt(x !== y);
    case 'f64.lt': return BigInt(x < y);
    case 'f64.gt': return BigInt(x > y);
    case 'f64.le': return BigInt(x <= y);
    case 'f64.ge': return BigInt(x >= y);
    case 'f64.abs': return a & ABS;
    case 'f64.neg': return BigInt.asUintN(64, a ^ SIGN);
    case 'f64.copysign': return (a & ABS) | (b & SIGN);
    default: throw new Error(`no f64 oracle for ${op}`);
  }
}

export const F64_EDGES: bigint[] = [
  0n, SIGN, 1n, SIGN | 1n, 0x000fffffffffffffn, 0x800fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn,
  0xffefffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000001n,
  0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n,
  0xc004000000000000n, 0x3ff0000000000001n, 0x3fefffffffffffffn, 0x4330000000000000n, 0x4330000000000001n,
  0x432fffffffffffffn, 0x41e0000000000000n, 0xc1e0000000000000n, 0x43e0000000000000n, 0x43f0000000000000n,
  0x3fdfffffffffffffn, 0x400921fb54442d18n, 0x36a0000000000000n,
];

export function randomF64(next: () => number): bigint {
  const r = next();
  const word = (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32));
  if (r < 0.1) return F64_EDGES[Math.floor(next() * F64_EDGES.length)];
  if (r < 0.2) return word & 0x800fffffffffffffn;
  if (r < 0.5) return (word & 0x800fffffffffffffn) | (BigInt(983 + Math.floor(next() * 80)) << 52n);
  return word;
}
