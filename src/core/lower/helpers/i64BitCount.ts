import type { HelperSpec } from '../helperRegistry.ts';

/**
 * clz and ctz of a 64-bit value (lo, hi) → the count (an i32; the i64 result's high word is 0):
 * the i32 op on the word that decides, plus 32 when that word is zero.
 */
const LO = 0;
const HI = 1;

const clz64: HelperSpec = {
  params: 2,
  results: 1,
  locals: 0,
  build(c) {
    c.block((highZero) => c.get(HI).op('i32.eqz').brIf(highZero).get(HI).op('i32.clz').ret());
    c.get(LO).op('i32.clz').const(32).add();
  },
};

const ctz64: HelperSpec = {
  params: 2,
  results: 1,
  locals: 0,
  build(c) {
    c.block((lowZero) => c.get(LO).op('i32.eqz').brIf(lowZero).get(LO).op('i32.ctz').ret());
    c.get(HI).op('i32.ctz').const(32).add();
  },
};

export const i64BitCountHelpers = { i64_clz: clz64, i64_ctz: ctz64 } satisfies Record<string, HelperSpec>;
