import { addressAndX, discard, push, toLocal, type Operand, type Site } from './site.ts';

/**
 * AND with a constant (OR and XOR reduce to it, see knownMask.ts). x & D works byte by byte in
 * scratch memory: 0x00 bytes are zeroed, 0xFF bytes kept, and a partial byte b & m is computed
 * by an unrolled compare-and-subtract chain over b's bits from the top, stopping as soon as the
 * mask's remaining low bits are all 1 or all 0.
 */

const INT_MIN = 0x80000000;
const MASK32 = 0xffffffff;

/** The bits of byte mask m that the chain must examine, and how the result is assembled. */
interface BytePlan {
  /** Bits examined, from 7 down. */
  bits: number[];
  /** Mask bits below the last examined bit: all ones (true) or all zeros (false). */
  tailOnes: boolean;
  /** Track the kept bits (acc starts 0, tail adds r) or the cleared bits (acc starts b, tail subtracts r). */
  keep: boolean;
  updates: number;
}

function planByte(m: number): BytePlan {
  const bits: number[] = [];
  let i = 7;
  for (; i >= 0; i--) {
    const low = m & ((2 << i) - 1);
    if (low === 0 || low === (2 << i) - 1) break;
    bits.push(i);
  }
  const tailOnes = i >= 0 && (m & 1) === 1;
  const ones = bits.filter((b) => (m >> b) & 1).length;
  const zeros = bits.length - ones;
  const keepUpdates = ones + (tailOnes ? 1 : 0);
  const clearUpdates = zeros + (tailOnes ? 0 : 1);
  const keep = keepUpdates <= clearUpdates;
  return { bits, tailOnes, keep, updates: keep ? keepUpdates : clearUpdates };
}

/** The two temps of byteAnd, allocated on first use and shared by every byte of one mask. */
interface ByteTemps {
  r(): number;
  acc(): number;
}

function byteTemps(s: Site): ByteTemps {
  let r = -1;
  let acc = -1;
  return {
    r: () => (r < 0 ? (r = s.temp()) : r),
    acc: () => (acc < 0 ? (acc = s.temp()) : acc),
  };
}

/** b & m for the byte b on top of the stack (m not 0x00 or 0xFF); leaves the result. */
function byteAnd(s: Site, m: number, temps: ByteTemps): void {
  const c = s.c;
  const plan = planByte(m);
  const r = temps.r();
  const counted = (bit: number): boolean => (((m >> bit) & 1) === 1 ? plan.keep : !plan.keep);
  // Kept bits accumulate from 0; with none counted in the chain the accumulator stays 0.
  const needAcc = !plan.keep || plan.bits.some(counted);
  const acc = needAcc ? temps.acc() : -1;
  if (!needAcc) c.set(r);
  else if (plan.keep) c.set(r).const(0).set(acc);
  else c.tee(r).set(acc);
  plan.bits.forEach((bit, n) => {
    const k = 1 << bit;
    const last = n === plan.bits.length - 1;
    // The last examined bit needs no strip unless the tail reads r afterwards.
    const strip = !last || (plan.keep ? plan.tailOnes : !plan.tailOnes);
    if (!strip && !counted(bit)) return;
    c.block((skip) => {
      c.get(r).const(k).op('i32.lt_u').brIf(skip);
      if (strip) c.get(r).const(k).sub().set(r);
      if (counted(bit)) c.get(acc).const(k).op(plan.keep ? 'i32.add' : 'i32.sub').set(acc);
    });
  });
  if (!needAcc) {
    if (plan.tailOnes) c.get(r);
    else c.const(0);
    return;
  }
  c.get(acc);
  if (plan.keep && plan.tailOnes) c.get(r).add();
  if (!plan.keep && !plan.tailOnes) c.get(r).sub();
}

/** Approximate executed instructions of x & d (for choosing between equivalent forms). */
export function andCost(d: number): number {
  d >>>= 0;
  if (d === 0 || d === MASK32) return 1;
  if (d === 0xff || d === 0xffff) return 4;
  if (d === 0xffffff) return 7;
  if (d === INT_MIN) return 6;
  if (d === 0x7fffffff) return 9;
  if (d === 1) return 28;
  let cost = 2;
  const top = topByte(d);
  for (let j = 0; j <= top; j++) {
    const m = (d >>> (8 * j)) & 0xff;
    if (m === 0) cost += 3;
    else if (m !== 0xff) {
      const p = planByte(m);
      cost += (top === 0 ? 4 : 7) + p.bits.length * 6 + p.updates * 2;
    }
  }
  return cost + (top === 0 ? 0 : top === 2 ? 5 : 2);
}

function topByte(d: number): number {
  return d >>> 24 ? 3 : d >>> 16 ? 2 : d >>> 8 ? 1 : 0;
}

/** x & d. */
export function andConst(s: Site, x: Operand, mask: number): void {
  const d = mask >>> 0;
  const c = s.c;
  if (d === 0) {
    discard(s, x);
    c.const(0);
    return;
  }
  if (d === MASK32) return push(s, x);
  if (d === 0xff || d === 0xffff) {
    addressAndX(s, x);
    c.mem('i32.store', 0).load(d === 0xff ? 'i32.load8_u' : 'i32.load16_u', 0);
    return;
  }
  if (d === 0xffffff) {
    addressAndX(s, x);
    c.mem('i32.store', 0).storeConst('i32.store8', 3).load('i32.load', 0);
    return;
  }
  if ((d === INT_MIN || d === 0x7fffffff) && x.kind !== 'addressed') {
    const l = toLocal(s, x);
    if (d === INT_MIN) c.const(INT_MIN).const(0);
    else c.get(l).const(INT_MIN).const(0);
    c.get(l).const(0).op('i32.lt_s').op('select');
    if (d !== INT_MIN) c.sub();
    return;
  }
  if (d === 1) {
    // Bit 0 moves to bit 7 of the low byte after 7 doublings.
    addressAndX(s, x);
    c.double(7, s.shortTemp()).mem('i32.store8', 0).load('i32.load8_u', 0).const(127).op('i32.gt_u');
    return;
  }
  addressAndX(s, x);
  c.mem('i32.store', 0);
  const top = topByte(d);
  const temps = byteTemps(s);
  if (top === 0) {
    c.load('i32.load8_u', 0);
    byteAnd(s, d, temps);
    return;
  }
  for (let j = 0; j <= top; j++) {
    const m = (d >>> (8 * j)) & 0xff;
    if (m === 0) c.storeConst('i32.store8', j);
    else if (m !== 0xff) {
      c.const(0).load('i32.load8_u', j);
      byteAnd(s, m, temps);
      c.mem('i32.store8', j);
    }
  }
  if (top === 1) c.load('i32.load16_u', 0);
  else {
    if (top === 2) c.storeConst('i32.store8', 3);
    c.load('i32.load', 0);
  }
}

/** x & C, choosing between the direct mask and x − (x & ~C). */
export function andConstBest(s: Site, x: Operand, mask: number): void {
  const d = mask >>> 0;
  if (x.kind !== 'addressed' && andCost(~d >>> 0) + 3 < andCost(d)) {
    const l = toLocal(s, x);
    s.c.get(l);
    andConst(s, { kind: 'local', index: l }, ~d);
    s.c.sub();
    return;
  }
  andConst(s, x, d);
}
