import type { Code } from '../code.ts';
import type { HelperSpec } from '../helperRegistry.ts';

/** x ← x << 16 through scratch memory. */
function shl16(c: Code, x: number, into = x): void {
  c.const(0).get(x).mem('i32.store16', 2).storeConst('i32.store16', 0).load('i32.load', 0).set(into);
}

/** x ← x << 8 through scratch memory. */
function shl8(c: Code, x: number, into = x): void {
  c.const(0).get(x).mem('i32.store', 1).storeConst('i32.store8', 0).load('i32.load', 0).set(into);
}

/** clz(x): binary search on the leading zeros, shifting them out (16, 8 by memory; 4, 2 by doublings). */
const clz: HelperSpec = {
  params: 1,
  results: 1,
  locals: 1,
  build(c) {
    const X = 0;
    const N = 1;
    c.block((nonzero) => c.get(X).brIf(nonzero).const(32).ret());
    c.const(0).set(N);
    const step = (limit: number, k: number, shift: () => void): void => {
      c.block((skip) => {
        c.get(X).const(limit).op('i32.ge_u').brIf(skip);
        shift();
        c.get(N).const(k).add().set(N);
      });
    };
    step(0x10000, 16, () => shl16(c, X));
    step(0x1000000, 8, () => shl8(c, X));
    step(0x10000000, 4, () => c.doubleLocal(X, 4));
    step(0x40000000, 2, () => c.doubleLocal(X, 2));
    c.get(N).get(X).const(0).op('i32.ge_s').add();
  },
};

/**
 * ctz(x) = 31 − K with K the largest shift for which x << K ≠ 0, found by binary search
 * (candidates x << 16, << 8 by memory; << 4, 2, 1 by doublings).
 */
const ctz: HelperSpec = {
  params: 1,
  results: 1,
  locals: 2,
  build(c) {
    const X = 0;
    const N = 1;
    const CAND = 2;
    c.block((nonzero) => c.get(X).brIf(nonzero).const(32).ret());
    c.const(31).set(N);
    const step = (k: number, candidate: () => void): void => {
      candidate();
      c.block((skip) => {
        c.get(CAND).op('i32.eqz').brIf(skip);
        c.get(CAND).set(X);
        c.get(N).const(k).sub().set(N);
      });
    };
    const doubled = (times: number) => (): void => {
      c.get(X).get(X).add();
      for (let i = 1; i < times; i++) c.tee(CAND).get(CAND).add();
      c.set(CAND);
    };
    step(16, () => shl16(c, X, CAND));
    step(8, () => shl8(c, X, CAND));
    step(4, doubled(4));
    step(2, doubled(2));
    step(1, doubled(1));
    c.get(N);
  },
};

/**
 * popcnt(x): leading zero bytes are shifted out first, then bits leave at the top four per loop
 * round (count += x < 0; x += x) until x is 0: at most 32 steps, fewer for sparse low values.
 */
const popcnt: HelperSpec = {
  params: 1,
  results: 1,
  locals: 1,
  build(c) {
    const X = 0;
    const N = 1;
    c.const(0).set(N);
    c.block((skip) => c.get(X).const(0x10000).op('i32.ge_u').brIf(skip).do(() => shl16(c, X)));
    c.block((skip) => c.get(X).const(0x1000000).op('i32.ge_u').brIf(skip).do(() => shl8(c, X)));
    c.loop((more) => {
      c.get(N);
      for (let i = 0; i < 4; i++) c.get(X).const(0).op('i32.lt_s').add().get(X).get(X).add().set(X);
      c.set(N);
      c.get(X).brIf(more);
    });
    c.get(N);
  },
};

export const bitCountHelpers = { clz, ctz, popcnt } satisfies Record<string, HelperSpec>;
