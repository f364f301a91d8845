import { addressAndX, addressAndXKept, push, toLocal, type Operand, type Site } from './site.ts';

/**
 * Shifts and rotates by a constant count, through the scratch bytes 0–7:
 * whole bytes move by storing at one offset and loading at another; the remaining 0–7 bits
 * use doublings (x + x). No loops.
 */

const INT_MIN = 0x80000000;

/** Doubles the value on top of the stack n times. */
function doubleTop(s: Site, n: number): void {
  if (n > 0) s.c.double(n, s.shortTemp());
}

/** x << k (k taken mod 32). */
export function shlConst(s: Site, x: Operand, count: number): void {
  const k = count & 31;
  const q = k >> 3;
  const r = k & 7;
  if (q === 0) {
    if (r > 0 && x.kind === 'local') {
      s.c.get(x.index).get(x.index).add();
      doubleTop(s, r - 1);
    } else {
      if (x.kind === 'addressed') throw new Error('lowering: shl by < 8 takes no address');
      push(s, x);
      doubleTop(s, r);
    }
    return;
  }
  addressAndX(s, x);
  if (q === 1) {
    s.c.mem('i32.store', 1).storeConst('i32.store8', 0);
  } else {
    // Zero bytes 0–3 first; the narrow store then writes x's low bytes at the top.
    s.c.storeConst('i32.store', 0).mem(q === 2 ? 'i32.store16' : 'i32.store8', q);
  }
  s.c.load('i32.load', 0);
  doubleTop(s, r);
}

/**
 * x >>> k (k mod 32). With q = k div 8 and r = k mod 8:
 * - r = 0: store x, load at offset q (bytes above x read as zero);
 * - q ≥ 1: y = x >>> 8q < 2^24, so z = y << (8 − r) cannot overflow and x >>> k = z >>> 8;
 * - q = 0: x >>> r is bits 8…39 of the 40-bit product x·2^(8−r): its low 32 bits are x << (8−r)
 *   and its top byte is b3 >> r = byte 1 of (b3 << (8−r)); both are stored so that one load
 *   at offset 1 reads the result. For x < 2^(24+r) that top byte is 0 and costs one store8.
 */
export function shrUConst(s: Site, x: Operand, count: number): void {
  const k = count & 31;
  const q = k >> 3;
  const r = k & 7;
  if (k === 0) return push(s, x);
  if (k === 31 && x.kind !== 'addressed') {
    push(s, x);
    s.c.const(0).op('i32.lt_s');
    return;
  }
  const c = s.c;
  if (r === 0) {
    addressAndX(s, x);
    c.mem('i32.store', 0);
    if (q === 3) c.load('i32.load8_u', 3);
    else if (q === 2) c.load('i32.load16_u', 2);
    else c.storeConst('i32.store8', 4).load('i32.load', 1);
    return;
  }
  const left = 8 - r;
  if (q >= 1) {
    addressAndX(s, x);
    c.mem('i32.store', 0);
    if (q === 1) c.storeConst('i32.store8', 4);
    c.const(0); // address for z
    c.load(q === 3 ? 'i32.load8_u' : q === 2 ? 'i32.load16_u' : 'i32.load', q);
    doubleTop(s, left);
    c.mem(q === 3 ? 'i32.store16' : 'i32.store', 0);
    c.load(q === 3 ? 'i32.load8_u' : q === 2 ? 'i32.load16_u' : 'i32.load', 1);
    return;
  }
  if (x.kind === 'addressed') {
    const xl = addressAndXKept(s, x);
    c.mem('i32.store', 0);
    c.const(0).load('i32.load8_u', 3);
    doubleTop(s, left);
    c.mem('i32.store16', 3);
    c.const(0).get(xl);
  } else {
    // The top byte b3 >> r is 0 whenever x < 2^(24+r): then one store8 replaces its chain.
    const xl = toLocal(s, x);
    c.block((join) => {
      c.block((big) => {
        c.get(xl).const(2 ** (24 + r)).op('i32.ge_u').brIf(big);
        c.storeConst('i32.store8', 4).br(join);
      });
      c.const(0).get(xl).mem('i32.store', 0);
      c.const(0).load('i32.load8_u', 3);
      doubleTop(s, left);
      c.mem('i32.store16', 3);
    });
    c.const(0).get(xl);
  }
  doubleTop(s, left);
  c.mem('i32.store', 0);
  c.load('i32.load', 1);
}

/**
 * x >> k (signed, k mod 32). Whole bytes 2 and 3 sign-extend with load16_s / load8_s; k = 31 is
 * 0 − (x < 0); everything else uses the bias identity x >>s k = ((x + 2^31) >>> k) − 2^(31−k).
 */
export function shrSConst(s: Site, x: Operand, count: number): void {
  const k = count & 31;
  const q = k >> 3;
  const r = k & 7;
  const c = s.c;
  if (k === 0) return push(s, x);
  if (k === 31) {
    addressAndX(s, x); // the 0 beneath x is the minuend
    c.const(0).op('i32.lt_s').sub();
    return;
  }
  if (r === 0 && q >= 2) {
    addressAndX(s, x);
    c.mem('i32.store', 0).load(q === 3 ? 'i32.load8_s' : 'i32.load16_s', q);
    return;
  }
  addressAndX(s, x);
  c.const(INT_MIN).add();
  shrUConst(s, { kind: 'addressed' }, k);
  c.const(2 ** (31 - k)).sub();
}

/** rotl(x, k) (k mod 32): whole bytes by storing x twice (at 0 and 4), then one bit at a time. */
export function rotlConst(s: Site, x: Operand, count: number): void {
  const k = count & 31;
  const q = k >> 3;
  const r = k & 7;
  const c = s.c;
  if (k === 0) return push(s, x);
  if (q > 0) {
    const xl = addressAndXKept(s, x);
    c.mem('i32.store', 0).const(0).get(xl).mem('i32.store', 4).load('i32.load', 4 - q);
  } else {
    push(s, x);
  }
  if (r === 0) return;
  const t = s.shortTemp();
  for (let i = 0; i < r; i++) c.tee(t).get(t).add().get(t).const(0).op('i32.lt_s').add();
}

export function rotrConst(s: Site, x: Operand, count: number): void {
  rotlConst(s, x, (32 - (count & 31)) & 31);
}
