import { assembleProgram } from '../../program/assemble.ts';
import { ins, irModule } from '../../program/testing/irModule.ts';
import { runReference, type ReferenceRun } from '../../reference/interpret.ts';
import type { WasmInstr, WasmModule } from '../../wasm/ir.ts';
import { lowerModule } from '../lower.ts';

/**
 * Test programs for the lowering conformance suite, built directly as IR (no clang): a
 * `compute` function evaluates one op on many operands and stores each result in memory.
 */

export const INPUT_BASE = 1024;
export const RESULT_BASE = 0x100000;

/** How the operands reach the op. */
export type VariableForm =
  | 'loads' // both operands computed by loads (stack operands; the left one is a whole expression)
  | 'locals' // both via local.get
  | 'loadAndLocal' // left from a load, right via local.get
  | 'constLeft'; // left an i32.const, right from a load

export type ConstForm =
  | 'load' // left from a load expression, right an i32.const
  | 'local' // left via local.get, right an i32.const
  | 'constLocal'; // right via local.get of a local that only ever holds the constant

const words = (values: number[]): Uint8Array => {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setUint32(4 * i, v >>> 0, true));
  return bytes;
};

const I = (op: string, imm = 0): WasmInstr => ins(op, imm);
const load = (addr: number): WasmInstr[] => [I('i32.const', addr), I('i32.load')];

/** One unrolled case per pair: result i = a_i op b_i at RESULT_BASE + 4i. */
export function variableCasesModule(op: string, pairs: [number, number][], form: VariableForm): WasmModule {
  const body: WasmInstr[] = [];
  pairs.forEach(([a], i) => {
    const inA = INPUT_BASE + 8 * i;
    const inB = inA + 4;
    const res = RESULT_BASE + 4 * i;
    switch (form) {
      case 'loads':
        body.push(I('i32.const', res), ...load(inA), ...load(inB));
        break;
      case 'locals':
        body.push(...load(inA), I('local.set', 0), ...load(inB), I('local.set', 1));
        body.push(I('i32.const', res), I('local.get', 0), I('local.get', 1));
        break;
      case 'loadAndLocal':
        body.push(...load(inB), I('local.set', 1), I('i32.const', res), ...load(inA), I('local.get', 1));
        break;
      case 'constLeft':
        body.push(I('i32.const', res), I('i32.const', a), ...load(inB));
        break;
    }
    body.push(I(op), I('i32.store'));
  });
  return moduleWith(body, pairs.flat());
}

/**
 * One loop per constant: for every left operand L_i, result (c·n + i) = L_i op C_c.
 */
export function constCasesModule(op: string, constants: number[], lefts: number[], form: ConstForm): WasmModule {
  const n = lefts.length;
  const body: WasmInstr[] = [];
  const I_ = 0;
  const X = 1;
  const K = 2;
  constants.forEach((cval, ci) => {
    if (form === 'constLocal') body.push(I('i32.const', cval), I('local.set', K + ci));
    body.push(I('i32.const', 0), I('local.set', I_));
    body.push({ op: 'loop', imm: 0, blockType: { kind: 'empty' } });
    body.push(I('i32.const', RESULT_BASE + 4 * n * ci), I('local.get', I_), I('i32.add'));
    if (form === 'local') body.push(I('local.get', I_), { ...I('i32.load', INPUT_BASE), align: 2 }, I('local.set', X), I('local.get', X));
    else body.push(I('local.get', I_), { ...I('i32.load', INPUT_BASE), align: 2 });
    body.push(form === 'constLocal' ? I('local.get', K + ci) : I('i32.const', cval));
    body.push(I(op), I('i32.store'));
    body.push(I('local.get', I_), I('i32.const', 4), I('i32.add'), I('local.tee', I_), I('i32.const', 4 * n), I('i32.lt_u'), I('br_if', 0));
    body.push(I('end'));
  });
  const locals = form === 'constLocal' ? K + constants.length : K;
  return moduleWith(body, lefts, locals);
}

/** A unary op on each value: result i = op(v_i); `local` reads the operand via local.get. */
export function unaryCasesModule(op: string, values: number[], form: 'load' | 'local' | 'const'): WasmModule {
  return sequenceCasesModule([I(op)], values, form);
}

/** Result i = the instruction sequence `tail` applied to v_i (tail consumes one value, leaves one). */
export function sequenceCasesModule(tail: WasmInstr[], values: number[], form: 'load' | 'local' | 'const'): WasmModule {
  const body: WasmInstr[] = [];
  values.forEach((v, i) => {
    const res = RESULT_BASE + 4 * i;
    if (form === 'local') body.push(...load(INPUT_BASE + 4 * i), I('local.set', 0), I('i32.const', res), I('local.get', 0));
    else if (form === 'const') body.push(I('i32.const', res), I('i32.const', v));
    else body.push(I('i32.const', res), ...load(INPUT_BASE + 4 * i));
    body.push(...tail.map((t) => ({ ...t })), I('i32.store'));
  });
  return moduleWith(body, values);
}

function moduleWith(body: WasmInstr[], inputs: number[], locals = 2): WasmModule {
  const m = irModule([{ name: 'compute', locals, body: [] }], { data: [{ offset: INPUT_BASE, bytes: words(inputs) }] });
  m.functions[0].body = [...body, I('end')];
  return m;
}

export interface CaseRun {
  run: ReferenceRun;
  results: Uint32Array;
  instructions: number;
}

/** Lowers, assembles and runs a case module; returns the `count` result words. */
export function runCases(m: WasmModule, count: number): CaseRun {
  const lowered = lowerModule(m);
  const program = assembleProgram(lowered);
  const run = runReference(program, null, { maxTokens: 500_000_000 });
  const results = new Uint32Array(count);
  const view = new DataView(run.memory.buffer, run.memory.byteOffset);
  for (let i = 0; i < count; i++) results[i] = view.getUint32(RESULT_BASE + 4 * i, true);
  return { run, results, instructions: program.instructions.length };
}
