import { addressAndX, push, type Operand, type Site } from './site.ts';

/**
 * Testing one bit b of x, without masking the rest: when every bit of x above b is known zero,
 * bit b is set iff x ≥ 2^b (one compare). Otherwise x is doubled 7 − (b mod 8) times, which moves
 * bit b to bit 7 of byte ⌊b/8⌋ (bits of x below 25 + b mod 8 survive the doublings, and b is one
 * of them); that byte is stored, read back, and compared with 127.
 */

/** Bits above b. */
const above = (b: number): number => (b >= 31 ? 0 : (0xffffffff << (b + 1)) >>> 0);

/** Whether x < 2^(b+1) is known, so that bit b is `x ≥ 2^b`. */
function byCompare(b: number, zeros: number): boolean {
  return ((zeros & above(b)) >>> 0) === above(b);
}

/** Executed instructions of pushBit with x in a local. */
export function bitCost(b: number, zeros: number): number {
  return byCompare(b, zeros) ? 3 : 7 + 3 * (7 - (b & 7));
}

/** Pushes 1 if bit b of x is set, else 0 (x is consumed). `zeros`: bits known zero in x. */
function pushBit(s: Site, x: Operand, b: number, zeros: number): void {
  const c = s.c;
  if (byCompare(b, zeros)) {
    push(s, x);
    c.const(2 ** b).op('i32.ge_u');
    return;
  }
  const q = b >> 3;
  const r = b & 7;
  if (x.kind === 'local' && r < 7) {
    c.const(0).get(x.index).get(x.index).add().double(6 - r, s.shortTemp());
  } else {
    addressAndX(s, x);
    c.double(7 - r, s.shortTemp());
  }
  c.mem(q === 0 ? 'i32.store8' : q === 1 ? 'i32.store16' : 'i32.store', 0);
  c.load('i32.load8_u', q).const(127).op('i32.gt_u');
}

/**
 * Pushes `bit b of x ? ifSet : ifClear` (x is consumed). The two constants must lie beneath the
 * test: for x on the stack they are inserted before the code that computed x.
 */
export function selectOnBit(s: Site, x: Operand, b: number, zeros: number, ifSet: number, ifClear: number): void {
  const c = s.c;
  if (ifSet === 1 && ifClear === 0) return pushBit(s, x, b, zeros);
  if (x.kind === 'stack') {
    // Each insertion lands beneath the previous one: the address goes in first (innermost).
    const compare = byCompare(b, zeros);
    if (compare || s.insertBeneathX(0)) {
      if (s.insertBeneathX(ifClear) && s.insertBeneathX(ifSet)) {
        pushBit(s, compare ? x : { kind: 'addressed' }, b, zeros);
        c.op('select');
        return;
      }
      throw new Error('lowering: an insertion beneath x failed after one succeeded');
    }
    const t = s.temp();
    c.set(t);
    x = { kind: 'local', index: t };
  }
  c.const(ifSet).const(ifClear);
  pushBit(s, x, b, zeros);
  c.op('select');
}
