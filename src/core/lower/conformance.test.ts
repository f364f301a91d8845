import { describe, expect, test } from 'vitest';
import {
  constCasesModule,
  runCases,
  sequenceCasesModule,
  unaryCasesModule,
  variableCasesModule,
  type ConstForm,
  type VariableForm,
} from './testing/caseProgram.ts';
import {
  BINARY_OPS,
  coreEdgeValues,
  edgeValues,
  expectBinary,
  expectSequence,
  expectUnary,
  randomValue,
  rng,
  traps,
  UNARY_OPS,
} from './testing/oracle.ts';

/**
 * Lowering conformance: every lowered op, executed by the reference interpreter after
 * lowerModule + assembleProgram, must equal WebAssembly i32 semantics (JS oracle) on edge values
 * and on random operands, with constant and with variable right operands.
 */

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;
const RANDOM_PAIRS = 1000;

/** Mismatch descriptions (first few), empty when all cases agree. */
function mismatches(label: string, cases: [number, number][], results: Uint32Array, expected: (a: number, b: number) => number): string[] {
  const bad: string[] = [];
  cases.forEach(([a, b], i) => {
    const e = expected(a, b);
    if (results[i] !== e && bad.length < 5) bad.push(`${label} case ${i}: a=${hex(a)} b=${hex(b)} expected ${hex(e)}, got ${hex(results[i])}`);
  });
  return bad;
}

function runVariable(op: string, pairs: [number, number][], form: VariableForm): string[] {
  const { run, results } = runCases(variableCasesModule(op, pairs, form), pairs.length);
  if (run.stop !== 'halt' || run.output.length) return [`${op} ${form}: run stopped with ${run.stop} ${run.error ?? ''} output '${new TextDecoder().decode(run.output)}'`];
  return mismatches(`${op} (${form})`, pairs, results, (a, b) => expectBinary(op, a, b));
}

function runConst(op: string, constants: number[], lefts: number[], form: ConstForm): string[] {
  // The constant-local form spends one local per constant: stay within the 64 locals of a frame.
  if (form === 'constLocal' && constants.length > 40) {
    const chunks: number[][] = [];
    for (let i = 0; i < constants.length; i += 40) chunks.push(constants.slice(i, i + 40));
    return chunks.flatMap((chunk) => runConst(op, chunk, lefts, form));
  }
  const cases: [number, number][] = constants.flatMap((c) => lefts.map((a): [number, number] => [a, c]));
  const { run, results } = runCases(constCasesModule(op, constants, lefts, form), cases.length);
  if (run.stop !== 'halt' || run.output.length) return [`${op} ${form}: run stopped with ${run.stop} ${run.error ?? ''}`];
  return mismatches(`${op} const (${form})`, cases, results, (a, b) => expectBinary(op, a, b));
}

const isShift = (op: string): boolean => /sh|rot/.test(op);
const counts0to40 = Array.from({ length: 41 }, (_, i) => i);

describe.each(BINARY_OPS)('%s', (op) => {
  test('variable operands: edge × edge values (and shift counts 0–40)', () => {
    const edges = coreEdgeValues();
    const rights = isShift(op) ? [...counts0to40, 0xffffffff, 0x80000000, 0x12345678] : edges;
    const lefts = isShift(op) ? edgeValues() : edges;
    const pairs = lefts.flatMap((a) => rights.map((b): [number, number] => [a, b])).filter(([a, b]) => !traps(op, a, b));
    expect(runVariable(op, pairs, 'loads')).toEqual([]);
  });

  test(`variable operands: ${RANDOM_PAIRS} random pairs, spread over every operand form`, () => {
    const next = rng(0x5eed + op.length * 7919 + op.charCodeAt(5));
    const pairs: [number, number][] = [];
    while (pairs.length < RANDOM_PAIRS) {
      const a = randomValue(next);
      const b = isShift(op) && next() < 0.5 ? Math.floor(next() * 64) : randomValue(next);
      if (!traps(op, a, b)) pairs.push([a, b]);
    }
    const forms: VariableForm[] = ['loads', 'locals', 'loadAndLocal', 'constLeft'];
    const quarter = RANDOM_PAIRS / forms.length;
    const bad = forms.flatMap((form, f) => runVariable(op, pairs.slice(f * quarter, (f + 1) * quarter), form));
    expect(bad).toEqual([]);
  });

  test('constant right operand: edge and random constants × edge and random left operands', () => {
    const next = rng(0xc0457 + op.length * 31 + op.charCodeAt(6));
    const randoms = Array.from({ length: 40 }, () => randomValue(next));
    const constants = (isShift(op) ? [...counts0to40, 0xffffffff, 0x80000000, 63, 64, 100] : [...edgeValues(), ...randoms])
      .filter((c) => !traps(op, 1, c));
    const lefts = [...coreEdgeValues(), ...Array.from({ length: 30 }, () => randomValue(next))];
    const safeLefts = op === 'i32.div_s' ? lefts.filter((a) => a !== 0x80000000) : lefts;
    expect(runConst(op, constants, safeLefts, 'load')).toEqual([]);
    // The other operand forms on a subset (they change only how x reaches the expansion).
    const some = constants.filter((_, i) => i % 3 === 0);
    expect(runConst(op, some, safeLefts, 'local')).toEqual([]);
    expect(runConst(op, some, safeLefts, 'constLocal')).toEqual([]);
    if (op === 'i32.div_s') {
      // INT_MIN as the dividend, for every constant divisor except −1 (which traps).
      expect(runConst(op, constants.filter((c) => c !== 0xffffffff), [0x80000000], 'load')).toEqual([]);
    }
  });
});

describe.each(UNARY_OPS)('%s', (op) => {
  test('edge and random operands, from a load, a local and a constant', () => {
    const next = rng(0xa11 + op.length);
    const values = [...edgeValues(), ...Array.from({ length: 300 }, () => randomValue(next))];
    const bad: string[] = [];
    for (const form of ['load', 'local', 'const'] as const) {
      const { run, results } = runCases(unaryCasesModule(op, values, form), values.length);
      if (run.stop !== 'halt') bad.push(`${op} ${form}: ${run.stop} ${run.error ?? ''}`);
      values.forEach((v, i) => {
        const e = expectUnary(op, v);
        if (results[i] !== e && bad.length < 5) bad.push(`${op} (${form}) case ${i}: x=${hex(v)} expected ${hex(e)}, got ${hex(results[i])}`);
      });
    }
    expect(bad).toEqual([]);
  });
});

describe('shift pairs (how clang sign- or zero-extends a char or short)', () => {
  const pairs: [number, string, number][] = [
    [24, 'i32.shr_s', 24], [24, 'i32.shr_u', 24], [16, 'i32.shr_s', 16], [16, 'i32.shr_u', 16],
    [24, 'i32.shr_s', 16], [16, 'i32.shr_u', 24], [8, 'i32.shr_s', 8], [56, 'i32.shr_s', 24],
  ];
  test.each(pairs)('x << %i >> (%s) %i', (a, shr, b) => {
    const next = rng(a * 131 + b);
    const values = [...edgeValues(), ...Array.from({ length: 100 }, () => randomValue(next))];
    const tail = [
      { op: 'i32.const', imm: a }, { op: 'i32.shl', imm: 0 }, { op: 'i32.const', imm: b }, { op: shr, imm: 0 },
    ];
    const bad: string[] = [];
    for (const form of ['load', 'local', 'const'] as const) {
      const { results } = runCases(sequenceCasesModule(tail, values, form), values.length);
      values.forEach((v, i) => {
        const e = expectSequence(tail, v);
        if (results[i] !== e && bad.length < 5) bad.push(`(${form}) x=${hex(v)} expected ${hex(e)}, got ${hex(results[i])}`);
      });
    }
    expect(bad).toEqual([]);
  });
});
