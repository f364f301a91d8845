import { involvesType, opsWhere, wasmOp } from './opcodeTable.ts';

/**
 * The 64-bit integer operations the i64-pair pass (i64Pairs.ts) rewrites into i32 words: every
 * integer i64 op of WebAssembly 2.0 (conversions from and to floats are float ops).
 */

export const I64_LOADS: Readonly<Record<string, { op: string; signed: boolean; wide: boolean }>> = {
  'i64.load': { op: 'i32.load', signed: false, wide: true },
  'i64.load8_s': { op: 'i32.load8_s', signed: true, wide: false },
  'i64.load8_u': { op: 'i32.load8_u', signed: false, wide: false },
  'i64.load16_s': { op: 'i32.load16_s', signed: true, wide: false },
  'i64.load16_u': { op: 'i32.load16_u', signed: false, wide: false },
  'i64.load32_s': { op: 'i32.load', signed: true, wide: false },
  'i64.load32_u': { op: 'i32.load', signed: false, wide: false },
};

/** Narrow stores write the low word's low bytes; `i64.store` writes both words. */
export const I64_STORES: Readonly<Record<string, string | null>> = {
  'i64.store': null,
  'i64.store8': 'i32.store8',
  'i64.store16': 'i32.store16',
  'i64.store32': 'i32.store',
};

export const I64_BITWISE: Readonly<Record<string, 'i32.and' | 'i32.or' | 'i32.xor'>> = {
  'i64.and': 'i32.and',
  'i64.or': 'i32.or',
  'i64.xor': 'i32.xor',
};

/** a OP b = (high words equal) ? (low words OP unsigned) : (high words OP strictly, signed or not). */
export const I64_ORDER: Readonly<Record<string, { high: string; low: string }>> = {
  'i64.lt_s': { high: 'i32.lt_s', low: 'i32.lt_u' },
  'i64.lt_u': { high: 'i32.lt_u', low: 'i32.lt_u' },
  'i64.gt_s': { high: 'i32.gt_s', low: 'i32.gt_u' },
  'i64.gt_u': { high: 'i32.gt_u', low: 'i32.gt_u' },
  'i64.le_s': { high: 'i32.lt_s', low: 'i32.le_u' },
  'i64.le_u': { high: 'i32.lt_u', low: 'i32.le_u' },
  'i64.ge_s': { high: 'i32.gt_s', low: 'i32.ge_u' },
  'i64.ge_u': { high: 'i32.gt_u', low: 'i32.ge_u' },
};

/** Shifts and rotates: inline when the count is a constant, else a helper call. */
export const I64_SHIFTS = new Set(['i64.shl', 'i64.shr_u', 'i64.shr_s', 'i64.rotl', 'i64.rotr']);

/** Binary arithmetic through helper functions (helpers/i64Multiply.ts, i64Divide.ts). */
export const I64_ARITHMETIC = new Set(['i64.mul', 'i64.div_s', 'i64.div_u', 'i64.rem_s', 'i64.rem_u']);

/** Division and remainder: they can trap (and print through env.output_byte). */
export const I64_TRAPPING: ReadonlySet<string> = opsWhere((i) => i.handling === 'i64-pairs' && !!i.traps);

/** Sign extensions within the i64 (sign-extension proposal): bits kept from the low word. */
export const I64_EXTEND_IN_PLACE: Readonly<Record<string, number>> = {
  'i64.extend8_s': 8,
  'i64.extend16_s': 16,
  'i64.extend32_s': 32,
};

/** Every op the pass rewrites. */
export const I64_PAIR_OPS: ReadonlySet<string> = opsWhere((i) => i.handling === 'i64-pairs');

/** Whether `op` produces or consumes an i64 value (so a function using it needs the pass). */
export function isI64Op(op: string): boolean {
  const info = wasmOp(op);
  return info !== undefined && involvesType(info, 'i64');
}
