import type { ValType } from './ir.ts';
import { opsWhere } from './opcodeTable.ts';
/**
 * Which f32/f64 operations the float lowering (src/core/lower/floats/lowerFloats.ts) rewrites, and how
 * (the op table's `float-bits` and `float-helper` handling, opcodeTable.ts): into integer ops on the bit
 * patterns (constants, loads, stores, reinterpretations, abs/neg/copysign) or into a call of the
 * soft-float helper of the same name in softfloat.c ('.' → '_').
 */

/** Ops that become a call of a soft-float helper. */
export const HELPER_OPS: ReadonlySet<string> = opsWhere((i) => i.handling === 'float-helper');

/** Ops rewritten in place into integer ops of the same width. */
export const BIT_OPS: ReadonlySet<string> = opsWhere((i) => i.handling === 'float-bits');

/** Every float op the lowering handles (the saturating truncations are not among them). */
export const FLOAT_OPS: ReadonlySet<string> = new Set([...HELPER_OPS, ...BIT_OPS]);

/** The soft-float helper implementing `op` (an element of HELPER_OPS). */
export function helperName(op: string): string {
  return op.replace('.', '_');
}

/** Ops that trap (print a message and halt) on NaN or an out-of-range value. */
export const TRAPPING_FLOAT_OPS: ReadonlySet<string> = opsWhere((i) => i.handling === 'float-helper' && !!i.traps);

/** The integer type holding a value type's bits: f32 → i32, f64 → i64, others unchanged. */
export function integerType(t: ValType): ValType {
  return t === 'f32' ? 'i32' : t === 'f64' ? 'i64' : t;
}
