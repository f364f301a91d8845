import type { Code } from '../code.ts';
import type { HelperSpec } from '../helperRegistry.ts';
import { countMod64, doublePair, highByte, invertPair, returnPair, storePair, whenAtLeast } from './pairCode.ts';

/**
 * 64-bit shifts and rotates by a variable count: (lo, hi, count lo, count hi) → lo, the high word
 * through the result-high global. The count is taken mod 64 (its high word never matters).
 * Whole words move by assignment, whole bytes through scratch 0–7 (store both words, load at a
 * byte offset), and the last 0–7 bits by doublings: the bits crossing a word boundary are the top
 * byte of the other word, doubled alongside and then divided by 256 through scratch.
 */

const LO = 0;
const HI = 1;
const N = 2;

/** Doubles each local r times for the count r < 8 in local N (4, 2, 1 by branches); N ends at 0. */
function doubleBits(c: Code, each: (times: number) => void): void {
  whenAtLeast(c, N, 4, () => each(4));
  whenAtLeast(c, N, 2, () => each(2));
  c.block((skip) => c.get(N).op('i32.eqz').brIf(skip).do(() => each(1)));
}

/** shl or rotl: (lo, hi) ← (lo, hi) << n, rotating the bits shifted out back in when `rotate`. */
function leftBody(c: Code, rotate: boolean): void {
  const A = 4;
  const TL = 5;
  const TH = 6;
  c.block((small) => {
    c.get(N).const(32).op('i32.lt_u').brIf(small);
    if (rotate) c.get(LO).get(HI).set(LO).set(HI);
    else c.get(LO).set(HI).const(0).set(LO);
    c.get(N).const(32).sub().set(N);
  });
  // q whole bytes: both words read at offset 4 − q of [low-side word, word].
  c.const(4).set(A);
  whenAtLeast(c, N, 16, () => c.get(A).const(2).sub().set(A));
  whenAtLeast(c, N, 8, () => c.get(A).const(1).sub().set(A));
  c.block((noBytes) => {
    c.get(A).const(4).op('i32.eq').brIf(noBytes);
    storePair(c, LO, HI);
    c.get(A).mem('i32.load', 0).set(TH);
    storePair(c, rotate ? HI : 'zero', LO);
    c.get(A).mem('i32.load', 0).set(LO);
    c.get(TH).set(HI);
  });
  c.block((noBits) => {
    c.get(N).op('i32.eqz').brIf(noBits);
    c.const(0).get(LO).mem('i32.store', 0).load('i32.load8_u', 3).set(TL);
    if (rotate) c.const(0).get(HI).mem('i32.store', 0).load('i32.load8_u', 3).set(TH);
    doubleBits(c, (k) => {
      c.doubleLocal(HI, k).doubleLocal(LO, k).doubleLocal(TL, k);
      if (rotate) c.doubleLocal(TH, k);
    });
    c.get(HI).do(() => highByte(c, TL)).add().set(HI);
    if (rotate) c.get(LO).do(() => highByte(c, TH)).add().set(LO);
  });
}

/**
 * shr_u: with n = 8q + r, r > 0 and s = 8 − r: x >>> n = (x >>> 8(q+1))·2^s + (byte q of x)·2^s >>> 8.
 * x >>> 8(q+1) is read from scratch (its high word from [hi, 0]), then doubled s times.
 */
function rightBody(c: Code): void {
  const A = 4;
  const B = 5;
  const T = 6;
  c.block((small) => {
    c.get(N).const(32).op('i32.lt_u').brIf(small);
    c.get(HI).set(LO).const(0).set(HI);
    c.get(N).const(32).sub().set(N);
  });
  c.const(0).set(A);
  whenAtLeast(c, N, 16, () => c.const(2).set(A));
  whenAtLeast(c, N, 8, () => c.get(A).const(1).add().set(A));
  c.block((bits) => {
    c.get(N).brIf(bits);
    c.block((noBytes) => {
      c.get(A).op('i32.eqz').brIf(noBytes);
      storePair(c, LO, HI);
      c.get(A).mem('i32.load', 0).set(T);
      storePair(c, HI, 'zero');
      c.get(A).mem('i32.load', 0).set(HI);
      c.get(T).set(LO);
    });
    c.br(bits);
  });
  c.block((done) => {
    c.get(N).op('i32.eqz').brIf(done);
    storePair(c, LO, HI);
    c.get(A).mem('i32.load', 1).set(T);
    c.get(A).mem('i32.load8_u', 0).set(B);
    storePair(c, HI, 'zero');
    c.get(A).mem('i32.load', 1).set(HI);
    c.get(T).set(LO);
    c.const(8).get(N).sub().set(N);
    doubleBits(c, (k) => {
      doublePair(c, LO, HI, k);
      c.doubleLocal(B, k);
    });
    c.get(LO).do(() => highByte(c, B)).add().set(LO);
  });
}

function shiftHelper(resultHigh: number, body: (c: Code) => void): HelperSpec {
  return {
    params: 4,
    results: 1,
    locals: 4,
    build(c) {
      countMod64(c, N);
      body(c);
      returnPair(c, LO, HI, resultHigh);
    },
  };
}

export function i64ShiftHelpers(resultHigh: number): Record<string, HelperSpec> {
  return {
    i64_shl: shiftHelper(resultHigh, (c) => leftBody(c, false)),
    i64_rotl: shiftHelper(resultHigh, (c) => leftBody(c, true)),
    // rotr(x, n) = rotl(x, 64 − n mod 64)
    i64_rotr: shiftHelper(resultHigh, (c) => {
      c.const(64).get(N).sub().set(N);
      c.block((small) => c.get(N).const(64).op('i32.lt_u').brIf(small).const(0).set(N));
      leftBody(c, true);
    }),
    i64_shr_u: shiftHelper(resultHigh, rightBody),
    // shr_s(x, n) = x < 0 ? ~(~x >>> n) : x >>> n
    i64_shr_s: shiftHelper(resultHigh, (c) => {
      const NEG = 7;
      c.get(HI).const(0).op('i32.lt_s').set(NEG);
      c.block((positive) => c.get(NEG).op('i32.eqz').brIf(positive).do(() => invertPair(c, LO, HI)));
      rightBody(c);
      c.block((positive) => c.get(NEG).op('i32.eqz').brIf(positive).do(() => invertPair(c, LO, HI)));
    }),
  };
}
