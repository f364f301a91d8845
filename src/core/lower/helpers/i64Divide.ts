import type { HelperSpec } from '../helperRegistry.ts';
import { REMAINDER_OFFSET } from './divide.ts';
import { negatePair, returnPair, storePair } from './pairCode.ts';

/**
 * 64-bit division. `udivmod64(n lo, n hi, d lo, d hi)` returns the quotient (low word; high word
 * through the result-high global) and leaves the 64-bit remainder at scratch 0–7, read by the
 * caller right after the call. Division by zero traps like the i32 ops.
 *
 * - n and d both below 2^32: the i32 `udivmod`.
 * - d below 2^32: q hi, r = n hi / d, n hi % d (i32 `udivmod`), then 32 restoring steps divide
 *   (r:n lo) by d. r < d < 2^32 throughout, so the remainder is one word; the bit shifted out of
 *   2r decides the subtraction with r ≥ d.
 * - d ≥ 2^32: the quotient is below 2^32; 32 restoring steps with a two-word remainder starting at
 *   n hi. Quotient bits are shifted into n lo as its bits are shifted out.
 */
export function i64DivideHelpers(resultHigh: number): Record<string, HelperSpec> {
  const NL = 0;
  const NH = 1;
  const DL = 2;
  const DH = 3;

  const udivmod64: HelperSpec = {
    params: 4,
    results: 1,
    locals: 5,
    build(c, ctx) {
      const RL = 4;
      const RH = 5;
      const QH = 6;
      const K = 7;
      const C = 8;
      c.block((ok) => c.get(DL).brIf(ok).get(DH).brIf(ok).call(ctx.helper('trap_div0')));
      c.block((wideDivisor) => {
        c.get(DH).brIf(wideDivisor);
        c.block((wideDividend) => {
          c.get(NH).brIf(wideDividend);
          c.get(NL).get(DL).call(ctx.helper('udivmod')).set(NL);
          c.load('i32.load', REMAINDER_OFFSET).set(RL);
          storePair(c, RL, 'zero');
          c.const(0).op('global.set', resultHigh).get(NL).ret();
        });
        c.const(0).set(QH).get(NH).set(RL);
        c.block((below) => {
          c.get(NH).get(DL).op('i32.lt_u').brIf(below);
          c.get(NH).get(DL).call(ctx.helper('udivmod')).set(QH);
          c.load('i32.load', REMAINDER_OFFSET).set(RL);
        });
        c.const(32).set(K);
        c.loop((next) => {
          c.get(RL).const(0).op('i32.lt_s').set(C);
          c.get(RL).get(RL).add().get(NL).const(0).op('i32.lt_s').add().set(RL);
          c.doubleLocal(NL, 1);
          c.block((skip) => {
            c.const(1).get(RL).get(DL).op('i32.ge_u').get(C).op('select').op('i32.eqz').brIf(skip);
            c.get(RL).get(DL).sub().set(RL);
            c.get(NL).const(1).add().set(NL);
          });
          c.get(K).const(1).sub().tee(K).brIf(next);
        });
        storePair(c, RL, 'zero');
        returnPair(c, NL, QH, resultHigh);
        c.ret();
      });
      c.get(NH).set(RL).const(0).set(RH);
      c.const(32).set(K);
      c.loop((next) => {
        c.get(RH).get(RH).add().get(RL).const(0).op('i32.lt_s').add().set(RH);
        c.get(RL).get(RL).add().get(NL).const(0).op('i32.lt_s').add().set(RL);
        c.doubleLocal(NL, 1);
        c.block((skip) => {
          // r ≥ d: the high words decide unless they are equal.
          c.get(RL).get(DL).op('i32.ge_u').get(RH).get(DH).op('i32.gt_u').get(RH).get(DH).op('i32.eq').op('select').op('i32.eqz').brIf(skip);
          c.get(RH).get(DH).sub().get(RL).get(DL).op('i32.lt_u').sub().set(RH);
          c.get(RL).get(DL).sub().set(RL);
          c.get(NL).const(1).add().set(NL);
        });
        c.get(K).const(1).sub().tee(K).brIf(next);
      });
      storePair(c, RL, RH);
      c.const(0).op('global.set', resultHigh).get(NL);
    },
  };

  /** Signed division (`remainder` false) or remainder, through udivmod64 on the magnitudes. */
  const signed = (remainder: boolean): HelperSpec => ({
    params: 4,
    results: 1,
    locals: 2,
    build(c, ctx) {
      const NN = 4;
      const ND = 5;
      c.block((ok) => c.get(DL).brIf(ok).get(DH).brIf(ok).call(ctx.helper('trap_div0')));
      if (!remainder) {
        c.block((fine) => {
          c.get(NL).brIf(fine);
          c.get(NH).const(0x80000000).op('i32.ne').brIf(fine);
          c.get(DL).const(-1).op('i32.ne').brIf(fine);
          c.get(DH).const(-1).op('i32.ne').brIf(fine);
          c.call(ctx.helper('trap_overflow'));
        });
      }
      c.get(NH).const(0).op('i32.lt_s').set(NN);
      c.get(DH).const(0).op('i32.lt_s').set(ND);
      c.block((skip) => c.get(NN).op('i32.eqz').brIf(skip).do(() => negatePair(c, NL, NH)));
      c.block((skip) => c.get(ND).op('i32.eqz').brIf(skip).do(() => negatePair(c, DL, DH)));
      c.get(NL).get(NH).get(DL).get(DH).call(ctx.helper('udivmod64'));
      if (remainder) {
        c.op('drop').load('i32.load', 0).set(NL).load('i32.load', 4).set(NH);
        c.block((skip) => c.get(NN).op('i32.eqz').brIf(skip).do(() => negatePair(c, NL, NH)));
      } else {
        c.set(NL).op('global.get', resultHigh).set(NH);
        c.block((skip) => c.get(NN).get(ND).op('i32.eq').brIf(skip).do(() => negatePair(c, NL, NH)));
      }
      returnPair(c, NL, NH, resultHigh);
    },
  });

  return { udivmod64, i64_div_s: signed(false), i64_rem_s: signed(true) };
}
