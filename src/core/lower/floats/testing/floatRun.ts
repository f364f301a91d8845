/**
 * Runs one float op over many operands through the whole lowering (lowerForMachine: float pass,
 * i64 pairs, lowerModule) on the reference interpreter: a hand-built module whose `compute` loops over the
 * operand pairs in memory, applies the op and stores each result. Operands and results are bit
 * patterns (u32), so the check is bit-exact.
 */
import { assembleProgram } from '../../../program/assemble.ts';
import { ins } from '../../../program/testing/irModule.ts';
import { runReference } from '../../../reference/interpret.ts';
import type { ValType, WasmInstr, WasmModule } from '../../../wasm/ir.ts';
import { validateForMachine } from '../../../wasm/validate.ts';
import { lowerForMachine } from '../../lowerForMachine.ts';

/** f32/i32 operand and result types of a unary or binary op (the i64/f64 ones are not here yet). */
export interface OpShape {
  params: ('f32' | 'i32' | 'f64' | 'i64')[];
  result: 'f32' | 'i32' | 'f64' | 'i64';
}

const BASE = 1024;

/** The test module for `count` operand pairs (no data yet), also used to test validation. */
export function floatOpModule(op: string, shape: OpShape, count: number, withoutOp = false): WasmModule {
  const resultAt = BASE + 16 * count;
  const I = (o: string, imm = 0, extra: Partial<WasmInstr> = {}): WasmInstr => ({ ...ins(o, imm), ...extra });
  const load = (t: ValType, offset: number): WasmInstr => I(`${t}.load`, offset, { align: 2 });
  // operand pair k at BASE + 16k (a, then b at +8), result k at resultAt + 8k
  // locals: 0 = operand address, 1 = result address
  const body: WasmInstr[] = [
    I('i32.const', BASE), I('local.set', 0), I('i32.const', resultAt), I('local.set', 1),
    I('block', 0, { blockType: { kind: 'empty' } }), I('loop', 0, { blockType: { kind: 'empty' } }),
    I('local.get', 0), I('i32.const', resultAt), I('i32.ge_u'), I('br_if', 1),
    I('local.get', 1),
    ...shape.params.flatMap((t, k) => [I('local.get', 0), load(t, 8 * k)]),
    ...(withoutOp ? (shape.params.length === 2 ? [I('drop')] : []) : [I(op)]),
    I(`${shape.result}.store`, 0, { align: 2 }),
    I('local.get', 0), I('i32.const', 16), I('i32.add'), I('local.set', 0),
    I('local.get', 1), I('i32.const', 8), I('i32.add'), I('local.set', 1),
    I('br', 0), I('end'), I('end'), I('end'),
  ];
  return {
    types: [{ params: ['i32'], results: [] }, { params: [], results: [] }],
    imports: [{ module: 'env', name: 'output_byte', kind: 'func', typeIndex: 0 }],
    functions: [{ index: 1, name: 'compute', typeIndex: 1, type: { params: [], results: [] }, locals: ['i32', 'i32'], body }],
    globals: [{ type: 'i32', mutable: false, init: 1 << 20 }],
    exports: [{ name: 'compute', kind: 'func', index: 1 }, { name: '__heap_base', kind: 'global', index: 0 }],
    data: [],
    importedFunctionCount: 1,
    customSections: [],
  };
}

export interface OpRun {
  /** One result bit pattern per operand pair (when the run did not trap). */
  results: number[];
  output: string;
  /** The trap's name when the run stopped on one. */
  trap?: string;
  stop: string;
  instructions: number;
}

/** Applies `op` to every [a, b] (b ignored for unary ops) on the reference interpreter. */
export function runFloatOp(op: string, shape: OpShape, operands: [number, number][], withoutOp = false): OpRun {
  const run = runFloatOp64(op, shape, operands.map(([a, b]) => [BigInt(a >>> 0), BigInt(b >>> 0)]), withoutOp);
  return { ...run, results: run.results.map(Number) };
}

/** runFloatOp with 64-bit operands and results (f64/i64 as bit patterns; 32-bit ones in the low half). */
export function runFloatOp64(op: string, shape: OpShape, operands: [bigint, bigint][], withoutOp = false): Omit<OpRun, 'results'> & { results: bigint[] } {
  const m = floatOpModule(op, shape, operands.length, withoutOp);
  const bytes = new Uint8Array(16 * operands.length);
  const view = new DataView(bytes.buffer);
  operands.forEach(([a, b], k) => {
    view.setBigUint64(16 * k, BigInt.asUintN(64, a), true);
    view.setBigUint64(16 * k + 8, BigInt.asUintN(64, b), true);
  });
  m.data = [{ mode: 'active', offset: BASE, bytes }];
  validateForMachine(m);
  const program = assembleProgram(lowerForMachine(m));
  const run = runReference(program, null, { maxTokens: 200_000_000 });
  const mem = new DataView(run.memory.buffer, run.memory.byteOffset, run.memory.byteLength);
  const resultAt = BASE + 16 * operands.length;
  const wide = shape.result === 'f64' || shape.result === 'i64';
  return {
    results: operands.map((_, k) => (wide ? mem.getBigUint64(resultAt + 8 * k, true) : BigInt(mem.getUint32(resultAt + 8 * k, true)))),
    output: new TextDecoder().decode(run.output),
    trap: run.trap,
    stop: run.stop,
    instructions: run.instructionsExecuted,
  };
}

/**
 * Executed machine instructions of one `op` on [a, b], helper calls included: the run with the op
 * minus the same run without it.
 */
export function floatOpCost(op: string, shape: OpShape, a: number, b: number): number {
  return runFloatOp(op, shape, [[a, b]]).instructions - runFloatOp(op, shape, [[a, b]], true).instructions;
}

/** floatOpCost with 64-bit operands (f64 bit patterns). */
export function floatOpCost64(op: string, shape: OpShape, a: bigint, b: bigint): number {
  return runFloatOp64(op, shape, [[a, b]]).instructions - runFloatOp64(op, shape, [[a, b]], true).instructions;
}
