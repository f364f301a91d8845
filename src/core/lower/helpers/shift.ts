import type { Code } from '../code.ts';
import type { HelperSpec } from '../helperRegistry.ts';

/** n ← n mod 32 for the count in local n: only counts ≥ 32 pay (their low byte, then 3 strips). */
function countMod32(c: Code, n: number): void {
  c.block((small) => {
    c.get(n).const(32).op('i32.lt_u').brIf(small);
    c.const(0).get(n).mem('i32.store8', 0).load('i32.load8_u', 0).set(n);
    for (const k of [128, 64, 32]) {
      c.block((skip) => c.get(n).const(k).op('i32.lt_u').brIf(skip).get(n).const(k).sub().set(n));
    }
  });
}

/** if (n ≥ k) { body; n −= k } */
function whenAtLeast(c: Code, n: number, k: number, body: () => void): void {
  c.block((skip) => {
    c.get(n).const(k).op('i32.lt_u').brIf(skip);
    body();
    c.get(n).const(k).sub().set(n);
  });
}

/** shl(x, n) = x << (n mod 32): 16 and 8 by memory, then 4, 2, 1 by doublings. */
const shl: HelperSpec = {
  params: 2,
  results: 1,
  locals: 0,
  build(c) {
    const X = 0;
    const N = 1;
    countMod32(c, N);
    whenAtLeast(c, N, 16, () => {
      c.const(0).get(X).mem('i32.store16', 2).storeConst('i32.store16', 0).load('i32.load', 0).set(X);
    });
    whenAtLeast(c, N, 8, () => {
      c.const(0).get(X).mem('i32.store', 1).storeConst('i32.store8', 0).load('i32.load', 0).set(X);
    });
    whenAtLeast(c, N, 4, () => c.doubleLocal(X, 4));
    whenAtLeast(c, N, 2, () => c.doubleLocal(X, 2));
    c.block((skip) => c.get(N).op('i32.eqz').brIf(skip).doubleLocal(X, 1));
    c.get(X);
  },
};

/**
 * shr_u(x, n) = x >>> (n mod 32). With n = 8q + r: x sits at scratch 0–3 above zeros at 4–7;
 * for r = 0 the result is the word at offset q. Otherwise hi = word at q + 1 (< 2^24) and
 * lo = byte q, both doubled s = 8 − r times (by 4, 2, 1): x >>> n = hi·2^s + (lo·2^s >>> 8).
 */
const shr_u: HelperSpec = {
  params: 2,
  results: 1,
  locals: 3,
  build(c) {
    const X = 0;
    const N = 1;
    const ADDR = 2;
    const HI = 3;
    const LO = 4;
    countMod32(c, N);
    c.const(0).get(X).mem('i32.store', 0).storeConst('i32.store', 4);
    c.const(0).set(ADDR);
    whenAtLeast(c, N, 16, () => c.const(2).set(ADDR));
    whenAtLeast(c, N, 8, () => c.get(ADDR).const(1).add().set(ADDR));
    c.block((bits) => c.get(N).brIf(bits).get(ADDR).mem('i32.load', 0).ret());
    c.get(ADDR).mem('i32.load', 1).set(HI);
    c.get(ADDR).mem('i32.load8_u', 0).set(LO);
    c.const(8).get(N).sub().set(N);
    whenAtLeast(c, N, 4, () => c.doubleLocal(HI, 4).doubleLocal(LO, 4));
    whenAtLeast(c, N, 2, () => c.doubleLocal(HI, 2).doubleLocal(LO, 2));
    c.block((skip) => c.get(N).op('i32.eqz').brIf(skip).doubleLocal(HI, 1).doubleLocal(LO, 1));
    c.get(HI).const(0).get(LO).mem('i32.store16', 0).load('i32.load8_u', 1).add();
  },
};

/** shr_s(x, n) = x < 0 ? ~(~x >>> n) : x >>> n. */
const shr_s: HelperSpec = {
  params: 2,
  results: 1,
  locals: 1,
  build(c, ctx) {
    const X = 0;
    const N = 1;
    const NEG = 2;
    c.get(X).const(0).op('i32.lt_s').set(NEG);
    c.const(-1).get(X).sub().get(X).get(NEG).op('select');
    c.get(N).call(ctx.helper('shr_u')).set(X);
    c.const(-1).get(X).sub().get(X).get(NEG).op('select');
  },
};

/**
 * rotl(x, n) = (x << n) + (x >>> (32 − n)), counts mod 32. When n ≡ 0 both parts equal x, and
 * the only other way the right part can equal x is x = 0, so the result is l when r = x.
 */
const rotl: HelperSpec = {
  params: 2,
  results: 1,
  locals: 2,
  build(c, ctx) {
    const X = 0;
    const N = 1;
    const L = 2;
    const R = 3;
    c.get(X).get(N).call(ctx.helper('shl')).set(L);
    c.get(X).const(0).get(N).sub().call(ctx.helper('shr_u')).set(R);
    c.get(L).get(L).get(R).add().get(R).get(X).op('i32.eq').op('select');
  },
};

/** rotr(x, n) = rotl(x, −n). */
const rotr: HelperSpec = {
  params: 2,
  results: 1,
  locals: 0,
  build(c, ctx) {
    c.get(0).const(0).get(1).sub().call(ctx.helper('rotl'));
  },
};

export const shiftHelpers = { shl, shr_u, shr_s, rotl, rotr } satisfies Record<string, HelperSpec>;
