import type { ValType } from './ir.ts';

/**
 * The WebAssembly op table: for every opcode its byte(s), text-format name, immediate layout,
 * operand and result types, what kind of operation it is, and how this machine comes to run it.
 * The decoder and the test encoder read the byte layout; validation (validate.ts), the lowering
 * passes (src/core/lower/) and the machine's opcode list (src/core/program/opcodes.ts) read the
 * categories — never the spelling of a name. Covers MVP, sign extension, the 0xFC prefix
 * (saturating truncation, bulk memory, table ops), reference types and tail calls, and names the
 * 0xFD (SIMD) and 0xFE (atomics) prefixes completely enough to decode — and then refuse — them.
 */

/** How the bytes after an opcode are laid out. */
export type Immediate =
  | 'none'
  | 'blocktype'
  | 'label'
  | 'br_table'
  | 'func'
  | 'call_indirect'
  | 'local'
  | 'global'
  | 'table'
  | 'memarg'
  | 'memory'
  | 'memory2'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'select_t'
  | 'reftype'
  | 'data_memory'
  | 'data'
  | 'elem_table'
  | 'elem'
  | 'table2'
  | 'v128'
  | 'shuffle'
  | 'lane'
  | 'memarg_lane'
  | 'zero_byte';

/** What kind of operation an op is. */
export type OpFamily =
  | 'control'
  | 'call'
  | 'tail-call'
  | 'parametric'
  | 'local'
  | 'global'
  | 'const'
  | 'load'
  | 'store'
  | 'compare'
  | 'unary'
  | 'binary'
  | 'conversion'
  | 'memory-size'
  | 'memory-grow'
  | 'bulk-memory'
  | 'table'
  | 'reference'
  | 'saturating'
  | 'simd'
  | 'atomic';

/**
 * How the machine comes to run an op (docs/lowering.md):
 * - `machine`: one of the machine's own opcodes (src/core/program/opcodes.ts), kept as it is;
 * - `flattened`: structured control the flattener turns into branches (src/core/program/flatten.ts);
 * - `lowered`: rewritten into machine ops by the i32 lowering (src/core/lower/lower.ts, callIndirect.ts);
 * - `i64-pairs`: rewritten into i32 words (src/core/lower/i64Pairs.ts);
 * - `float-bits`: rewritten in place into integer ops on the bit pattern (src/core/lower/floats/lowerFloats.ts);
 * - `float-helper`: becomes a call of the soft-float helper of the same name (softfloat.c, '.' → '_');
 * - `refused`: validation refuses it (validate.ts says why, by family).
 */
export type Handling = 'machine' | 'flattened' | 'lowered' | 'i64-pairs' | 'float-bits' | 'float-helper' | 'refused';

export interface Signature {
  params: readonly ValType[];
  results: readonly ValType[];
}

export interface OpcodeInfo {
  name: string;
  imm: Immediate;
  family: OpFamily;
  handling: Handling;
  /** The value type the op works on (`i64` for `i64.add` and `i64.atomic.load`); absent for control, variables, memory.*, table.*, ref.*. */
  type?: ValType;
  /** Operand and result types, when they do not depend on context (locals, globals, callees, labels, select). */
  sig?: Signature;
  /** Integer division and remainder (by zero, or the one overflowing quotient) and float → integer truncation (NaN, out of range). */
  traps?: true;
  /** Signed integer comparison, division, remainder, shift or extension. */
  signed?: true;
  /** The bitwise binary ops. */
  bitwise?: 'and' | 'or' | 'xor';
  /** Integer binary ops whose operands may be swapped. */
  commutative?: true;
  /** Loads and stores: how many bytes of memory they access. */
  bytes?: 1 | 2 | 4 | 8;
  /** f32/f64 loads and stores: the integer op of the same width that moves the same bits. */
  bitsOp?: string;
}

type Entry = OpcodeInfo & { code: number };

const sig = (params: ValType[], results: ValType[]): Signature => ({ params, results });

function byCode(entries: Entry[]): (OpcodeInfo | undefined)[] {
  const t: (OpcodeInfo | undefined)[] = [];
  for (const { code, ...info } of entries) t[code] = info;
  return t;
}

function entry(code: number, name: string, family: OpFamily, handling: Handling, extra: Partial<OpcodeInfo> = {}): Entry {
  return { code, name, imm: 'none', family, handling, ...extra };
}

/** Integer suffixes that treat their operands as signed. */
const SIGNED_SUFFIXES = new Set(['lt_s', 'gt_s', 'le_s', 'ge_s', 'div_s', 'rem_s', 'shr_s']);
const DIVISIONS = new Set(['div_s', 'div_u', 'rem_s', 'rem_u']);
const BITWISE = new Set(['and', 'or', 'xor']);
const COMMUTATIVE = new Set(['eq', 'ne', 'add', 'mul', 'and', 'or', 'xor']);

/** Consecutive opcodes `${type}.${suffix}` of one family and signature, handled as `handling(suffix)` says. */
function run(
  first: number,
  type: ValType,
  suffixes: string[],
  family: OpFamily,
  signature: Signature,
  handling: (suffix: string) => Handling,
): Entry[] {
  return suffixes.map((s, i) =>
    entry(first + i, `${type}.${s}`, family, handling(s), {
      type,
      sig: signature,
      ...(SIGNED_SUFFIXES.has(s) && { signed: true as const }),
      ...(DIVISIONS.has(s) && { traps: true as const }),
      ...(BITWISE.has(s) && { bitwise: s as 'and' | 'or' | 'xor' }),
      ...(COMMUTATIVE.has(s) && (type === I32 || type === I64) && { commutative: true as const }),
    }),
  );
}

/** Refused ops of one family, given as [code, name, immediate] (the SIMD and atomics tables). */
function refused(family: OpFamily, type: ValType | undefined, list: [number, string, Immediate?][]): Entry[] {
  return list.map(([code, name, imm]) => entry(code, name, family, 'refused', { imm: imm ?? 'none', ...(type && { type }) }));
}

/** Consecutive names sharing an immediate layout, as [code, name, immediate]. */
function names(first: number, prefix: string, list: string[], imm: Immediate = 'none'): [number, string, Immediate?][] {
  return list.map((n, i) => [first + i, `${prefix}${n}`, imm]);
}

const I32: ValType = 'i32';
const I64: ValType = 'i64';
const F32: ValType = 'f32';
const F64: ValType = 'f64';

const INT_COMPARE = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_COMPARE = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const INT_UNARY = ['clz', 'ctz', 'popcnt'];
const INT_BINARY = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const FLOAT_UNARY = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const FLOAT_BINARY = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
/** Float ops that only move or flip bits: the float lowering rewrites them in place. */
const FLOAT_BIT_SUFFIXES = new Set(['abs', 'neg', 'copysign']);

const floatHandling = (s: string): Handling => (FLOAT_BIT_SUFFIXES.has(s) ? 'float-bits' : 'float-helper');
const i32Native = new Set(['add', 'sub']);

function memoryOps(): Entry[] {
  const size = (type: ValType): 4 | 8 => (type === I32 || type === F32 ? 4 : 8);
  const load = (code: number, type: ValType, suffix: string, width: ValType, bytes: 1 | 2 | 4 | 8 = size(type), signed = false): Entry =>
    entry(code, `${type}.${suffix}`, 'load', handlingOf(type), {
      imm: 'memarg',
      type,
      bytes,
      sig: sig([I32], [type]),
      ...(signed && { signed: true as const }),
      ...(type !== width && { bitsOp: `${width}.${suffix}` }),
    });
  const store = (code: number, type: ValType, suffix: string, width: ValType, bytes: 1 | 2 | 4 | 8 = size(type)): Entry =>
    entry(code, `${type}.${suffix}`, 'store', handlingOf(type), {
      imm: 'memarg',
      type,
      bytes,
      sig: sig([I32, type], []),
      ...(type !== width && { bitsOp: `${width}.${suffix}` }),
    });
  return [
    load(0x28, I32, 'load', I32), load(0x29, I64, 'load', I64), load(0x2a, F32, 'load', I32), load(0x2b, F64, 'load', I64),
    load(0x2c, I32, 'load8_s', I32, 1, true), load(0x2d, I32, 'load8_u', I32, 1), load(0x2e, I32, 'load16_s', I32, 2, true), load(0x2f, I32, 'load16_u', I32, 2),
    load(0x30, I64, 'load8_s', I64, 1, true), load(0x31, I64, 'load8_u', I64, 1), load(0x32, I64, 'load16_s', I64, 2, true), load(0x33, I64, 'load16_u', I64, 2),
    load(0x34, I64, 'load32_s', I64, 4, true), load(0x35, I64, 'load32_u', I64, 4),
    store(0x36, I32, 'store', I32), store(0x37, I64, 'store', I64), store(0x38, F32, 'store', I32), store(0x39, F64, 'store', I64),
    store(0x3a, I32, 'store8', I32, 1), store(0x3b, I32, 'store16', I32, 2), store(0x3c, I64, 'store8', I64, 1), store(0x3d, I64, 'store16', I64, 2), store(0x3e, I64, 'store32', I64, 4),
  ];
}

/** Loads, stores and constants of each value type. */
function handlingOf(type: ValType): Handling {
  return type === I32 ? 'machine' : type === I64 ? 'i64-pairs' : 'float-bits';
}

/** Conversions between value types (0xA7–0xC4), each with its signature and handling. */
function conversions(): Entry[] {
  const c = (code: number, name: string, from: ValType, to: ValType, handling: Handling, extra: Partial<OpcodeInfo> = {}): Entry =>
    entry(code, name, 'conversion', handling, { type: to, sig: sig([from], [to]), ...extra });
  const trunc = { traps: true as const };
  const s = { signed: true as const };
  return [
    c(0xa7, 'i32.wrap_i64', I64, I32, 'i64-pairs'),
    c(0xa8, 'i32.trunc_f32_s', F32, I32, 'float-helper', { ...trunc, ...s }),
    c(0xa9, 'i32.trunc_f32_u', F32, I32, 'float-helper', trunc),
    c(0xaa, 'i32.trunc_f64_s', F64, I32, 'float-helper', { ...trunc, ...s }),
    c(0xab, 'i32.trunc_f64_u', F64, I32, 'float-helper', trunc),
    c(0xac, 'i64.extend_i32_s', I32, I64, 'i64-pairs', s),
    c(0xad, 'i64.extend_i32_u', I32, I64, 'i64-pairs'),
    c(0xae, 'i64.trunc_f32_s', F32, I64, 'float-helper', { ...trunc, ...s }),
    c(0xaf, 'i64.trunc_f32_u', F32, I64, 'float-helper', trunc),
    c(0xb0, 'i64.trunc_f64_s', F64, I64, 'float-helper', { ...trunc, ...s }),
    c(0xb1, 'i64.trunc_f64_u', F64, I64, 'float-helper', trunc),
    c(0xb2, 'f32.convert_i32_s', I32, F32, 'float-helper', s),
    c(0xb3, 'f32.convert_i32_u', I32, F32, 'float-helper'),
    c(0xb4, 'f32.convert_i64_s', I64, F32, 'float-helper', s),
    c(0xb5, 'f32.convert_i64_u', I64, F32, 'float-helper'),
    c(0xb6, 'f32.demote_f64', F64, F32, 'float-helper'),
    c(0xb7, 'f64.convert_i32_s', I32, F64, 'float-helper', s),
    c(0xb8, 'f64.convert_i32_u', I32, F64, 'float-helper'),
    c(0xb9, 'f64.convert_i64_s', I64, F64, 'float-helper', s),
    c(0xba, 'f64.convert_i64_u', I64, F64, 'float-helper'),
    c(0xbb, 'f64.promote_f32', F32, F64, 'float-helper'),
    c(0xbc, 'i32.reinterpret_f32', F32, I32, 'float-bits'),
    c(0xbd, 'i64.reinterpret_f64', F64, I64, 'float-bits'),
    c(0xbe, 'f32.reinterpret_i32', I32, F32, 'float-bits'),
    c(0xbf, 'f64.reinterpret_i64', I64, F64, 'float-bits'),
    entry(0xc0, 'i32.extend8_s', 'unary', 'lowered', { type: I32, sig: sig([I32], [I32]), signed: true }),
    entry(0xc1, 'i32.extend16_s', 'unary', 'lowered', { type: I32, sig: sig([I32], [I32]), signed: true }),
    entry(0xc2, 'i64.extend8_s', 'unary', 'i64-pairs', { type: I64, sig: sig([I64], [I64]), signed: true }),
    entry(0xc3, 'i64.extend16_s', 'unary', 'i64-pairs', { type: I64, sig: sig([I64], [I64]), signed: true }),
    entry(0xc4, 'i64.extend32_s', 'unary', 'i64-pairs', { type: I64, sig: sig([I64], [I64]), signed: true }),
  ];
}

/** Single-byte opcodes. */
export const OPCODES: (OpcodeInfo | undefined)[] = byCode([
  entry(0x00, 'unreachable', 'control', 'flattened'),
  entry(0x01, 'nop', 'control', 'flattened'),
  entry(0x02, 'block', 'control', 'flattened', { imm: 'blocktype' }),
  entry(0x03, 'loop', 'control', 'flattened', { imm: 'blocktype' }),
  entry(0x04, 'if', 'control', 'flattened', { imm: 'blocktype' }),
  entry(0x05, 'else', 'control', 'flattened'),
  entry(0x0b, 'end', 'control', 'flattened'),
  entry(0x0c, 'br', 'control', 'machine', { imm: 'label' }),
  entry(0x0d, 'br_if', 'control', 'machine', { imm: 'label' }),
  entry(0x0e, 'br_table', 'control', 'lowered', { imm: 'br_table' }),
  entry(0x0f, 'return', 'control', 'machine'),
  entry(0x10, 'call', 'call', 'machine', { imm: 'func' }),
  entry(0x11, 'call_indirect', 'call', 'lowered', { imm: 'call_indirect' }),
  entry(0x12, 'return_call', 'tail-call', 'refused', { imm: 'func' }),
  entry(0x13, 'return_call_indirect', 'tail-call', 'refused', { imm: 'call_indirect' }),
  entry(0x1a, 'drop', 'parametric', 'machine'),
  entry(0x1b, 'select', 'parametric', 'machine'),
  entry(0x1c, 'select', 'parametric', 'machine', { imm: 'select_t' }),
  entry(0x20, 'local.get', 'local', 'machine', { imm: 'local' }),
  entry(0x21, 'local.set', 'local', 'machine', { imm: 'local' }),
  entry(0x22, 'local.tee', 'local', 'machine', { imm: 'local' }),
  entry(0x23, 'global.get', 'global', 'machine', { imm: 'global' }),
  entry(0x24, 'global.set', 'global', 'machine', { imm: 'global' }),
  entry(0x25, 'table.get', 'table', 'refused', { imm: 'table' }),
  entry(0x26, 'table.set', 'table', 'refused', { imm: 'table' }),
  ...memoryOps(),
  entry(0x3f, 'memory.size', 'memory-size', 'refused', { imm: 'memory', sig: sig([], [I32]) }),
  entry(0x40, 'memory.grow', 'memory-grow', 'refused', { imm: 'memory', sig: sig([I32], [I32]) }),
  entry(0x41, 'i32.const', 'const', 'machine', { imm: 'i32', type: I32, sig: sig([], [I32]) }),
  entry(0x42, 'i64.const', 'const', 'i64-pairs', { imm: 'i64', type: I64, sig: sig([], [I64]) }),
  entry(0x43, 'f32.const', 'const', 'float-bits', { imm: 'f32', type: F32, sig: sig([], [F32]) }),
  entry(0x44, 'f64.const', 'const', 'float-bits', { imm: 'f64', type: F64, sig: sig([], [F64]) }),
  entry(0x45, 'i32.eqz', 'compare', 'machine', { type: I32, sig: sig([I32], [I32]) }),
  ...run(0x46, I32, INT_COMPARE, 'compare', sig([I32, I32], [I32]), () => 'machine'),
  entry(0x50, 'i64.eqz', 'compare', 'i64-pairs', { type: I64, sig: sig([I64], [I32]) }),
  ...run(0x51, I64, INT_COMPARE, 'compare', sig([I64, I64], [I32]), () => 'i64-pairs'),
  ...run(0x5b, F32, FLOAT_COMPARE, 'compare', sig([F32, F32], [I32]), () => 'float-helper'),
  ...run(0x61, F64, FLOAT_COMPARE, 'compare', sig([F64, F64], [I32]), () => 'float-helper'),
  ...run(0x67, I32, INT_UNARY, 'unary', sig([I32], [I32]), () => 'lowered'),
  ...run(0x6a, I32, INT_BINARY, 'binary', sig([I32, I32], [I32]), (s) => (i32Native.has(s) ? 'machine' : 'lowered')),
  ...run(0x79, I64, INT_UNARY, 'unary', sig([I64], [I64]), () => 'i64-pairs'),
  ...run(0x7c, I64, INT_BINARY, 'binary', sig([I64, I64], [I64]), () => 'i64-pairs'),
  ...run(0x8b, F32, FLOAT_UNARY, 'unary', sig([F32], [F32]), floatHandling),
  ...run(0x92, F32, FLOAT_BINARY, 'binary', sig([F32, F32], [F32]), floatHandling),
  ...run(0x99, F64, FLOAT_UNARY, 'unary', sig([F64], [F64]), floatHandling),
  ...run(0xa0, F64, FLOAT_BINARY, 'binary', sig([F64, F64], [F64]), floatHandling),
  ...conversions(),
  entry(0xd0, 'ref.null', 'reference', 'refused', { imm: 'reftype' }),
  entry(0xd1, 'ref.is_null', 'reference', 'refused'),
  entry(0xd2, 'ref.func', 'reference', 'refused', { imm: 'func' }),
]);

const saturating = (code: number, to: ValType, from: ValType, suffix: string): Entry =>
  entry(code, `${to}.trunc_sat_${from}_${suffix}`, 'saturating', 'refused', { type: to, sig: sig([from], [to]), ...(suffix === 's' && { signed: true as const }) });

/** 0xFC-prefixed opcodes (LEB sub-opcode). */
export const OPCODES_FC: (OpcodeInfo | undefined)[] = byCode([
  saturating(0, I32, F32, 's'), saturating(1, I32, F32, 'u'), saturating(2, I32, F64, 's'), saturating(3, I32, F64, 'u'),
  saturating(4, I64, F32, 's'), saturating(5, I64, F32, 'u'), saturating(6, I64, F64, 's'), saturating(7, I64, F64, 'u'),
  entry(8, 'memory.init', 'bulk-memory', 'refused', { imm: 'data_memory' }),
  entry(9, 'data.drop', 'bulk-memory', 'refused', { imm: 'data' }),
  entry(10, 'memory.copy', 'bulk-memory', 'refused', { imm: 'memory2' }),
  entry(11, 'memory.fill', 'bulk-memory', 'refused', { imm: 'memory' }),
  entry(12, 'table.init', 'table', 'refused', { imm: 'elem_table' }),
  entry(13, 'elem.drop', 'table', 'refused', { imm: 'elem' }),
  entry(14, 'table.copy', 'table', 'refused', { imm: 'table2' }),
  entry(15, 'table.grow', 'table', 'refused', { imm: 'table' }),
  entry(16, 'table.size', 'table', 'refused', { imm: 'table' }),
  entry(17, 'table.fill', 'table', 'refused', { imm: 'table' }),
]);

/** 0xFD-prefixed (SIMD) opcodes; loads/stores, v128.const, shuffle and lane accessors carry immediates. */
export const OPCODES_FD: (OpcodeInfo | undefined)[] = byCode(refused('simd', 'v128', [
  ...names(0x00, 'v128.', ['load', 'load8x8_s', 'load8x8_u', 'load16x4_s', 'load16x4_u', 'load32x2_s', 'load32x2_u',
    'load8_splat', 'load16_splat', 'load32_splat', 'load64_splat', 'store'], 'memarg'),
  [0x0c, 'v128.const', 'v128'],
  [0x0d, 'i8x16.shuffle', 'shuffle'],
  ...names(0x0e, '', ['i8x16.swizzle', 'i8x16.splat', 'i16x8.splat', 'i32x4.splat', 'i64x2.splat', 'f32x4.splat', 'f64x2.splat']),
  ...names(0x15, '', ['i8x16.extract_lane_s', 'i8x16.extract_lane_u', 'i8x16.replace_lane',
    'i16x8.extract_lane_s', 'i16x8.extract_lane_u', 'i16x8.replace_lane',
    'i32x4.extract_lane', 'i32x4.replace_lane', 'i64x2.extract_lane', 'i64x2.replace_lane',
    'f32x4.extract_lane', 'f32x4.replace_lane', 'f64x2.extract_lane', 'f64x2.replace_lane'], 'lane'),
  ...names(0x23, 'i8x16.', INT_COMPARE),
  ...names(0x2d, 'i16x8.', INT_COMPARE),
  ...names(0x37, 'i32x4.', INT_COMPARE),
  ...names(0x41, 'f32x4.', FLOAT_COMPARE),
  ...names(0x47, 'f64x2.', FLOAT_COMPARE),
  ...names(0x4d, 'v128.', ['not', 'and', 'andnot', 'or', 'xor', 'bitselect', 'any_true']),
  ...names(0x54, 'v128.', ['load8_lane', 'load16_lane', 'load32_lane', 'load64_lane',
    'store8_lane', 'store16_lane', 'store32_lane', 'store64_lane'], 'memarg_lane'),
  [0x5c, 'v128.load32_zero', 'memarg'],
  [0x5d, 'v128.load64_zero', 'memarg'],
  [0x5e, 'f32x4.demote_f64x2_zero'],
  [0x5f, 'f64x2.promote_low_f32x4'],
  ...names(0x60, 'i8x16.', ['abs', 'neg', 'popcnt', 'all_true', 'bitmask', 'narrow_i16x8_s', 'narrow_i16x8_u']),
  ...names(0x67, 'f32x4.', ['ceil', 'floor', 'trunc', 'nearest']),
  ...names(0x6b, 'i8x16.', ['shl', 'shr_s', 'shr_u', 'add', 'add_sat_s', 'add_sat_u', 'sub', 'sub_sat_s', 'sub_sat_u']),
  [0x74, 'f64x2.ceil'],
  [0x75, 'f64x2.floor'],
  ...names(0x76, 'i8x16.', ['min_s', 'min_u', 'max_s', 'max_u']),
  [0x7a, 'f64x2.trunc'],
  [0x7b, 'i8x16.avgr_u'],
  [0x7c, 'i16x8.extadd_pairwise_i8x16_s'],
  [0x7d, 'i16x8.extadd_pairwise_i8x16_u'],
  [0x7e, 'i32x4.extadd_pairwise_i16x8_s'],
  [0x7f, 'i32x4.extadd_pairwise_i16x8_u'],
  ...names(0x80, 'i16x8.', ['abs', 'neg', 'q15mulr_sat_s', 'all_true', 'bitmask', 'narrow_i32x4_s', 'narrow_i32x4_u',
    'extend_low_i8x16_s', 'extend_high_i8x16_s', 'extend_low_i8x16_u', 'extend_high_i8x16_u',
    'shl', 'shr_s', 'shr_u', 'add', 'add_sat_s', 'add_sat_u', 'sub', 'sub_sat_s', 'sub_sat_u']),
  [0x94, 'f64x2.nearest'],
  ...names(0x95, 'i16x8.', ['mul', 'min_s', 'min_u', 'max_s', 'max_u']),
  ...names(0x9b, 'i16x8.', ['avgr_u', 'extmul_low_i8x16_s', 'extmul_high_i8x16_s', 'extmul_low_i8x16_u', 'extmul_high_i8x16_u']),
  ...names(0xa0, 'i32x4.', ['abs', 'neg']),
  ...names(0xa3, 'i32x4.', ['all_true', 'bitmask']),
  ...names(0xa7, 'i32x4.', ['extend_low_i16x8_s', 'extend_high_i16x8_s', 'extend_low_i16x8_u', 'extend_high_i16x8_u',
    'shl', 'shr_s', 'shr_u', 'add']),
  [0xb1, 'i32x4.sub'],
  ...names(0xb5, 'i32x4.', ['mul', 'min_s', 'min_u', 'max_s', 'max_u', 'dot_i16x8_s']),
  ...names(0xbc, 'i32x4.', ['extmul_low_i16x8_s', 'extmul_high_i16x8_s', 'extmul_low_i16x8_u', 'extmul_high_i16x8_u']),
  ...names(0xc0, 'i64x2.', ['abs', 'neg']),
  ...names(0xc3, 'i64x2.', ['all_true', 'bitmask']),
  ...names(0xc7, 'i64x2.', ['extend_low_i32x4_s', 'extend_high_i32x4_s', 'extend_low_i32x4_u', 'extend_high_i32x4_u',
    'shl', 'shr_s', 'shr_u', 'add']),
  [0xd1, 'i64x2.sub'],
  ...names(0xd5, 'i64x2.', ['mul', 'eq', 'ne', 'lt_s', 'gt_s', 'le_s', 'ge_s',
    'extmul_low_i32x4_s', 'extmul_high_i32x4_s', 'extmul_low_i32x4_u', 'extmul_high_i32x4_u']),
  ...names(0xe0, 'f32x4.', ['abs', 'neg']),
  ...names(0xe3, 'f32x4.', ['sqrt', 'add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  ...names(0xec, 'f64x2.', ['abs', 'neg']),
  ...names(0xef, 'f64x2.', ['sqrt', 'add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  ...names(0xf8, '', ['i32x4.trunc_sat_f32x4_s', 'i32x4.trunc_sat_f32x4_u', 'f32x4.convert_i32x4_s', 'f32x4.convert_i32x4_u',
    'i32x4.trunc_sat_f64x2_s_zero', 'i32x4.trunc_sat_f64x2_u_zero', 'f64x2.convert_low_i32x4_s', 'f64x2.convert_low_i32x4_u']),
]));

const RMW_OPS = ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg'];

/** Atomic accesses `${type}.atomic.${suffix}`, consecutive from `first`. */
function atomics(first: number, list: [ValType, string][]): Entry[] {
  return list.map(([type, suffix], i) => entry(first + i, `${type}.atomic.${suffix}`, 'atomic', 'refused', { imm: 'memarg', type }));
}

/** 0xFE-prefixed (threads proposal) opcodes. */
export const OPCODES_FE: (OpcodeInfo | undefined)[] = byCode([
  entry(0x00, 'memory.atomic.notify', 'atomic', 'refused', { imm: 'memarg' }),
  entry(0x01, 'memory.atomic.wait32', 'atomic', 'refused', { imm: 'memarg' }),
  entry(0x02, 'memory.atomic.wait64', 'atomic', 'refused', { imm: 'memarg' }),
  entry(0x03, 'atomic.fence', 'atomic', 'refused', { imm: 'zero_byte' }),
  ...atomics(0x10, [[I32, 'load'], [I64, 'load'], [I32, 'load8_u'], [I32, 'load16_u'], [I64, 'load8_u'], [I64, 'load16_u'], [I64, 'load32_u'],
    [I32, 'store'], [I64, 'store'], [I32, 'store8'], [I32, 'store16'], [I64, 'store8'], [I64, 'store16'], [I64, 'store32']]),
  ...RMW_OPS.flatMap((op, k) =>
    atomics(0x1e + 7 * k, [[I32, `rmw.${op}`], [I64, `rmw.${op}`], [I32, `rmw8.${op}_u`], [I32, `rmw16.${op}_u`],
      [I64, `rmw8.${op}_u`], [I64, `rmw16.${op}_u`], [I64, `rmw32.${op}_u`]])),
]);

const BY_NAME: ReadonlyMap<string, OpcodeInfo> = (() => {
  const m = new Map<string, OpcodeInfo>();
  for (const t of [OPCODES, OPCODES_FC, OPCODES_FD, OPCODES_FE]) for (const info of t) if (info && !m.has(info.name)) m.set(info.name, info);
  return m;
})();

/** The table's entry for an op name (`select` and its typed form share one); undefined for names that are no WebAssembly op. */
export function wasmOp(name: string): OpcodeInfo | undefined {
  return BY_NAME.get(name);
}

/** The names of every op the predicate holds for. */
export function opsWhere(test: (info: OpcodeInfo) => boolean): ReadonlySet<string> {
  return new Set([...BY_NAME.values()].filter(test).map((info) => info.name));
}

/** Whether the op's signature, or the type it works on, involves `t`. */
export function involvesType(info: OpcodeInfo, t: ValType): boolean {
  return info.type === t || !!info.sig && (info.sig.params.includes(t) || info.sig.results.includes(t));
}

/** Whether the op's operand and result types are exactly these. */
export function hasSignature(info: OpcodeInfo, params: readonly ValType[], results: readonly ValType[]): boolean {
  const same = (a: readonly ValType[], b: readonly ValType[]) => a.length === b.length && a.every((t, k) => t === b[k]);
  return !!info.sig && same(info.sig.params, params) && same(info.sig.results, results);
}

/** Whether the op reads or writes linear memory or its size (every op with a memory immediate). */
export function touchesMemory(info: OpcodeInfo): boolean {
  return info.imm === 'memarg' || info.imm === 'memarg_lane' || info.imm === 'memory' || info.imm === 'memory2' || info.imm === 'data_memory';
}
