import { shlConst } from './constShift.ts';
import { discard, push, toLocal, type Operand, type Site } from './site.ts';

/** Above this many instructions an inline multiplication by a constant calls `__tvm_mul` instead. */
const INLINE_MUL_LIMIT = 120;

/** Signed binary digits (non-adjacent form) of n mod 2^32, as [position, ±1], highest first. */
function naf(n: number): [number, number][] {
  const digits: [number, number][] = [];
  let v = n;
  for (let pos = 0; v !== 0 && pos < 32; pos++) {
    let d = 0;
    if (v % 2 !== 0) {
      d = 2 - (((v % 4) + 4) % 4);
      v -= d;
    }
    if (d !== 0) digits.push([pos, d]);
    v /= 2;
  }
  return digits.reverse();
}

function shiftCost(z: number): number {
  return z < 8 ? 3 * z : 9 + 3 * (z & 7);
}

function hornerCost(digits: [number, number][]): number {
  let cost = digits[0][1] > 0 ? 1 : 3;
  for (let t = 1; t < digits.length; t++) cost += shiftCost(digits[t - 1][0] - digits[t][0]) + 2;
  return cost + shiftCost(digits[digits.length - 1][0]);
}

/** Shifts the value on top of the stack left by z. */
function shiftTop(s: Site, z: number): void {
  if (z === 0) return;
  if (z < 8) {
    s.c.double(z, s.shortTemp());
    return;
  }
  const t = s.temp();
  s.c.set(t);
  shlConst(s, { kind: 'local', index: t }, z);
}

/** x · C mod 2^32: shifts for powers of two, else double-and-add over C's signed digits. */
export function mulConst(s: Site, x: Operand, value: number): void {
  const v = value >>> 0;
  const c = s.c;
  if (v === 0) {
    discard(s, x);
    c.const(0);
    return;
  }
  if (v === 1) return push(s, x);
  const pow = Math.log2(v);
  if (Number.isInteger(pow)) return shlConst(s, x, pow);
  const neg = (-v) >>> 0;
  const negPow = Math.log2(neg);
  if (Number.isInteger(negPow)) {
    const l = toLocal(s, x);
    c.const(0);
    shlConst(s, { kind: 'local', index: l }, negPow);
    c.sub();
    return;
  }
  const candidates = [naf(v), naf(v | 0)];
  const digits = hornerCost(candidates[1]) < hornerCost(candidates[0]) ? candidates[1] : candidates[0];
  if (hornerCost(digits) > INLINE_MUL_LIMIT) {
    push(s, x);
    c.const(v).call(s.helper('mul'));
    return;
  }
  const l = toLocal(s, x);
  if (digits[0][1] > 0) c.get(l);
  else c.const(0).get(l).sub();
  for (let t = 1; t < digits.length; t++) {
    shiftTop(s, digits[t - 1][0] - digits[t][0]);
    c.get(l).op(digits[t][1] > 0 ? 'i32.add' : 'i32.sub');
  }
  shiftTop(s, digits[digits.length - 1][0]);
}
