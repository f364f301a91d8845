import type { HelperSpec } from '../helperRegistry.ts';

/** Modes of `bitwise(a, b, mode)`. */
export const BITWISE_MODE = { and: 0, or: 1, xor: 2 } as const;

/**
 * bitwise(a, b, mode) → a & b (mode 0), a | b (1), a ^ b (2).
 * a & b is computed byte by byte, up to the top non-zero byte of min(a, b): a at scratch 0–3, b
 * at 4–7; a byte pair with a zero byte gives 0 at once, otherwise an unrolled compare-and-subtract chain walks both bytes from bit 7 down
 * and collects the bits set in both. The result bytes overwrite a's. Then
 * a | b = a + b − (a & b) and a ^ b = a + b − 2·(a & b), exactly, mod 2^32.
 */
const bitwise: HelperSpec = {
  params: 3,
  results: 1,
  locals: 6,
  build(c) {
    const A = 0;
    const B = 1;
    const MODE = 2;
    const X = 3;
    const Y = 4;
    const RB = 5;
    const J = 6;
    const AND = 7;
    const TOP = 8;
    c.const(0).set(AND);
    c.block((done) => {
      // Only the bytes up to the top non-zero byte of min(a, b) can be non-zero in a & b.
      c.get(A).get(B).get(A).get(B).op('i32.lt_u').op('select').tee(X);
      c.op('i32.eqz').brIf(done);
      c.get(X).const(0x100).op('i32.ge_u');
      c.get(X).const(0x10000).op('i32.ge_u').add();
      c.get(X).const(0x1000000).op('i32.ge_u').add().set(TOP);
      c.const(0).get(A).mem('i32.store', 0);
      c.const(0).get(B).mem('i32.store', 4);
      c.const(0).set(J);
      c.loop((next) => {
        c.get(J).mem('i32.load8_u', 0).set(X);
        c.get(J).mem('i32.load8_u', 4).set(Y);
        c.const(0).set(RB);
        c.block((byteDone) => {
          c.get(X).op('i32.eqz').brIf(byteDone);
          c.get(Y).op('i32.eqz').brIf(byteDone);
          for (let i = 7; i >= 1; i--) {
            const k = 1 << i;
            c.block((bitDone) => {
              c.block((xClear) => {
                c.get(X).const(k).op('i32.lt_u').brIf(xClear);
                c.get(X).const(k).sub().set(X);
                c.get(Y).const(k).op('i32.lt_u').brIf(bitDone);
                c.get(Y).const(k).sub().set(Y);
                c.get(RB).const(k).add().set(RB);
                c.br(bitDone);
              });
              c.get(Y).const(k).op('i32.lt_u').brIf(bitDone);
              c.get(Y).const(k).sub().set(Y);
            });
          }
          // Bit 0: x and y are now 0 or 1.
          c.get(RB).get(Y).const(0).get(X).op('select').add().set(RB);
        });
        c.get(J).get(RB).mem('i32.store8', 0);
        c.get(J).const(1).add().tee(J).get(TOP).op('i32.le_u').brIf(next);
      });
      // Bytes above the top one are zero in the result.
      for (const j of [3, 2, 1]) c.block((keep) => c.get(TOP).const(j).op('i32.ge_u').brIf(keep).storeConst('i32.store8', j));
      c.load('i32.load', 0).set(AND);
    });
    // xor = a + b − 2·and, or = a + b − and, and
    c.get(A).get(B).add().get(AND).sub().tee(X).get(AND).sub();
    c.get(X);
    c.get(MODE).const(BITWISE_MODE.xor).op('i32.eq').op('select');
    c.get(AND);
    c.get(MODE).op('select');
  },
};

export const bitwiseHelpers = { bitwise } satisfies Record<string, HelperSpec>;
