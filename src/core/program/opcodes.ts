import { wasmOp } from '../wasm/opcodeTable.ts';

/**
 * The 36 opcodes the machine executes (docs/original-design.md §5.1): the op table's `machine` ops
 * (src/core/wasm/opcodeTable.ts) and three of its own (halt, output, input_base). The order is part of the model:
 * opcode i is dispatched by the i-th point on the circle x² + y² = 32045.
 */
export const OPCODES = [
  'halt', 'return', 'call', 'br', 'br_if', 'drop', 'select', 'local.get', 'local.set', 'local.tee',
  'global.get', 'global.set', 'i32.load', 'i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u',
  'i32.store', 'i32.store8', 'i32.store16', 'i32.const', 'i32.eqz', 'i32.eq', 'i32.ne', 'i32.lt_s',
  'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u', 'i32.add',
  'i32.sub', 'output', 'input_base',
] as const;

export type OpName = (typeof OPCODES)[number];

export interface OpcodeInfo {
  name: OpName;
  index: number;
  /** Dispatch point on the circle x² + y² = CIRCLE_RADIUS_SQ. */
  x: number;
  y: number;
  stackDelta: number;
  /** Store-to-stack: the instruction pushes a result (its 4 bytes precede its commit). */
  sts: boolean;
  /** The instruction's byte tokens are copies of the stack top (local writes and stores). */
  isWrite: boolean;
}

export const CIRCLE_RADIUS_SQ = 32045;

const BASE_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [179, 2], [178, 19], [173, 46], [166, 67], [163, 74], [157, 86], [142, 109], [131, 122],
];

/** All 64 circle points in the original's order: per base pair, its 8 sign/swap variants. */
const CIRCLE_POINTS: ReadonlyArray<readonly [number, number]> = BASE_PAIRS.flatMap(([a, b]) => [
  [a, b], [a, -b], [-a, b], [-a, -b], [b, a], [b, -a], [-b, a], [-b, -a],
] as const);

/**
 * Stack effect of the ops whose types depend on the variable or operands (and of `output`); the
 * others' comes from their signature in the op table (src/core/wasm/opcodeTable.ts).
 */
const VARIABLE_DELTA: Partial<Record<OpName, number>> = {
  br_if: -1, drop: -1, select: -2, 'local.get': 1, 'local.set': -1, 'global.get': 1, 'global.set': -1, output: -1,
};
/** The ops of VARIABLE_DELTA that push a result. */
const VARIABLE_STS = new Set<OpName>(['select', 'local.get', 'global.get']);

const stackDelta = (name: OpName): number => {
  const sig = wasmOp(name)?.sig;
  return sig ? sig.results.length - sig.params.length : (VARIABLE_DELTA[name] ?? 0);
};
const storesToStack = (name: OpName): boolean => {
  const sig = wasmOp(name)?.sig;
  return sig ? sig.results.length > 0 : VARIABLE_STS.has(name);
};

const WRITES = new Set<OpName>(['local.set', 'local.tee', 'i32.store', 'i32.store8', 'i32.store16']);

export const OPCODE_TABLE: ReadonlyArray<OpcodeInfo> = OPCODES.map((name, index) => ({
  name,
  index,
  x: CIRCLE_POINTS[index][0],
  y: CIRCLE_POINTS[index][1],
  stackDelta: stackDelta(name),
  sts: storesToStack(name),
  isWrite: WRITES.has(name),
}));

export const OPCODE_BY_NAME: ReadonlyMap<string, OpcodeInfo> = new Map(OPCODE_TABLE.map((o) => [o.name, o]));

export function isOpName(s: string): s is OpName {
  return OPCODE_BY_NAME.has(s);
}

export function opcodeInfo(name: OpName): OpcodeInfo {
  return OPCODE_BY_NAME.get(name)!;
}
