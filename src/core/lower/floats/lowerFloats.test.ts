import { describe, expect, it } from 'vitest';
import { rng } from '../testing/oracle.ts';
import { decodeModule } from '../../wasm/decode.ts';
import { minimalProgram } from '../../wasm/testing/moduleBuilder.ts';
import { lowerFloats } from './lowerFloats.ts';
import { ABNORMAL_ENDS } from '../../tokens/exitStatus.ts';
import { expectF32, F32_EDGES, isNaNBits, randomF32 } from './testing/f32Oracle.ts';
import { findMachineIssues } from '../../wasm/validate.ts';
import { expectF64, F64_EDGES, isNaNBits64, randomF64 } from './testing/f64Oracle.ts';
import { floatOpModule, runFloatOp, runFloatOp64, type OpShape } from './testing/floatRun.ts';

/**
 * Differential test of every f32 op, lowered (float pass → i64 pairs → lowerModule) and run on the
 * reference interpreter, against JavaScript's IEEE arithmetic (f32Oracle.ts): every edge pair,
 * then seeded random operands (many more with SLOW=1).
 */
const SLOW = !!process.env.SLOW;
const RANDOM = SLOW ? 40_000 : 300;
/** f64 ops cost 3-5× more: fewer random operands. */
const RANDOM_F64 = SLOW ? 8_000 : 150;

const FF_F: OpShape = { params: ['f32', 'f32'], result: 'f32' };
const FF_I: OpShape = { params: ['f32', 'f32'], result: 'i32' };
const F_F: OpShape = { params: ['f32'], result: 'f32' };
const I_F: OpShape = { params: ['i32'], result: 'f32' };
const F_I: OpShape = { params: ['f32'], result: 'i32' };

const BINARY = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'].map((o) => `f32.${o}`);
const COMPARE = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'].map((o) => `f32.${o}`);
const UNARY = ['sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'abs', 'neg'].map((o) => `f32.${o}`);
const INT_EDGES = [0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0x1000001, 0x1000003, 0xffffff, 0x7fffffc0, 0x7fffffbf, 0xffffff80, 0xffffff7f, 16777217];

function hex(x: number): string {
  return `0x${(x >>> 0).toString(16).padStart(8, '0')}`;
}

/** Operand pairs per run: one run's trace stays within the interpreter's token budget. */
const CHUNK = 1000;

function check(op: string, shape: OpShape, all: [number, number][]): void {
  for (let at = 0; at < all.length; at += CHUNK) checkChunk(op, shape, all.slice(at, at + CHUNK));
}

function checkChunk(op: string, shape: OpShape, operands: [number, number][]): void {
  const run = runFloatOp(op, shape, operands);
  expect(run.stop, run.output).toBe('halt');
  operands.forEach(([a, b], k) => {
    const want = expectF32(op, a, b);
    const got = run.results[k];
    if (typeof want !== 'number') throw new Error(`${op}: test case ${hex(a)} traps; run it with checkTrap`);
    const ok = shape.result === 'f32' && isNaNBits(want) ? isNaNBits(got) : got === want >>> 0;
    if (!ok) expect.fail(`${op}(${hex(a)}, ${hex(b)}): machine ${hex(got)}, IEEE ${hex(want)}`);
  });
}

function pairs(values: number[], random: number, seed: number, unary: boolean): [number, number][] {
  const next = rng(seed);
  const out: [number, number][] = unary ? values.map((v) => [v, 0]) : values.flatMap((a) => values.map((b): [number, number] => [a, b]));
  for (let k = 0; k < random; k++) out.push([randomF32(next), randomF32(next)]);
  return out;
}

describe('f32 ops lowered to integer code vs JavaScript IEEE arithmetic', () => {
  for (const op of [...BINARY, ...COMPARE]) {
    it(`${op}: every edge pair and ${RANDOM} random pairs`, () => check(op, COMPARE.includes(op) ? FF_I : FF_F, pairs(F32_EDGES, RANDOM, op.length * 7919, false)));
  }
  for (const op of UNARY) {
    it(`${op}: every edge and ${RANDOM} random operands`, () => check(op, F_F, pairs(F32_EDGES, RANDOM, op.length * 104729, true)));
  }
  for (const op of ['f32.convert_i32_s', 'f32.convert_i32_u']) {
    it(`${op}: integer edges (ties at 2^24+1) and random integers`, () => {
      const next = rng(17);
      const ints = [...INT_EDGES, ...Array.from({ length: RANDOM }, () => Math.floor(next() * 2 ** 32))];
      check(op, I_F, ints.map((v) => [v, 0]));
    });
  }
  for (const op of ['i32.trunc_f32_s', 'i32.trunc_f32_u']) {
    it(`${op}: in-range edges and random values`, () => {
      const next = rng(23);
      const values = [...F32_EDGES, ...Array.from({ length: RANDOM * 4 }, () => randomF32(next))].filter((v) => typeof expectF32(op, v, 0) === 'number');
      check(op, F_I, values.map((v) => [v, 0]));
    });
    it(`${op}: NaN, ±inf and the first values past ±2^31 / 2^32 trap with a named message`, () => {
      const traps = [0x7fc00000, 0xff800001, 0x7f800000, 0xff800000, 0x4f000000, 0xcf000100, 0x4f800000, 0xbf800000].filter((v) => typeof expectF32(op, v, 0) === 'string');
      expect(traps.length).toBeGreaterThan(4);
      for (const v of traps) {
        const run = runFloatOp(op, F_I, [[v, 0]]);
        const want = expectF32(op, v, 0) === 'invalid' ? ABNORMAL_ENDS.invalidConversion.name : ABNORMAL_ENDS.conversionOverflow.name;
        expect(run.trap, `${op}(${hex(v)})`).toBe(want);
      }
    });
  }
});

describe('validation of float code', () => {
  const refusal = (op: string): string[] => {
    const m = floatOpModule(op, op.startsWith('f64') ? { params: ['f64', 'f64'], result: 'f64' } : FF_F, 1);
    return findMachineIssues(m).map((i) => i.message);
  };
  it('accepts every f32 op (their helpers use 32-bit integer code only)', () => {
    for (const op of [...BINARY, ...COMPARE, ...UNARY, 'f32.convert_i32_s', 'f32.convert_i32_u', 'i32.trunc_f32_s', 'i32.trunc_f32_u']) {
      expect(refusal(op), op).toEqual([]);
    }
  });
  it('accepts an f64 op exactly when its helper passes validation, else names the op and what its helper lacks', () => {
    for (const op of ['f64.add', 'f64.mul', 'f64.div', 'f64.sqrt', 'f64.lt', 'f64.promote_f32']) {
      const issues = refusal(op);
      expect(issues.length, op).toBeLessThanOrEqual(1);
      if (issues.length) expect(issues[0]).toMatch(new RegExp(`^in function 'compute': floating-point operation ${op.replace('.', '\\.')} — this double operation needs 64-bit integer support the machine does not have yet \\(its helper: .+\\)$`));
    }
  });
  it('refuses the saturating conversions, naming them', () => {
    expect(refusal('i32.trunc_sat_f32_s')).toEqual(["in function 'compute': saturating conversion i32.trunc_sat_f32_s — not supported (compile without -mnontrapping-fptoint)"]);
  });
});

describe('f64 ops lowered to integer code vs JavaScript IEEE arithmetic (each runs exactly, or is refused by name)', () => {
  const DD_D: OpShape = { params: ['f64', 'f64'], result: 'f64' };
  const DD_I: OpShape = { params: ['f64', 'f64'], result: 'i32' };
  const D_D: OpShape = { params: ['f64'], result: 'f64' };
  const ops: [string, OpShape][] = [
    ...['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'].map((o): [string, OpShape] => [`f64.${o}`, DD_D]),
    ...['eq', 'ne', 'lt', 'gt', 'le', 'ge'].map((o): [string, OpShape] => [`f64.${o}`, DD_I]),
    ...['sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'abs', 'neg'].map((o): [string, OpShape] => [`f64.${o}`, D_D]),
  ];
  const hex64 = (x: bigint): string => `0x${x.toString(16).padStart(16, '0')}`;
  for (const [op, shape] of ops) {
    it(op, () => {
      const issues = findMachineIssues(floatOpModule(op, shape, 1)).map((i) => i.message);
      if (issues.length) {
        expect(issues[0]).toMatch(/this double operation needs 64-bit integer support the machine does not have yet \(its helper: .+\)$/);
        return;
      }
      const next = rng(op.length * 131);
      const unary = shape.params.length === 1;
      const cases: [bigint, bigint][] = unary ? F64_EDGES.map((v) => [v, 0n]) : F64_EDGES.flatMap((a) => F64_EDGES.map((b): [bigint, bigint] => [a, b]));
      for (let k = 0; k < RANDOM_F64; k++) cases.push([randomF64(next), randomF64(next)]);
      for (let at = 0; at < cases.length; at += CHUNK / 4) {
        const chunk = cases.slice(at, at + CHUNK / 4);
        const run = runFloatOp64(op, shape, chunk);
        expect(run.stop, run.output).toBe('halt');
        chunk.forEach(([a, b], k) => {
          const want = expectF64(op, a, b);
          const got = run.results[k];
          const ok = shape.result === 'f64' && isNaNBits64(want) ? isNaNBits64(got) : got === want;
          if (!ok) expect.fail(`${op}(${hex64(a)}, ${hex64(b)}): machine ${hex64(got)}, IEEE ${hex64(want)}`);
        });
      }
    });
  }
});

describe('float constants', () => {
  it('the decoder keeps their exact bit patterns (NaN payloads too) and the pass turns them into integer constants', () => {
    // f32.const 0x7fa00001 (a signalling NaN), drop; f64.const 0xfff4000000000001, drop
    const code = [0x43, 0x01, 0x00, 0xa0, 0x7f, 0x1a, 0x44, 0x01, 0, 0, 0, 0, 0, 0xf4, 0xff, 0x1a];
    const m = decodeModule(minimalProgram(code));
    const body = m.functions[0].body;
    expect(body.filter((i) => i.op.endsWith('.const')).map((i) => [i.op, i.bits])).toEqual([
      ['f32.const', String(0x7fa00001)],
      ['f64.const', String(0xfff4000000000001n)],
    ]);
    const lowered = lowerFloats(m).functions[0].body.filter((i) => i.op.endsWith('.const'));
    expect(lowered.map((i) => [i.op, i.op === 'i32.const' ? i.imm : i.literal])).toEqual([
      ['i32.const', 0x7fa00001],
      ['i64.const', String(0xfff4000000000001n)],
    ]);
  });

  it('a module without float constructs is returned as it is', () => {
    const m = decodeModule(minimalProgram());
    expect(lowerFloats(m)).toBe(m);
  });
});
