import { wasmOp } from '../../wasm/opcodeTable.ts';
import { seededRandom } from '../../testing/seededRandom.ts';
/**
 * JavaScript reference semantics for the conformance tests, written independently of the
 * lowering's own constant folder (BigInt for division, Math.imul, >>>, Math.clz32).
 * All values are unsigned 32-bit numbers. Throws for the trapping cases.
 */
export function expectBinary(op: string, a: number, b: number): number {
  const sa = a | 0;
  const sb = b | 0;
  const ua = a >>> 0;
  const ub = b >>> 0;
  const n = ub % 32;
  const u = (v: number | bigint): number => Number(BigInt.asUintN(32, BigInt(v)));
  switch (op) {
    case 'i32.mul': return Math.imul(sa, sb) >>> 0;
    case 'i32.div_u': if (ub === 0) throw new Error('trap'); return u(BigInt(ua) / BigInt(ub));
    case 'i32.rem_u': if (ub === 0) throw new Error('trap'); return u(BigInt(ua) % BigInt(ub));
    case 'i32.div_s':
      if (sb === 0 || (sa === -(2 ** 31) && sb === -1)) throw new Error('trap');
      return u(BigInt(sa) / BigInt(sb));
    case 'i32.rem_s': if (sb === 0) throw new Error('trap'); return u(BigInt(sa) % BigInt(sb));
    case 'i32.and': return (ua & ub) >>> 0;
    case 'i32.or': return (ua | ub) >>> 0;
    case 'i32.xor': return (ua ^ ub) >>> 0;
    case 'i32.shl': return (ua << n) >>> 0;
    case 'i32.shr_u': return ua >>> n;
    case 'i32.shr_s': return (sa >> n) >>> 0;
    case 'i32.rotl': return ((ua << n) | (n ? ua >>> (32 - n) : 0)) >>> 0;
    case 'i32.rotr': return ((ua >>> n) | (n ? ua << (32 - n) : 0)) >>> 0;
  }
  throw new Error(`no oracle for ${op}`);
}

export function expectUnary(op: string, a: number): number {
  const ua = a >>> 0;
  switch (op) {
    case 'i32.clz': return Math.clz32(ua);
    case 'i32.ctz': {
      if (ua === 0) return 32;
      let k = 0;
      while (((ua >>> k) & 1) === 0) k++;
      return k;
    }
    case 'i32.popcnt': return ua.toString(2).split('').filter((ch) => ch === '1').length;
    case 'i32.extend8_s': return (((ua & 0xff) ^ 0x80) - 0x80) >>> 0;
    case 'i32.extend16_s': return (((ua & 0xffff) ^ 0x8000) - 0x8000) >>> 0;
  }
  throw new Error(`no oracle for ${op}`);
}

/** A straight sequence of `i32.const c` and binary/unary ops applied to x (the oracle, step by step). */
export function expectSequence(seq: { op: string; imm: number }[], x: number): number {
  const stack = [x >>> 0];
  for (const s of seq) {
    if (s.op === 'i32.const') stack.push(s.imm >>> 0);
    else if (UNARY_OPS.includes(s.op as (typeof UNARY_OPS)[number])) stack.push(expectUnary(s.op, stack.pop()!));
    else {
      const b = stack.pop()!;
      stack.push(expectBinary(s.op, stack.pop()!, b));
    }
  }
  return stack.pop()!;
}

export const BINARY_OPS = [
  'i32.mul', 'i32.div_u', 'i32.rem_u', 'i32.div_s', 'i32.rem_s', 'i32.and', 'i32.or', 'i32.xor',
  'i32.shl', 'i32.shr_u', 'i32.shr_s', 'i32.rotl', 'i32.rotr',
] as const;
export const UNARY_OPS = ['i32.clz', 'i32.ctz', 'i32.popcnt', 'i32.extend8_s', 'i32.extend16_s'] as const;

/** Whether `a op b` traps (division by zero, INT_MIN / −1). */
export function traps(op: string, a: number, b: number): boolean {
  if (!wasmOp(op)?.traps) return false;
  if (b >>> 0 === 0) return true;
  return op === 'i32.div_s' && a >>> 0 === 0x80000000 && b >>> 0 === 0xffffffff;
}

/** Edge values: 0, ±1, INT_MIN, INT_MAX, powers of two and their neighbours (both signs). */
export function edgeValues(): number[] {
  const set = new Set<number>([0, 1, 0xffffffff, 0x80000000, 0x7fffffff]);
  for (let k = 1; k < 32; k++) {
    const p = 2 ** k;
    for (const v of [p - 1, p, p + 1, -p, -p - 1, -p + 1]) set.add(v >>> 0);
  }
  return [...set];
}

/** A small edge set for the quadratic (edge × edge) runs. */
export function coreEdgeValues(): number[] {
  const set = new Set<number>([0, 1, 2, 3, 0xffffffff, 0xfffffffe, 0x80000000, 0x80000001, 0x7fffffff, 0x7ffffffe]);
  for (const k of [4, 7, 8, 15, 16, 24, 30, 31]) for (const v of [2 ** k - 1, 2 ** k, 2 ** k + 1, -(2 ** k)]) set.add(v >>> 0);
  return [...set];
}

/** Deterministic PRNG (mulberry32). */
export const rng = seededRandom;

/** Random u32 with a random bit length (so small and large magnitudes, both signs, all occur). */
export function randomValue(next: () => number): number {
  const bits = 1 + Math.floor(next() * 32);
  const v = Math.floor(next() * 2 ** bits) >>> 0;
  return next() < 0.2 ? (-v) >>> 0 : v;
}
