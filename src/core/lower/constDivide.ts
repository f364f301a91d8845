import { andConst } from './constMask.ts';
import { shrSConst, shrUConst } from './constShift.ts';
import { REMAINDER_OFFSET } from './helpers/divide.ts';
import { udivByConstant } from './helpers/divideByConstant.ts';
import { discard, push, toLocal, type Operand, type Site } from './site.ts';

/**
 * Division and remainder by a constant: powers of two become shifts and masks, divisors ≥ 2^31
 * a comparison, ±1 and 0 their special cases; any other divisor calls the division helper.
 */

const INT_MIN = 0x80000000;

function log2Exact(v: number): number {
  const p = Math.log2(v);
  return Number.isInteger(p) ? p : -1;
}

/**
 * Unsigned division of the value on the stack by d (3 ≤ d < 2^31, not a power of two): the
 * helper unrolled for d when the module has one, else the general udivmod. Quotient on the
 * stack, remainder at scratch REMAINDER_OFFSET.
 */
function callUdivBy(s: Site, d: number): void {
  if (s.specializedDivisor(d)) s.c.call(s.helperFrom(`udiv_c${d}`, () => udivByConstant(d)));
  else s.c.const(d).call(s.helper('udivmod'));
}

/** Pushes |local| (as unsigned; |INT_MIN| = 2^31). */
function pushAbs(s: Site, l: number): void {
  s.c.const(0).get(l).sub().get(l).get(l).const(0).op('i32.lt_s').op('select');
}

/** Division by the constant 0: the trap (halts with its status word). */
function trapDivideByZero(s: Site, x: Operand): void {
  discard(s, x);
  s.c.call(s.helper('trap_div0')).op('unreachable');
}

export function divUConst(s: Site, x: Operand, divisor: number): void {
  const d = divisor >>> 0;
  const c = s.c;
  if (d === 0) return trapDivideByZero(s, x);
  const k = log2Exact(d);
  if (k >= 0) return shrUConst(s, x, k);
  if (d >= INT_MIN) {
    push(s, x);
    c.const(d).op('i32.ge_u');
    return;
  }
  push(s, x);
  callUdivBy(s, d);
}

export function remUConst(s: Site, x: Operand, divisor: number): void {
  const d = divisor >>> 0;
  const c = s.c;
  if (d === 0) return trapDivideByZero(s, x);
  const k = log2Exact(d);
  if (k >= 0) return andConst(s, x, d - 1);
  if (d >= INT_MIN) {
    const l = toLocal(s, x);
    c.get(l).const(d).sub().get(l).get(l).const(d).op('i32.ge_u').op('select');
    return;
  }
  push(s, x);
  callUdivBy(s, d);
  c.op('drop').load('i32.load', REMAINDER_OFFSET);
}

/** Pushes bias = (x < 0 ? 2^k − 1 : 0), the rounding term of signed division by 2^k. */
function pushBias(s: Site, l: number, k: number): void {
  if (k === 1) s.c.get(l).const(0).op('i32.lt_s');
  else s.c.const(2 ** k - 1).const(0).get(l).const(0).op('i32.lt_s').op('select');
}

export function divSConst(s: Site, x: Operand, divisor: number): void {
  const d = divisor | 0;
  const c = s.c;
  if (d === 0) return trapDivideByZero(s, x);
  if (d === 1) return push(s, x);
  if (d === -1) {
    const l = toLocal(s, x);
    c.block((ok) => {
      c.get(l).const(INT_MIN).op('i32.ne').brIf(ok);
      c.call(s.helper('trap_overflow'));
    });
    c.const(0).get(l).sub();
    return;
  }
  if (d === (INT_MIN | 0)) {
    push(s, x);
    c.const(INT_MIN).op('i32.eq');
    return;
  }
  const k = log2Exact(Math.abs(d));
  if (k > 0) {
    // (x + bias) >>s k, negated for a negative divisor.
    const l = toLocal(s, x);
    if (d < 0) c.const(0);
    c.const(0).get(l);
    pushBias(s, l, k);
    c.add();
    shrSConst(s, { kind: 'addressed' }, k);
    if (d < 0) c.sub();
    return;
  }
  // |x| / |d|, negated when the signs differ.
  const l = toLocal(s, x);
  const q = s.temp();
  pushAbs(s, l);
  callUdivBy(s, Math.abs(d));
  c.set(q).const(0).get(q).sub().get(q);
  c.get(l).const(0).op(d > 0 ? 'i32.lt_s' : 'i32.ge_s').op('select');
}

export function remSConst(s: Site, x: Operand, divisor: number): void {
  const d = divisor | 0;
  const c = s.c;
  if (d === 0) return trapDivideByZero(s, x);
  if (d === 1 || d === -1) {
    discard(s, x);
    c.const(0);
    return;
  }
  if (d === (INT_MIN | 0)) {
    const l = toLocal(s, x);
    c.const(0).get(l).get(l).const(INT_MIN).op('i32.eq').op('select');
    return;
  }
  const k = log2Exact(Math.abs(d));
  if (k > 0) {
    // ((x + bias) & (2^k − 1)) − bias: the remainder takes the dividend's sign.
    const l = toLocal(s, x);
    const bias = s.temp();
    pushBias(s, l, k);
    c.set(bias);
    c.const(0).get(l).get(bias).add();
    andConst(s, { kind: 'addressed' }, 2 ** k - 1);
    c.get(bias).sub();
    return;
  }
  // |x| % |d| with the dividend's sign.
  const l = toLocal(s, x);
  const r = s.temp();
  pushAbs(s, l);
  callUdivBy(s, Math.abs(d));
  c.op('drop').load('i32.load', REMAINDER_OFFSET).set(r);
  c.const(0).get(r).sub().get(r).get(l).const(0).op('i32.lt_s').op('select');
}
