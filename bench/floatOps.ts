/**
 * Executed machine instructions per float op (helper call included), measured on the reference
 * interpreter: the median over random normal operands ("typical") and the maximum over those plus
 * every edge operand ("worst"). Ops whose helper cannot run yet are listed as refused.
 * Part of `npm run bench` (skip with --no-float); docs/lowering.md states the same figures.
 */
import { findMachineIssues } from '../src/core/wasm/validate.ts';
import { F64_OPS, MEASURED_F32, measureF32, measureF64 } from '../src/core/lower/floats/testing/floatCosts.ts';
import { floatOpModule } from '../src/core/lower/floats/testing/floatRun.ts';

const hex = (x: number): string => `0x${(x >>> 0).toString(16)}`;

export function reportFloatCosts(log: (line: string) => void, random = 20): void {
  log('float op               typical   worst  (worst operands)   executed machine instructions, helper call included');
  for (const [op, shape] of MEASURED_F32) {
    const c = measureF32(op, shape, random);
    log(`${op.padEnd(22)} ${String(c.typical).padStart(7)} ${String(c.worst).padStart(7)}  (${c.worstOperands.map(hex).join(', ')})`);
  }
  for (const [op, shape] of F64_OPS) {
    const issues = findMachineIssues(floatOpModule(op, shape, 1));
    if (issues.length) {
      log(`${op.padEnd(22)} not measured: ${issues[0].construct}`);
      continue;
    }
    const c = measureF64(op, shape, Math.max(3, random >> 2));
    log(`${op.padEnd(22)} ${String(c.typical).padStart(7)} ${String(c.worst).padStart(7)}  (${c.worstOperands.map((x) => `0x${x.toString(16)}`).join(', ')})`);
  }
}
