import { bitCost, selectOnBit } from './bitTest.ts';
import { andConst, andCost } from './constMask.ts';
import { discard, push, type Operand, type Site } from './site.ts';

/**
 * AND / OR / XOR with a constant C when some bits of x are known to be zero (`zeros`, from
 * KnownZeros; 0 when nothing is known). Only the bits of C where x may be 1 matter:
 * - x & C is x when C covers every bit x may have, 0 when it covers none; one such bit is a
 *   single bit test; otherwise the mask may be narrowed or widened over x's zero bits, whichever
 *   form is cheapest.
 * - x | C is x + C when x has no bit of C (`(y << k) | c`, `(p & ~m) | c`), C when x only has bits
 *   of C; with one shared bit b it is x + (bit b ? C − 2^b : C).
 * - x ^ C is x + C with no shared bits, C − x when x only has bits of C; with one shared bit b,
 *   x + (bit b ? C − 2^(b+1) : C).
 */

const INT_MIN = 0x80000000;

const single = (v: number): number => (v !== 0 && (v & (v - 1)) === 0 ? 31 - Math.clz32(v) : -1);

/** A local holding x, with x also left on the stack (`tee` when x is on the stack). */
function pushKept(s: Site, x: Operand): number {
  if (x.kind === 'local') {
    s.c.get(x.index);
    return x.index;
  }
  const t = s.temp();
  if (x.kind === 'const') s.c.const(x.value).tee(t);
  else if (x.kind === 'stack') s.c.tee(t);
  else throw new Error('lowering: an addressed operand cannot be kept');
  return t;
}

interface AndPlan {
  cost: number;
  emit: (s: Site, x: Operand) => void;
}

/** The cheapest way to compute x & C given the known zeros. */
function andPlan(mask: number, zeros: number): AndPlan {
  const C = mask >>> 0;
  const may = ~zeros >>> 0;
  const keep = (C & may) >>> 0;
  const clear = (~C & may) >>> 0;
  if (clear === 0) return { cost: 1, emit: (s, x) => push(s, x) };
  if (keep === 0) {
    return {
      cost: 2,
      emit: (s, x) => {
        discard(s, x);
        s.c.const(0);
      },
    };
  }
  const kb = single(keep);
  if (kb >= 0) return { cost: bitCost(kb, zeros) + 3, emit: (s, x) => selectOnBit(s, x, kb, zeros, 2 ** kb, 0) };
  const cb = single(clear);
  if (cb >= 0) {
    return {
      cost: bitCost(cb, zeros) + 5,
      emit: (s, x) => {
        const l = pushKept(s, x);
        selectOnBit(s, { kind: 'local', index: l }, cb, zeros, 2 ** cb, 0);
        s.c.sub();
      },
    };
  }
  // Any mask between keep and C | zeros gives the same result; so does x − (x & M') for the
  // complements of those masks.
  const wide = (C | zeros) >>> 0;
  const direct = [keep, wide].map((d) => ({ cost: andCost(d), emit: (s: Site, x: Operand) => andConst(s, x, d) }));
  const cleared = [clear, ~keep >>> 0].map((d) => ({
    cost: andCost(d) + 3,
    emit: (s: Site, x: Operand) => {
      const l = pushKept(s, x);
      andConst(s, { kind: 'local', index: l }, d);
      s.c.sub();
    },
  }));
  return [...direct, ...cleared].reduce((a, b) => (b.cost < a.cost ? b : a));
}

/** x & C. */
export function andKnown(s: Site, x: Operand, mask: number, zeros: number): void {
  andPlan(mask, zeros).emit(s, x);
}

/** x | C. */
export function orKnown(s: Site, x: Operand, value: number, zeros: number): void {
  const C = value >>> 0;
  const may = ~zeros >>> 0;
  const shared = (C & may) >>> 0;
  const c = s.c;
  if (shared === 0) {
    push(s, x);
    if (C !== 0) c.const(C).add();
    return;
  }
  if (shared === may) {
    discard(s, x);
    c.const(C);
    return;
  }
  const b = single(shared);
  if (b >= 0) {
    const l = pushKept(s, x);
    selectOnBit(s, { kind: 'local', index: l }, b, zeros, C - 2 ** b, C);
    c.add();
    return;
  }
  // (x & ~C) + C, or x + C − (x & C)
  const rest = andPlan(~C, zeros);
  const common = andPlan(C, zeros);
  if (common.cost + 4 < rest.cost) {
    const l = pushKept(s, x);
    c.const(C).add();
    common.emit(s, { kind: 'local', index: l });
    c.sub();
    return;
  }
  rest.emit(s, x);
  c.const(C).add();
}

/** x ^ C. */
export function xorKnown(s: Site, x: Operand, value: number, zeros: number): void {
  const C = value >>> 0;
  const may = ~zeros >>> 0;
  const shared = (C & may) >>> 0;
  const c = s.c;
  if (shared === 0 || C === INT_MIN) {
    push(s, x);
    if (C !== 0) c.const(C).add();
    return;
  }
  if (shared === may) {
    // x only has bits of C: C ^ x = C − x.
    if (x.kind === 'stack' && s.insertBeneathX(C)) {
      c.sub();
      return;
    }
    if (x.kind === 'stack') {
      const t = s.temp();
      c.set(t);
      x = { kind: 'local', index: t };
    }
    c.const(C);
    push(s, x);
    c.sub();
    return;
  }
  const b = single(shared);
  if (b >= 0) {
    const l = pushKept(s, x);
    selectOnBit(s, { kind: 'local', index: l }, b, zeros, C - 2 ** (b + 1), C);
    c.add();
    return;
  }
  // x + C − 2·(x & C)
  const l = pushKept(s, x);
  c.const(C).add();
  andPlan(shared, zeros).emit(s, { kind: 'local', index: l });
  c.double(1, s.shortTemp()).sub();
}

/**
 * A variable and/or/xor whose operands' known zeros settle it cheaply; false when they don't.
 * Disjoint operands: a | b = a ^ b = a + b, a & b = 0. Two booleans: a | b = (a + b ≠ 0) (or just
 * a + b when only its truth is used), a & b = (a + b = 2), a ^ b = (a ≠ b).
 */
export function bitwiseKnown(s: Site, op: string, x: Operand, y: Operand, zx: number, zy: number, truthOnly: boolean): boolean {
  const mayX = ~zx >>> 0;
  const mayY = ~zy >>> 0;
  const c = s.c;
  if ((mayX & mayY) === 0) {
    if (op === 'i32.and') {
      discard(s, y);
      discard(s, x);
      c.const(0);
    } else {
      push(s, x);
      push(s, y);
      c.add();
    }
    return true;
  }
  if (mayX > 1 || mayY > 1) return false;
  push(s, x);
  push(s, y);
  if (op === 'i32.xor') c.op('i32.ne');
  else if (op === 'i32.and') c.add().const(2).op('i32.eq');
  else {
    c.add();
    if (!truthOnly) c.const(0).op('i32.ne');
  }
  return true;
}
