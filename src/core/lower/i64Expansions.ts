import type { WasmInstr } from '../wasm/ir.ts';
import { I64_BITWISE, I64_EXTEND_IN_PLACE, I64_LOADS, I64_ORDER } from '../wasm/i64Subset.ts';
import { call, K, load, op, signMask, type Expr, type PairEmitter, type Src } from './i64Words.ts';

/**
 * The word-level meaning of each i64 op the pair pass rewrites: operand words in (low word
 * first for each i64, bottom of the stack first), result words pushed low word first.
 */
export interface PairExpansion {
  /** Operand words taken from the stack (an i64 is two). */
  inWords: number;
  /** Result words pushed (an i64 is two). */
  outWords: number;
  emit(e: PairEmitter, x: Src[], ins: WasmInstr): void;
}

const NATURAL_ALIGN: Record<string, number> = { 'i32.load': 2, 'i32.load16_s': 1, 'i32.load16_u': 1, 'i32.load8_s': 0, 'i32.load8_u': 0 };

/** Shift count of a constant shift (mod 64); the pass checked the count words are constants. */
const shiftCount = (x: Src[]): number => x[2].imm & 63;

/** Count 0 keeps both words (the formulas below would shift a word by 32, which i32 takes mod 32). */
function keep(e: PairEmitter, [lo, hi]: Src[]): void {
  e.word(lo);
  e.word(hi);
}

function shiftLeft(e: PairEmitter, [lo, hi]: Src[], c: number): void {
  if (c === 0) return keep(e, [lo, hi]);
  if (c >= 32) {
    e.word(K(0));
    e.word(op('i32.shl', lo, K(c - 32)));
  } else {
    e.word(op('i32.shl', lo, K(c)));
    e.word(op('i32.or', op('i32.shl', hi, K(c)), op('i32.shr_u', lo, K(32 - c))));
  }
}

function shiftRight(e: PairEmitter, [lo, hi]: Src[], c: number, signed: boolean): void {
  const shr = signed ? 'i32.shr_s' : 'i32.shr_u';
  if (c === 0) return keep(e, [lo, hi]);
  if (c >= 32) {
    e.word(op(shr, hi, K(c - 32)));
    e.word(signed ? signMask(hi) : K(0));
  } else {
    e.word(op('i32.or', op('i32.shr_u', lo, K(c)), op('i32.shl', hi, K(32 - c))));
    e.word(op(shr, hi, K(c)));
  }
}

/** rotl by a constant c (mod 64): a word swap for c ≥ 32, then two funnel shifts. */
function rotateLeft(e: PairEmitter, [lo, hi]: Src[], c: number): void {
  if (c >= 32) [lo, hi] = [hi, lo];
  const k = c & 31;
  if (k === 0) return keep(e, [lo, hi]);
  e.word(op('i32.or', op('i32.shl', lo, K(k)), op('i32.shr_u', hi, K(32 - k))));
  e.word(op('i32.or', op('i32.shl', hi, K(k)), op('i32.shr_u', lo, K(32 - k))));
}

/** The i64 result of a helper call: the low word it returns, then the result-high global. */
function helperResult(e: PairEmitter, name: string, args: Expr[]): void {
  e.word(call(e.ctx.helper(name), ...args));
  e.word({ op: 'global.get', imm: e.ctx.resultHigh });
}

const table = new Map<string, PairExpansion>();
const def = (name: string, inWords: number, outWords: number, emit: PairExpansion['emit']): void => {
  table.set(name, { inWords, outWords, emit });
};

def('i64.extend_i32_u', 1, 2, (e, [x]) => {
  e.word(x);
  e.word(K(0));
});
def('i64.extend_i32_s', 1, 2, (e, [x]) => {
  e.word(x);
  e.word(signMask(x));
});
def('i32.wrap_i64', 2, 1, (e, [lo]) => e.word(lo));
// a == 0 ⇔ lo <u (hi == 0): with hi ≠ 0 nothing is below 0; with hi = 0 only lo = 0 is below 1.
def('i64.eqz', 2, 1, (e, [lo, hi]) => e.word(op('i32.lt_u', lo, op('i32.eqz', hi))));
// a == b ⇔ (al − bl) == 0 and (ah − bh) == 0: the eqz test on the word differences.
def('i64.eq', 4, 1, (e, [al, ah, bl, bh]) => e.word(op('i32.lt_u', op('i32.sub', al, bl), op('i32.eqz', op('i32.sub', ah, bh)))));
def('i64.ne', 4, 1, (e, [al, ah, bl, bh]) => e.word(op('i32.ge_u', op('i32.sub', al, bl), op('i32.eqz', op('i32.sub', ah, bh)))));
for (const [name, { high, low }] of Object.entries(I64_ORDER)) {
  def(name, 4, 1, (e, [al, ah, bl, bh]) => e.word(op('select', op(low, al, bl), op(high, ah, bh), op('i32.eq', ah, bh))));
}
for (const [name, word] of Object.entries(I64_BITWISE)) {
  def(name, 4, 2, (e, [al, ah, bl, bh]) => {
    e.word(op(word, al, bl));
    e.word(op(word, ah, bh));
  });
}
// Carry out of the low word: the wrapped sum is below either addend.
def('i64.add', 4, 2, (e, [al, ah, bl, bh]) => {
  const lo = e.shared(op('i32.add', al, bl));
  e.word(op('i32.add', op('i32.add', ah, bh), op('i32.lt_u', lo, bl)));
});
def('i64.sub', 4, 2, (e, [al, ah, bl, bh]) => {
  e.word(op('i32.sub', al, bl));
  e.word(op('i32.sub', op('i32.sub', ah, bh), op('i32.lt_u', al, bl)));
});
def('select', 5, 2, (e, [al, ah, bl, bh, c]) => {
  e.word(op('select', al, bl, c));
  e.word(op('select', ah, bh, c));
});
def('drop', 2, 0, () => {});
def('i64.shl', 4, 2, (e, x) => shiftLeft(e, x, shiftCount(x)));
def('i64.shr_u', 4, 2, (e, x) => shiftRight(e, x, shiftCount(x), false));
def('i64.shr_s', 4, 2, (e, x) => shiftRight(e, x, shiftCount(x), true));
for (const [name, bits] of Object.entries(I64_EXTEND_IN_PLACE)) {
  def(name, 2, 2, (e, [lo]) => {
    const v = e.shared(bits === 32 ? lo : op(`i32.extend${bits}_s`, lo));
    e.word(signMask(v));
  });
}
for (const [name, { op: word, signed, wide }] of Object.entries(I64_LOADS)) {
  def(name, 1, 2, (e, [addr], ins) => {
    const align = Math.min(ins.align ?? NATURAL_ALIGN[word], NATURAL_ALIGN[word]);
    if (wide) {
      e.word(load(word, addr, ins.imm, align));
      e.word(load(word, addr, ins.imm + 4, align));
      return;
    }
    if (!signed) {
      e.word(load(word, addr, ins.imm, align));
      e.word(K(0));
      return;
    }
    e.word(signMask(e.shared(load(word, addr, ins.imm, align))));
  });
}
def('i64.store', 3, 0, (e, [addr, lo, hi], ins) => {
  const align = Math.min(ins.align ?? 2, 2);
  e.word(addr);
  e.word(lo);
  e.instr({ op: 'i32.store', imm: ins.imm, align });
  e.word(addr);
  e.word(hi);
  e.instr({ op: 'i32.store', imm: ins.imm + 4, align });
});

def('i64.rotl', 4, 2, (e, x) => rotateLeft(e, x, shiftCount(x)));
def('i64.rotr', 4, 2, (e, x) => rotateLeft(e, x, (64 - shiftCount(x)) & 63));
// a·b mod 2^64 = al·bl (full 64 bits) + (ah·bl + al·bh)·2^32: one wide helper, two i32 products.
def('i64.mul', 4, 2, (e, [al, ah, bl, bh]) => {
  e.word(call(e.ctx.helper('umul_wide'), al, bl));
  e.word(op('i32.add', op('i32.add', { op: 'global.get', imm: e.ctx.resultHigh }, op('i32.mul', ah, bl)), op('i32.mul', al, bh)));
});
def('i64.div_u', 4, 2, (e, x) => helperResult(e, 'udivmod64', x));
def('i64.div_s', 4, 2, (e, x) => helperResult(e, 'i64_div_s', x));
def('i64.rem_s', 4, 2, (e, x) => helperResult(e, 'i64_rem_s', x));
def('i64.rem_u', 4, 2, (e, x) => {
  e.word(call(e.ctx.helper('udivmod64'), ...x));
  e.instr({ op: 'drop', imm: 0 });
  e.word(load('i32.load', K(0), 0, 2));
  e.word(load('i32.load', K(0), 4, 2));
});
def('i64.clz', 2, 2, (e, x) => {
  e.word(call(e.ctx.helper('i64_clz'), ...x));
  e.word(K(0));
});
def('i64.ctz', 2, 2, (e, x) => {
  e.word(call(e.ctx.helper('i64_ctz'), ...x));
  e.word(K(0));
});
def('i64.popcnt', 2, 2, (e, [lo, hi]) => {
  e.word(op('i32.add', op('i32.popcnt', lo), op('i32.popcnt', hi)));
  e.word(K(0));
});

export const PAIR_EXPANSIONS: ReadonlyMap<string, PairExpansion> = table;

/** Shifts and rotates by a count that is not a constant: a helper call (helpers/i64Shift.ts). */
export const VARIABLE_SHIFT_EXPANSIONS: ReadonlyMap<string, PairExpansion> = new Map(
  ['shl', 'shr_s', 'shr_u', 'rotl', 'rotr'].map((name): [string, PairExpansion] => [
    `i64.${name}`,
    { inWords: 4, outWords: 2, emit: (e, x) => helperResult(e, `i64_${name}`, x) },
  ]),
);
