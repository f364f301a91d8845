import type { HelperSpec } from '../helperRegistry.ts';
import { firstByte, orderOperands } from './multiply.ts';
import { doublePair, returnPair } from './pairCode.ts';

/**
 * umul_wide(x, y) → the full 64-bit product of two unsigned 32-bit words (low word returned, high
 * word through the result-high global). The smaller operand is the multiplier m; the product is
 * built MSB-first over m's significant bytes only (m itself when m < 256, else read from scratch
 * one byte at a time, like `mul`): r = 2r, and r += o with a carry when the next bit is set; a
 * byte below 16 skips its high nibble.
 * The i64 multiplication (i64Pairs.ts) is then lo = low(al·bl), hi = high(al·bl) + ah·bl + al·bh
 * (mod 2^32), its two cross products ordinary i32 multiplications.
 */
export function i64MultiplyHelpers(resultHigh: number): Record<string, HelperSpec> {
  const umul_wide: HelperSpec = {
    params: 2,
    results: 1,
    locals: 6,
    build(c) {
      const X = 0;
      const Y = 1;
      const M = 2;
      const O = 3;
      const RL = 4;
      const RH = 5;
      const J = 6;
      const BYTE = 7;
      orderOperands(c, X, Y, M, O);
      c.const(0).set(RL).const(0).set(RH);
      firstByte(c, M, J, BYTE);
      c.block((done) => {
        c.loop((next) => {
          const bit = (i: number): void => {
            const k = 1 << i;
            doublePair(c, RL, RH, 1);
            c.block((skip) => {
              c.get(BYTE).const(k).op('i32.lt_u').brIf(skip);
              if (i > 0) c.get(BYTE).const(k).sub().set(BYTE);
              c.get(RL).get(O).add().tee(RL).get(O).op('i32.lt_u').get(RH).add().set(RH);
            });
          };
          // A byte below 16 skips its high nibble: four doublings, none while r is still 0.
          c.block((highDone) => {
            c.block((high) => {
              c.get(BYTE).const(16).op('i32.ge_u').brIf(high);
              c.get(RL).op('i32.eqz').get(RH).op('i32.eqz').add().const(2).op('i32.eq').brIf(highDone);
              doublePair(c, RL, RH, 4);
              c.br(highDone);
            });
            for (let i = 7; i >= 4; i--) bit(i);
          });
          for (let i = 3; i >= 0; i--) bit(i);
          c.get(J).op('i32.eqz').brIf(done);
          c.get(J).const(1).sub().tee(J).mem('i32.load8_u', 0).set(BYTE).br(next);
        });
      });
      returnPair(c, RL, RH, resultHigh);
    },
  };
  return { umul_wide };
}
