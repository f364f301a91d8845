import type { Code } from '../code.ts';

/**
 * Building blocks of the 64-bit helpers (i64Shift.ts, i64Multiply.ts, i64Divide.ts): a 64-bit value
 * is a pair of i32 locals (low, high); its high word is returned through a module global.
 */

/** Returns the pair (lo, hi): the high word goes to the result-high global, the low word is the result. */
export function returnPair(c: Code, lo: number, hi: number, resultHigh: number): void {
  c.get(hi).op('global.set', resultHigh).get(lo);
}

/** (lo, hi) ← 2·(lo, hi) mod 2^64, `n` times: the low word's top bit carries into the high word. */
export function doublePair(c: Code, lo: number, hi: number, n: number): void {
  for (let i = 0; i < n; i++) {
    c.get(hi).get(hi).add().get(lo).const(0).op('i32.lt_s').add().set(hi);
    c.doubleLocal(lo, 1);
  }
}

/** (lo, hi) ← −(lo, hi) mod 2^64. */
export function negatePair(c: Code, lo: number, hi: number): void {
  c.const(0).get(hi).sub().const(0).get(lo).op('i32.ne').sub().set(hi);
  c.const(0).get(lo).sub().set(lo);
}

/** (lo, hi) ← ~(lo, hi). */
export function invertPair(c: Code, lo: number, hi: number): void {
  c.const(-1).get(lo).sub().set(lo);
  c.const(-1).get(hi).sub().set(hi);
}

/** Stores (lo, hi) at scratch 0–7. */
export function storePair(c: Code, lo: number | 'zero', hi: number | 'zero'): void {
  c.const(0);
  if (lo === 'zero') c.const(0);
  else c.get(lo);
  c.mem('i32.store', 0).const(0);
  if (hi === 'zero') c.const(0);
  else c.get(hi);
  c.mem('i32.store', 4);
}

/** if (n ≥ k) { body; n −= k } */
export function whenAtLeast(c: Code, n: number, k: number, body: () => void): void {
  c.block((skip) => {
    c.get(n).const(k).op('i32.lt_u').brIf(skip);
    body();
    c.get(n).const(k).sub().set(n);
  });
}

/** n ← n mod 64 for the count in local n: only counts ≥ 64 pay (their low byte, then 2 strips). */
export function countMod64(c: Code, n: number): void {
  c.block((small) => {
    c.get(n).const(64).op('i32.lt_u').brIf(small);
    c.const(0).get(n).mem('i32.store8', 0).load('i32.load8_u', 0).set(n);
    for (const k of [128, 64]) c.block((skip) => c.get(n).const(k).op('i32.lt_u').brIf(skip).get(n).const(k).sub().set(n));
  });
}

/** Pushes (x·2^r) >>> 8 for x·2^r < 2^16 in local x: its high byte, through scratch. */
export function highByte(c: Code, x: number): void {
  c.const(0).get(x).mem('i32.store16', 0).load('i32.load8_u', 1);
}
