import type { ValType } from './ir.ts';
/**
 * Which f32/f64 operations the float lowering (src/core/lower/floats/lowerFloats.ts) rewrites, and how: into integer
 * ops on the bit patterns (constants, loads, stores, reinterpretations, abs/neg/copysign) or into
 * a call of the soft-float helper of the same name in softfloat.c ('.' → '_').
 */

const ARITH = ['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];
const COMPARE = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

/** Ops that become a call of a soft-float helper. */
export const HELPER_OPS: ReadonlySet<string> = new Set([
  ...['f32', 'f64'].flatMap((t) => [...ARITH, ...COMPARE].map((op) => `${t}.${op}`)),
  'i32.trunc_f32_s', 'i32.trunc_f32_u', 'i32.trunc_f64_s', 'i32.trunc_f64_u',
  'i64.trunc_f32_s', 'i64.trunc_f32_u', 'i64.trunc_f64_s', 'i64.trunc_f64_u',
  'f32.convert_i32_s', 'f32.convert_i32_u', 'f32.convert_i64_s', 'f32.convert_i64_u',
  'f64.convert_i32_s', 'f64.convert_i32_u', 'f64.convert_i64_s', 'f64.convert_i64_u',
  'f32.demote_f64', 'f64.promote_f32',
]);

/** Ops rewritten in place into integer ops of the same width. */
export const BIT_OPS: ReadonlySet<string> = new Set([
  'f32.const', 'f64.const', 'f32.load', 'f64.load', 'f32.store', 'f64.store',
  'i32.reinterpret_f32', 'f32.reinterpret_i32', 'i64.reinterpret_f64', 'f64.reinterpret_i64',
  'f32.abs', 'f64.abs', 'f32.neg', 'f64.neg', 'f32.copysign', 'f64.copysign',
]);

/** Every float op the lowering handles (the saturating truncations are not among them). */
export const FLOAT_OPS: ReadonlySet<string> = new Set([...HELPER_OPS, ...BIT_OPS]);

/** The soft-float helper implementing `op` (an element of HELPER_OPS). */
export function helperName(op: string): string {
  return op.replace('.', '_');
}

/** Ops that trap (print a message and halt) on NaN or an out-of-range value. */
export const TRAPPING_FLOAT_OPS: ReadonlySet<string> = new Set([...HELPER_OPS].filter((op) => op.includes('.trunc_f')));

/** Whether an op involves f32/f64 values at all (for "does this module need the float pass"). */
export function isFloatOp(op: string): boolean {
  return FLOAT_OPS.has(op);
}

/** The integer type holding a value type's bits: f32 → i32, f64 → i64, others unchanged. */
export function integerType(t: ValType): ValType {
  return t === 'f32' ? 'i32' : t === 'f64' ? 'i64' : t;
}
