/**
 * WebAssembly opcode bytes → text-format names and immediate layouts.
 * Covers MVP, sign extension, the 0xFC prefix (saturating truncation, bulk memory, table ops),
 * reference types and tail calls, and names the 0xFD (SIMD) and 0xFE (atomics) prefixes
 * completely enough to decode — and then refuse — them.
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

export interface OpcodeInfo {
  name: string;
  imm: Immediate;
}

function table(entries: [number, string, Immediate?][]): (OpcodeInfo | undefined)[] {
  const t: (OpcodeInfo | undefined)[] = [];
  for (const [code, name, imm] of entries) t[code] = { name, imm: imm ?? 'none' };
  return t;
}

/** A run of consecutive opcodes without immediates. */
function run(first: number, prefix: string, names: string[], imm: Immediate = 'none'): [number, string, Immediate][] {
  return names.map((n, i) => [first + i, `${prefix}${n}`, imm]);
}

const INT_COMPARE = ['eqz', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_COMPARE = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const INT_UNARY = ['clz', 'ctz', 'popcnt'];
const INT_BINARY = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const FLOAT_ARITH = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt', 'add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];

/** Single-byte opcodes. */
export const OPCODES: (OpcodeInfo | undefined)[] = table([
  [0x00, 'unreachable'],
  [0x01, 'nop'],
  [0x02, 'block', 'blocktype'],
  [0x03, 'loop', 'blocktype'],
  [0x04, 'if', 'blocktype'],
  [0x05, 'else'],
  [0x0b, 'end'],
  [0x0c, 'br', 'label'],
  [0x0d, 'br_if', 'label'],
  [0x0e, 'br_table', 'br_table'],
  [0x0f, 'return'],
  [0x10, 'call', 'func'],
  [0x11, 'call_indirect', 'call_indirect'],
  [0x12, 'return_call', 'func'],
  [0x13, 'return_call_indirect', 'call_indirect'],
  [0x1a, 'drop'],
  [0x1b, 'select'],
  [0x1c, 'select', 'select_t'],
  [0x20, 'local.get', 'local'],
  [0x21, 'local.set', 'local'],
  [0x22, 'local.tee', 'local'],
  [0x23, 'global.get', 'global'],
  [0x24, 'global.set', 'global'],
  [0x25, 'table.get', 'table'],
  [0x26, 'table.set', 'table'],
  ...run(0x28, '', ['i32.load', 'i64.load', 'f32.load', 'f64.load',
    'i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u',
    'i64.load8_s', 'i64.load8_u', 'i64.load16_s', 'i64.load16_u', 'i64.load32_s', 'i64.load32_u',
    'i32.store', 'i64.store', 'f32.store', 'f64.store',
    'i32.store8', 'i32.store16', 'i64.store8', 'i64.store16', 'i64.store32'], 'memarg'),
  [0x3f, 'memory.size', 'memory'],
  [0x40, 'memory.grow', 'memory'],
  [0x41, 'i32.const', 'i32'],
  [0x42, 'i64.const', 'i64'],
  [0x43, 'f32.const', 'f32'],
  [0x44, 'f64.const', 'f64'],
  ...run(0x45, 'i32.', INT_COMPARE),
  ...run(0x50, 'i64.', INT_COMPARE),
  ...run(0x5b, 'f32.', FLOAT_COMPARE),
  ...run(0x61, 'f64.', FLOAT_COMPARE),
  ...run(0x67, 'i32.', [...INT_UNARY, ...INT_BINARY]),
  ...run(0x79, 'i64.', [...INT_UNARY, ...INT_BINARY]),
  ...run(0x8b, 'f32.', FLOAT_ARITH),
  ...run(0x99, 'f64.', FLOAT_ARITH),
  ...run(0xa7, '', ['i32.wrap_i64', 'i32.trunc_f32_s', 'i32.trunc_f32_u', 'i32.trunc_f64_s', 'i32.trunc_f64_u',
    'i64.extend_i32_s', 'i64.extend_i32_u', 'i64.trunc_f32_s', 'i64.trunc_f32_u', 'i64.trunc_f64_s', 'i64.trunc_f64_u',
    'f32.convert_i32_s', 'f32.convert_i32_u', 'f32.convert_i64_s', 'f32.convert_i64_u', 'f32.demote_f64',
    'f64.convert_i32_s', 'f64.convert_i32_u', 'f64.convert_i64_s', 'f64.convert_i64_u', 'f64.promote_f32',
    'i32.reinterpret_f32', 'i64.reinterpret_f64', 'f32.reinterpret_i32', 'f64.reinterpret_i64',
    'i32.extend8_s', 'i32.extend16_s', 'i64.extend8_s', 'i64.extend16_s', 'i64.extend32_s']),
  [0xd0, 'ref.null', 'reftype'],
  [0xd1, 'ref.is_null'],
  [0xd2, 'ref.func', 'func'],
]);

/** 0xFC-prefixed opcodes (LEB sub-opcode). */
export const OPCODES_FC: (OpcodeInfo | undefined)[] = table([
  ...run(0, '', ['i32.trunc_sat_f32_s', 'i32.trunc_sat_f32_u', 'i32.trunc_sat_f64_s', 'i32.trunc_sat_f64_u',
    'i64.trunc_sat_f32_s', 'i64.trunc_sat_f32_u', 'i64.trunc_sat_f64_s', 'i64.trunc_sat_f64_u']),
  [8, 'memory.init', 'data_memory'],
  [9, 'data.drop', 'data'],
  [10, 'memory.copy', 'memory2'],
  [11, 'memory.fill', 'memory'],
  [12, 'table.init', 'elem_table'],
  [13, 'elem.drop', 'elem'],
  [14, 'table.copy', 'table2'],
  [15, 'table.grow', 'table'],
  [16, 'table.size', 'table'],
  [17, 'table.fill', 'table'],
]);

/** The SIMD lane-op names by opcode; loads/stores, v128.const, shuffle and lane accessors carry immediates. */
export const OPCODES_FD: (OpcodeInfo | undefined)[] = table([
  ...run(0x00, 'v128.', ['load', 'load8x8_s', 'load8x8_u', 'load16x4_s', 'load16x4_u', 'load32x2_s', 'load32x2_u',
    'load8_splat', 'load16_splat', 'load32_splat', 'load64_splat', 'store'], 'memarg'),
  [0x0c, 'v128.const', 'v128'],
  [0x0d, 'i8x16.shuffle', 'shuffle'],
  ...run(0x0e, '', ['i8x16.swizzle', 'i8x16.splat', 'i16x8.splat', 'i32x4.splat', 'i64x2.splat', 'f32x4.splat', 'f64x2.splat']),
  ...run(0x15, '', ['i8x16.extract_lane_s', 'i8x16.extract_lane_u', 'i8x16.replace_lane',
    'i16x8.extract_lane_s', 'i16x8.extract_lane_u', 'i16x8.replace_lane',
    'i32x4.extract_lane', 'i32x4.replace_lane', 'i64x2.extract_lane', 'i64x2.replace_lane',
    'f32x4.extract_lane', 'f32x4.replace_lane', 'f64x2.extract_lane', 'f64x2.replace_lane'], 'lane'),
  ...run(0x23, 'i8x16.', INT_COMPARE.slice(1)),
  ...run(0x2d, 'i16x8.', INT_COMPARE.slice(1)),
  ...run(0x37, 'i32x4.', INT_COMPARE.slice(1)),
  ...run(0x41, 'f32x4.', FLOAT_COMPARE),
  ...run(0x47, 'f64x2.', FLOAT_COMPARE),
  ...run(0x4d, 'v128.', ['not', 'and', 'andnot', 'or', 'xor', 'bitselect', 'any_true']),
  ...run(0x54, 'v128.', ['load8_lane', 'load16_lane', 'load32_lane', 'load64_lane',
    'store8_lane', 'store16_lane', 'store32_lane', 'store64_lane'], 'memarg_lane'),
  [0x5c, 'v128.load32_zero', 'memarg'],
  [0x5d, 'v128.load64_zero', 'memarg'],
  [0x5e, 'f32x4.demote_f64x2_zero'],
  [0x5f, 'f64x2.promote_low_f32x4'],
  ...run(0x60, 'i8x16.', ['abs', 'neg', 'popcnt', 'all_true', 'bitmask', 'narrow_i16x8_s', 'narrow_i16x8_u']),
  ...run(0x67, 'f32x4.', ['ceil', 'floor', 'trunc', 'nearest']),
  ...run(0x6b, 'i8x16.', ['shl', 'shr_s', 'shr_u', 'add', 'add_sat_s', 'add_sat_u', 'sub', 'sub_sat_s', 'sub_sat_u']),
  [0x74, 'f64x2.ceil'],
  [0x75, 'f64x2.floor'],
  ...run(0x76, 'i8x16.', ['min_s', 'min_u', 'max_s', 'max_u']),
  [0x7a, 'f64x2.trunc'],
  [0x7b, 'i8x16.avgr_u'],
  [0x7c, 'i16x8.extadd_pairwise_i8x16_s'],
  [0x7d, 'i16x8.extadd_pairwise_i8x16_u'],
  [0x7e, 'i32x4.extadd_pairwise_i16x8_s'],
  [0x7f, 'i32x4.extadd_pairwise_i16x8_u'],
  ...run(0x80, 'i16x8.', ['abs', 'neg', 'q15mulr_sat_s', 'all_true', 'bitmask', 'narrow_i32x4_s', 'narrow_i32x4_u',
    'extend_low_i8x16_s', 'extend_high_i8x16_s', 'extend_low_i8x16_u', 'extend_high_i8x16_u',
    'shl', 'shr_s', 'shr_u', 'add', 'add_sat_s', 'add_sat_u', 'sub', 'sub_sat_s', 'sub_sat_u']),
  [0x94, 'f64x2.nearest'],
  ...run(0x95, 'i16x8.', ['mul', 'min_s', 'min_u', 'max_s', 'max_u']),
  ...run(0x9b, 'i16x8.', ['avgr_u', 'extmul_low_i8x16_s', 'extmul_high_i8x16_s', 'extmul_low_i8x16_u', 'extmul_high_i8x16_u']),
  ...run(0xa0, 'i32x4.', ['abs', 'neg']),
  ...run(0xa3, 'i32x4.', ['all_true', 'bitmask']),
  ...run(0xa7, 'i32x4.', ['extend_low_i16x8_s', 'extend_high_i16x8_s', 'extend_low_i16x8_u', 'extend_high_i16x8_u',
    'shl', 'shr_s', 'shr_u', 'add']),
  [0xb1, 'i32x4.sub'],
  ...run(0xb5, 'i32x4.', ['mul', 'min_s', 'min_u', 'max_s', 'max_u', 'dot_i16x8_s']),
  ...run(0xbc, 'i32x4.', ['extmul_low_i16x8_s', 'extmul_high_i16x8_s', 'extmul_low_i16x8_u', 'extmul_high_i16x8_u']),
  ...run(0xc0, 'i64x2.', ['abs', 'neg']),
  ...run(0xc3, 'i64x2.', ['all_true', 'bitmask']),
  ...run(0xc7, 'i64x2.', ['extend_low_i32x4_s', 'extend_high_i32x4_s', 'extend_low_i32x4_u', 'extend_high_i32x4_u',
    'shl', 'shr_s', 'shr_u', 'add']),
  [0xd1, 'i64x2.sub'],
  ...run(0xd5, 'i64x2.', ['mul', 'eq', 'ne', 'lt_s', 'gt_s', 'le_s', 'ge_s',
    'extmul_low_i32x4_s', 'extmul_high_i32x4_s', 'extmul_low_i32x4_u', 'extmul_high_i32x4_u']),
  ...run(0xe0, 'f32x4.', ['abs', 'neg']),
  ...run(0xe3, 'f32x4.', ['sqrt', 'add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  ...run(0xec, 'f64x2.', ['abs', 'neg']),
  ...run(0xef, 'f64x2.', ['sqrt', 'add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  ...run(0xf8, '', ['i32x4.trunc_sat_f32x4_s', 'i32x4.trunc_sat_f32x4_u', 'f32x4.convert_i32x4_s', 'f32x4.convert_i32x4_u',
    'i32x4.trunc_sat_f64x2_s_zero', 'i32x4.trunc_sat_f64x2_u_zero', 'f64x2.convert_low_i32x4_s', 'f64x2.convert_low_i32x4_u']),
]);

const RMW_OPS = ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg'];

/** 0xFE-prefixed (threads proposal) opcodes. */
export const OPCODES_FE: (OpcodeInfo | undefined)[] = table([
  [0x00, 'memory.atomic.notify', 'memarg'],
  [0x01, 'memory.atomic.wait32', 'memarg'],
  [0x02, 'memory.atomic.wait64', 'memarg'],
  [0x03, 'atomic.fence', 'zero_byte'],
  ...run(0x10, '', ['i32.atomic.load', 'i64.atomic.load', 'i32.atomic.load8_u', 'i32.atomic.load16_u',
    'i64.atomic.load8_u', 'i64.atomic.load16_u', 'i64.atomic.load32_u',
    'i32.atomic.store', 'i64.atomic.store', 'i32.atomic.store8', 'i32.atomic.store16',
    'i64.atomic.store8', 'i64.atomic.store16', 'i64.atomic.store32'], 'memarg'),
  ...RMW_OPS.flatMap((op, k) =>
    run(0x1e + 7 * k, '', [`i32.atomic.rmw.${op}`, `i64.atomic.rmw.${op}`, `i32.atomic.rmw8.${op}_u`, `i32.atomic.rmw16.${op}_u`,
      `i64.atomic.rmw8.${op}_u`, `i64.atomic.rmw16.${op}_u`, `i64.atomic.rmw32.${op}_u`], 'memarg')),
]);
