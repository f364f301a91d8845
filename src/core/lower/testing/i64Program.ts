import { assembleProgram } from '../../program/assemble.ts';
import { runReference } from '../../reference/interpret.ts';
import type { ValType, WasmFunction, WasmGlobal, WasmInstr, WasmModule } from '../../wasm/ir.ts';
import { encodeModule } from '../../wasm/testing/encodeModule.ts';
import { lowerI64ToPairs } from '../i64Pairs.ts';
import { lowerForMachine } from '../lowerForMachine.ts';

/**
 * Hand-built modules with i64 code for the i64-pair tests (no clang): `compute` with typed locals,
 * operands in a data segment, results written to memory. They run three ways: the pass's output
 * in V8 (which also validates it as WebAssembly), and the whole lowering + assembly through the
 * reference interpreter; both are compared with BigInt semantics by the tests.
 */

export const INPUT_BASE = 0x1000;
export const RESULT_BASE = 0x20000;

export const I = (op: string, imm = 0, extra: Partial<WasmInstr> = {}): WasmInstr => ({ op, imm: op === 'i32.const' ? imm >>> 0 : imm, ...extra });
export const c64 = (v: bigint): WasmInstr => ({ op: 'i64.const', imm: 0, literal: BigInt.asIntN(64, v).toString() });
export const block = (op: 'block' | 'loop' | 'if', type: ValType | null): WasmInstr =>
  I(op, 0, { blockType: type ? { kind: 'value', type } : { kind: 'empty' } });

export interface I64Function {
  name: string;
  params?: ValType[];
  results?: ValType[];
  locals?: ValType[];
  body: WasmInstr[];
}

/** `compute` is the first function (index 1); `env.output_byte` is function 0. */
export function i64Module(fns: I64Function[], data: { offset: number; bytes: Uint8Array }[] = [], extraGlobals: WasmGlobal[] = []): WasmModule {
  const types = [{ params: ['i32'] as ValType[], results: [] as ValType[] }];
  const functions: WasmFunction[] = fns.map((f, k) => {
    const type = { params: f.params ?? [], results: f.results ?? [] };
    types.push(type);
    return { index: k + 1, name: f.name, typeIndex: types.length - 1, type, locals: f.locals ?? [], body: [...f.body, I('end')] };
  });
  return {
    types,
    imports: [{ module: 'env', name: 'output_byte', kind: 'func', typeIndex: 0 }],
    functions,
    globals: [{ type: 'i32', mutable: false, init: 0x100000 }, ...extraGlobals],
    exports: [
      { name: 'compute', kind: 'func', index: 1 },
      { name: '__heap_base', kind: 'global', index: 0 },
      { name: 'memory', kind: 'memory', index: 0 },
    ],
    data: data.map((d) => ({ mode: 'active' as const, offset: d.offset, bytes: d.bytes })),
    memoryPages: 160,
    importedFunctionCount: 1,
    customSections: [],
  };
}

/** Little-endian bytes of 64-bit values. */
export function qwords(values: bigint[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigUint64(8 * i, BigInt.asUintN(64, v), true));
  return bytes;
}

export function readQword(memory: Uint8Array, address: number): bigint {
  return new DataView(memory.buffer, memory.byteOffset).getBigUint64(address, true);
}

export interface I64Run {
  memory: Uint8Array;
  output: string;
  /** The trap's name when the program stopped on one (src/core/tokens/exitStatus.ts). */
  trap?: string;
}

/** The module after the i64-pair pass only, encoded and run in V8 (throws if V8 rejects it). */
export async function runPairsInV8(m: WasmModule): Promise<I64Run> {
  const bytes = encodeModule(lowerI64ToPairs(m)) as Uint8Array<ArrayBuffer>;
  let output = '';
  const { instance } = await WebAssembly.instantiate(bytes, { env: { output_byte: (c: number) => void (output += String.fromCharCode(c & 255)), halt: (w: number) => { throw new Error(`halt(${w})`); } } });
  const exports = instance.exports as { memory: WebAssembly.Memory; compute: () => void };
  exports.compute();
  return { memory: new Uint8Array(exports.memory.buffer), output };
}

/** lowerForMachine (call_indirect, i64 pairs, lowerModule) → assembleProgram → reference interpreter. */
export function runOnMachine(m: WasmModule): I64Run & { instructions: number } {
  const program = assembleProgram(lowerForMachine(m));
  const run = runReference(program, null, { maxTokens: 200_000_000 });
  if (run.stop !== 'halt') throw new Error(`reference run stopped with ${run.stop}: ${run.error ?? ''}`);
  return { memory: run.memory, output: new TextDecoder().decode(run.output), trap: run.trap, instructions: program.instructions.length };
}

const M64 = (1n << 64n) - 1n;
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const bool = (b: boolean) => (b ? 1n : 0n);

/** WebAssembly semantics of the i64 ops, on unsigned 64-bit BigInts (i32 results as 0…2^32−1). */
export function expectI64(op: string, a: bigint, b = 0n): bigint {
  const n = b & 63n;
  switch (op) {
    case 'i64.add': return (a + b) & M64;
    case 'i64.sub': return (a - b) & M64;
    case 'i64.and': return a & b;
    case 'i64.or': return a | b;
    case 'i64.xor': return a ^ b;
    case 'i64.shl': return (a << n) & M64;
    case 'i64.shr_u': return a >> n;
    case 'i64.shr_s': return BigInt.asUintN(64, s64(a) >> n);
    case 'i64.rotl': return ((a << n) | (a >> ((64n - n) & 63n))) & M64;
    case 'i64.rotr': return ((a >> n) | (a << ((64n - n) & 63n))) & M64;
    case 'i64.mul': return (a * b) & M64;
    case 'i64.div_u': return a / b;
    case 'i64.rem_u': return a % b;
    case 'i64.div_s': return BigInt.asUintN(64, s64(a) / s64(b));
    case 'i64.rem_s': return BigInt.asUintN(64, s64(a) % s64(b));
    case 'i64.clz': return BigInt(a === 0n ? 64 : 64 - a.toString(2).length);
    case 'i64.ctz': return BigInt(a === 0n ? 64 : a.toString(2).length - 1 - a.toString(2).lastIndexOf('1'));
    case 'i64.popcnt': return BigInt([...a.toString(2)].filter((c) => c === '1').length);
    case 'i64.eq': return bool(a === b);
    case 'i64.ne': return bool(a !== b);
    case 'i64.lt_u': return bool(a < b);
    case 'i64.le_u': return bool(a <= b);
    case 'i64.gt_u': return bool(a > b);
    case 'i64.ge_u': return bool(a >= b);
    case 'i64.lt_s': return bool(s64(a) < s64(b));
    case 'i64.le_s': return bool(s64(a) <= s64(b));
    case 'i64.gt_s': return bool(s64(a) > s64(b));
    case 'i64.ge_s': return bool(s64(a) >= s64(b));
    case 'i64.eqz': return bool(a === 0n);
    case 'i32.wrap_i64': return a & 0xffffffffn;
    case 'i64.extend_i32_u': return a & 0xffffffffn;
    case 'i64.extend_i32_s': return BigInt.asUintN(64, BigInt.asIntN(32, a));
    case 'i64.extend8_s': return BigInt.asUintN(64, BigInt.asIntN(8, a));
    case 'i64.extend16_s': return BigInt.asUintN(64, BigInt.asIntN(16, a));
    case 'i64.extend32_s': return BigInt.asUintN(64, BigInt.asIntN(32, a));
  }
  throw new Error(`no oracle for ${op}`);
}

/** First differing qword between expected values and memory at RESULT_BASE, as a message; null if none. */
export function firstMismatch(memory: Uint8Array, expected: bigint[], label: (i: number) => string): string | null {
  for (let i = 0; i < expected.length; i++) {
    const got = readQword(memory, RESULT_BASE + 8 * i);
    if (got !== expected[i]) return `result ${i} (${label(i)}): expected 0x${expected[i].toString(16)}, got 0x${got.toString(16)}`;
  }
  return null;
}
