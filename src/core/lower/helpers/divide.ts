import type { Code, Label } from '../code.ts';
import type { HelperSpec } from '../helperRegistry.ts';

/** Scratch address where `udivmod` leaves the remainder (bytes 4–7). */
export const REMAINDER_OFFSET = 4;

const INT_MIN = 0x80000000;

/**
 * udivmod(n, d) → quotient; the remainder is stored at scratch REMAINDER_OFFSET.
 *
 * Shifted-divisor long division, fully unrolled so the multiples d·2^k live in locals:
 * an "up" phase doubles d while 2·d_k ≤ n (test d_k > n − d_k, which cannot overflow), then
 * jumps into a "down" phase that, from the top level k down to 0, subtracts d_k when it fits and
 * adds 2^k to the quotient. Cost is proportional to the number of quotient bits
 * (bitlen(n) − bitlen(d) + 1 ≤ 32 levels), never to the value.
 */
const udivmod: HelperSpec = {
  params: 2,
  results: 1,
  locals: 32,
  build(c, ctx) {
    const N = 0;
    const D = 1;
    const Q = 33;
    const dk = (k: number): number => (k === 0 ? D : k + 1);
    c.block((ok) => c.get(D).brIf(ok).call(ctx.helper('trap_div0')));
    c.block((main) => {
      c.block((small) => {
        c.get(N).get(D).op('i32.lt_u').brIf(small);
        c.get(D).const(0).op('i32.ge_s').brIf(main);
      });
      // n < d, or d ≥ 2^31: the quotient is 0 or 1.
      c.const(0).get(N).get(D).sub().get(N).get(N).get(D).op('i32.ge_u').op('select').mem('i32.store', REMAINDER_OFFSET);
      c.get(N).get(D).op('i32.ge_u').ret();
    });
    c.const(0).set(Q);
    const levels: Label[] = [];
    const up = (): void => {
      for (let k = 0; k < 31; k++) {
        c.get(dk(k)).get(N).get(dk(k)).sub().op('i32.gt_u').brIf(levels[k]);
        c.get(dk(k)).get(dk(k)).add().set(dk(k + 1));
      }
      // Level 31 (d = 1, n ≥ 2^31) falls through into its own down step.
    };
    const down = (k: number): void => {
      c.block((skip) => {
        c.get(N).get(dk(k)).op('i32.lt_u').brIf(skip);
        c.get(N).get(dk(k)).sub().set(N);
        c.get(Q).const(2 ** k).add().set(Q);
      });
    };
    const nest = (k: number): void => {
      c.block((l) => {
        levels[k] = l;
        if (k < 31) nest(k + 1);
        else up();
      });
      down(k);
    };
    nest(0);
    c.const(0).get(N).mem('i32.store', REMAINDER_OFFSET);
    c.get(Q);
  },
};

/** When neither operand is negative, `unsigned()` computes and returns the result directly. */
function whenBothNonNegative(c: Code, n: number, d: number, unsigned: () => void): void {
  c.block((slow) => {
    c.get(n).const(0).op('i32.lt_s').brIf(slow);
    c.get(d).const(0).op('i32.lt_s').brIf(slow);
    unsigned();
  });
}

/** Pushes |local| (as unsigned; |INT_MIN| = 2^31). */
function abs(c: Code, l: number): void {
  c.const(0).get(l).sub().get(l).get(l).const(0).op('i32.lt_s').op('select');
}

/** sdiv(n, d): truncating signed division; traps on d = 0 (via udivmod) and INT_MIN / −1. */
const sdiv: HelperSpec = {
  params: 2,
  results: 1,
  locals: 1,
  build(c, ctx) {
    const N = 0;
    const D = 1;
    const Q = 2;
    const udiv = ctx.helper('udivmod');
    c.block((ok) => {
      c.get(D).const(-1).op('i32.ne').brIf(ok);
      c.get(N).const(INT_MIN).op('i32.ne').brIf(ok);
      c.call(ctx.helper('trap_overflow'));
    });
    whenBothNonNegative(c, N, D, () => c.get(N).get(D).call(udiv).ret());
    abs(c, N);
    abs(c, D);
    c.call(udiv).set(Q);
    c.const(0).get(Q).sub().get(Q);
    c.get(N).const(0).op('i32.lt_s').get(D).const(0).op('i32.lt_s').op('i32.ne');
    c.op('select');
  },
};

/** srem(n, d): remainder with the dividend's sign; INT_MIN % −1 = 0; traps on d = 0. */
const srem: HelperSpec = {
  params: 2,
  results: 1,
  locals: 1,
  build(c, ctx) {
    const N = 0;
    const D = 1;
    const R = 2;
    const udiv = ctx.helper('udivmod');
    whenBothNonNegative(c, N, D, () => c.get(N).get(D).call(udiv).op('drop').load('i32.load', REMAINDER_OFFSET).ret());
    abs(c, N);
    abs(c, D);
    c.call(udiv).op('drop').load('i32.load', REMAINDER_OFFSET).set(R);
    c.const(0).get(R).sub().get(R).get(N).const(0).op('i32.lt_s').op('select');
  },
};

export const divideHelpers = { udivmod, sdiv, srem } satisfies Record<string, HelperSpec>;
