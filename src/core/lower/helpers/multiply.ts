import type { Code } from '../code.ts';
import type { HelperSpec } from '../helperRegistry.ts';

/** Pushes |local| (as unsigned; |INT_MIN| = 2^31). */
/** m = min(a, b), o = max(a, b) (unsigned): the multiplier walked bit by bit is the smaller. */
export function orderOperands(c: Code, a: number, b: number, m: number, o: number): void {
  c.get(a).get(b).get(a).get(b).op('i32.lt_u').op('select').set(m);
  c.get(b).get(a).get(a).get(b).op('i32.lt_u').op('select').set(o);
}

/**
 * The first byte of m to process: m itself when m < 256 (no scratch round trip), else m's top
 * non-zero byte, j its index (m is stored at scratch 0–3 and read byte by byte).
 */
export function firstByte(c: Code, m: number, j: number, byte: number): void {
  c.block((first) => {
    c.block((wide) => {
      c.get(m).const(0x100).op('i32.ge_u').brIf(wide);
      c.get(m).set(byte).const(0).set(j).br(first);
    });
    c.const(0).get(m).mem('i32.store', 0);
    c.get(m).const(0x10000).op('i32.ge_u').const(1).add();
    c.get(m).const(0x1000000).op('i32.ge_u').add().tee(j).mem('i32.load8_u', 0).set(byte);
  });
}

function abs(c: Code, l: number): void {
  c.const(0).get(l).sub().get(l).get(l).const(0).op('i32.lt_s').op('select');
}

/**
 * mul(a, b) → a·b mod 2^32. Both operands are made non-negative (the product's sign is fixed at
 * the end), the one with fewer significant bits becomes the multiplier m, and the product is
 * built MSB-first over m's significant bytes only (m itself when m < 256, else read from scratch
 * memory one byte at a time): r = 2r, and r += o when the next bit of the byte is set
 * (compare-and-subtract); a byte below 16 skips its high nibble.
 */
const mul: HelperSpec = {
  params: 2,
  results: 1,
  locals: 6,
  build(c) {
    const A = 0;
    const B = 1;
    const NEG = 2;
    const M = 3;
    const O = 4;
    const R = 5;
    const J = 6;
    const BYTE = 7;
    c.const(0).set(NEG);
    c.block((plain) => {
      c.block((signed) => {
        c.get(A).const(0).op('i32.lt_s').brIf(signed);
        c.get(B).const(0).op('i32.ge_s').brIf(plain);
      });
      c.get(A).const(0).op('i32.lt_s').get(B).const(0).op('i32.lt_s').op('i32.ne').set(NEG);
      abs(c, A);
      c.set(A);
      abs(c, B);
      c.set(B);
    });
    orderOperands(c, A, B, M, O);
    c.const(0).set(R);
    firstByte(c, M, J, BYTE);
    c.block((done) => {
      c.loop((next) => {
        const bit = (i: number): void => {
          const k = 1 << i;
          c.get(R).get(R).add().set(R);
          c.block((skip) => {
            c.get(BYTE).const(k).op('i32.lt_u').brIf(skip);
            if (i > 0) c.get(BYTE).const(k).sub().set(BYTE);
            c.get(R).get(O).add().set(R);
          });
        };
        // A byte below 16 skips its high nibble: four doublings of r instead of four bit steps,
        // and none while r is still 0 (the top byte).
        c.block((highDone) => {
          c.block((high) => {
            c.get(BYTE).const(16).op('i32.ge_u').brIf(high);
            c.get(R).op('i32.eqz').brIf(highDone);
            c.doubleLocal(R, 4).br(highDone);
          });
          for (let i = 7; i >= 4; i--) bit(i);
        });
        for (let i = 3; i >= 0; i--) bit(i);
        c.get(J).op('i32.eqz').brIf(done);
        c.get(J).const(1).sub().tee(J).mem('i32.load8_u', 0).set(BYTE).br(next);
      });
    });
    c.const(0).get(R).sub().get(R).get(NEG).op('select');
  },
};

export const multiplyHelpers = { mul } satisfies Record<string, HelperSpec>;
