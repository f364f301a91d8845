import type { Label } from '../code.ts';
import type { HelperSpec } from '../helperRegistry.ts';
import { REMAINDER_OFFSET } from './divide.ts';

/** Levels per group of the entry dispatch (a binary search picks the group to start in). */
const GROUP = 4;

/**
 * udiv_c<C>(n) → n / C (unsigned, C ≥ 2 not a power of two, C < 2^31); the remainder is stored
 * at scratch REMAINDER_OFFSET, as udivmod does. The multiples C·2^k are immediates: a binary
 * search over groups of levels finds where n's quotient can start, then one unrolled
 * compare-and-subtract per level down to 0. Cost ≈ 4 per level tried plus 8 per quotient bit
 * set, never more than one pass over the ⌊log2(2^32/C)⌋ + 1 levels.
 */
export function udivByConstant(divisor: number): HelperSpec {
  const d = divisor >>> 0;
  let top = 0;
  while (d * 2 ** (top + 1) <= 0xffffffff) top++;
  const multiple = (k: number): number => d * 2 ** k;
  return {
    params: 1,
    results: 1,
    locals: 1,
    build(c) {
      const N = 0;
      const Q = 1;
      c.const(0).set(Q);
      const starts: number[] = [];
      for (let t = top; t >= 0; t -= GROUP) starts.unshift(t);
      const levels: Label[] = [];
      /** Branches to the first start level t_i (i in [lo, hi]) with n < C·2^(t_i+1). */
      const dispatch = (lo: number, hi: number): void => {
        if (lo === hi) {
          c.br(levels[starts[lo]]);
          return;
        }
        const mid = (lo + hi) >> 1;
        c.block((low) => {
          c.get(N).const(multiple(starts[mid] + 1)).op('i32.lt_u').brIf(low);
          dispatch(mid + 1, hi);
        });
        dispatch(lo, mid);
      };
      const down = (k: number): void => {
        c.block((skip) => {
          c.get(N).const(multiple(k)).op('i32.lt_u').brIf(skip);
          c.get(N).const(multiple(k)).sub().set(N);
          c.get(Q).const(2 ** k).add().set(Q);
        });
      };
      const nest = (k: number): void => {
        c.block((l) => {
          levels[k] = l;
          if (k < top) nest(k + 1);
          else dispatch(0, starts.length - 1);
        });
        down(k);
      };
      nest(0);
      c.const(0).get(N).mem('i32.store', REMAINDER_OFFSET);
      c.get(Q);
    },
  };
}
