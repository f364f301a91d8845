import { assembleProgram } from '../../program/assemble.ts';
import { ins, irModule } from '../../program/testing/irModule.ts';
import { runReference } from '../../reference/interpret.ts';
import type { WasmInstr, WasmModule } from '../../wasm/ir.ts';
import { lowerModule } from '../lower.ts';

/**
 * Executed-instruction and token cost of one lowered op, measured with the reference
 * interpreter: a program computing `x op y` once, minus the same program without the op
 * (and without the instructions that fetch y). x comes from a local; y from a local
 * (variable form) or is an i32.const (constant form). Helper call overhead is included.
 */
export interface OpCost {
  instructions: number;
  tokens: number;
}

const I = (op: string, imm = 0): WasmInstr => ins(op, imm);

function runOnce(body: WasmInstr[], x: number, y: number): { instructions: number; tokens: number } {
  const data = new Uint8Array(8);
  new DataView(data.buffer).setUint32(0, x >>> 0, true);
  new DataView(data.buffer).setUint32(4, y >>> 0, true);
  const m: WasmModule = irModule([{ name: 'compute', locals: 2, body: [] }], { data: [{ offset: 1024, bytes: data }] });
  m.functions[0].body = [...body, I('end')];
  const run = runReference(assembleProgram(lowerModule(m)), null, { maxTokens: 10_000_000 });
  if (run.stop !== 'halt') throw new Error(`measurement program stopped with ${run.stop}: ${run.error ?? ''}`);
  return { instructions: run.instructionsExecuted, tokens: run.tokenCount };
}

// Operands come from memory, so neither local is a known constant.
const setup = (): WasmInstr[] => [
  I('i32.const', 1024), I('i32.load'), I('local.set', 0), I('i32.const', 1028), I('i32.load'), I('local.set', 1),
  I('i32.const', 0x100000),
];

export function binaryCost(op: string, x: number, y: number, form: 'const' | 'variable'): OpCost {
  const base = runOnce([...setup(), I('local.get', 0), I('i32.store')], x, y);
  const right = form === 'const' ? I('i32.const', y) : I('local.get', 1);
  const full = runOnce([...setup(), I('local.get', 0), right, I(op), I('i32.store')], x, y);
  return { instructions: full.instructions - base.instructions, tokens: full.tokens - base.tokens };
}

export function unaryCost(op: string, x: number): OpCost {
  const base = runOnce([...setup(), I('local.get', 0), I('i32.store')], x, 0);
  const full = runOnce([...setup(), I('local.get', 0), I(op), I('i32.store')], x, 0);
  return { instructions: full.instructions - base.instructions, tokens: full.tokens - base.tokens };
}

/**
 * Cost of an instruction sequence that consumes x (pushed by `local.get 0`; it may read local 0
 * again, x is unknown to the lowering) and leaves one value: the program with the sequence minus
 * the same program without it.
 */
export function sequenceCost(tail: WasmInstr[], x: number): OpCost {
  const base = runOnce([...setup(), I('local.get', 0), I('i32.store')], x, 0);
  const full = runOnce([...setup(), I('local.get', 0), ...tail.map((t) => ({ ...t })), I('i32.store')], x, 0);
  return { instructions: full.instructions - base.instructions, tokens: full.tokens - base.tokens };
}
