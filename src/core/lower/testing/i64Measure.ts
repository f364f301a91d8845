import { assembleProgram } from '../../program/assemble.ts';
import { runReference } from '../../reference/interpret.ts';
import type { WasmInstr } from '../../wasm/ir.ts';
import { lowerForMachine } from '../lowerForMachine.ts';
import type { OpCost } from './measure.ts';
import { c64, I, i64Module, INPUT_BASE, qwords, RESULT_BASE } from './i64Program.ts';

/**
 * Executed-instruction and token cost of one lowered i64 op (reference interpreter, helper calls
 * included): a program computing `a op b` once minus the same program storing `a` instead.
 * a comes from an i64 local loaded from memory; b from another (variable form) or an i64.const.
 */
function runOnce(body: WasmInstr[], a: bigint, b: bigint): { instructions: number; tokens: number } {
  const setup = [I('i32.const', INPUT_BASE), I('i64.load', 0, { align: 3 }), I('local.set', 0), I('i32.const', INPUT_BASE + 8), I('i64.load', 0, { align: 3 }), I('local.set', 1)];
  const m = i64Module([{ name: 'compute', locals: ['i64', 'i64'], body: [...setup, I('i32.const', RESULT_BASE), ...body, I('i64.store', 0, { align: 3 })] }], [
    { offset: INPUT_BASE, bytes: qwords([a, b]) },
  ]);
  const run = runReference(assembleProgram(lowerForMachine(m)), null, { maxTokens: 10_000_000 });
  if (run.stop !== 'halt') throw new Error(`measurement program stopped with ${run.stop}: ${run.error ?? ''}`);
  return { instructions: run.instructionsExecuted, tokens: run.tokenCount };
}

export function i64BinaryCost(op: string, a: bigint, b: bigint, form: 'const' | 'variable'): OpCost {
  const base = runOnce([I('local.get', 0)], a, b);
  const full = runOnce([I('local.get', 0), form === 'const' ? c64(b) : I('local.get', 1), I(op)], a, b);
  return { instructions: full.instructions - base.instructions, tokens: full.tokens - base.tokens };
}

export function i64UnaryCost(op: string, a: bigint): OpCost {
  const base = runOnce([I('local.get', 0)], a, 0n);
  const full = runOnce([I('local.get', 0), I(op)], a, 0n);
  return { instructions: full.instructions - base.instructions, tokens: full.tokens - base.tokens };
}
