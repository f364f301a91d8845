/**
 * The i64 ops that go through helper functions or funnel shifts (mul, div/rem, shifts and rotates
 * by variable and constant counts, clz/ctz/popcnt), differentially against BigInt: edge classes
 * plus seeded random operands of every bit length, run as the pair pass's output in V8 and as
 * the whole lowering on the reference interpreter. SLOW=1 runs many more random operands.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seededRandom.ts';
import type { WasmInstr } from '../wasm/ir.ts';
import { TRAP_DIVIDE_BY_ZERO, TRAP_OVERFLOW } from './helpers/trap.ts';
import { c64, expectI64, firstMismatch, I, i64Module, INPUT_BASE, qwords, RESULT_BASE, runOnMachine, runPairsInV8 } from './testing/i64Program.ts';

const SLOW = !!process.env.SLOW;
const M64 = (1n << 64n) - 1n;
const INT64_MIN = 1n << 63n;

const EDGE: bigint[] = [
  0n, 1n, 2n, 3n, 7n, 10n, 0xffn, 0x100n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x1_00000000n, 0x1_00000001n,
  0x7fffffff_ffffffffn, INT64_MIN, INT64_MIN + 1n, M64, M64 - 1n, 0x12345678_9abcdef0n, 0xfedcba98_76543210n,
  1n << 62n, 1n << 48n, 0xffffffff_00000000n, 0x00000001_ffffffffn,
];

/** A random 64-bit value of random bit length (so small and large magnitudes both occur), sometimes negated. */
function randomValue(next: () => number): bigint {
  const bits = 1 + Math.floor(next() * 64);
  let v = 0n;
  for (let k = 0; k < bits; k += 16) v = (v << 16n) | BigInt(Math.floor(next() * 65536));
  v &= (1n << BigInt(bits)) - 1n;
  return next() < 0.25 ? BigInt.asUintN(64, -v) : v;
}

type Form = 'load' | 'local' | 'const';
const FORMS: Form[] = ['load', 'local', 'const'];

interface Case {
  a: bigint;
  b: bigint;
}

/**
 * One `compute` running every case: operands from the input area (as a load on the stack, a local,
 * or a constant, rotating), result stored at RESULT_BASE + 8i.
 */
function program(op: string, cases: Case[], unary: boolean) {
  const body: WasmInstr[] = [];
  const at = (i: number, k: number) => INPUT_BASE + 16 * i + 8 * k;
  cases.forEach(({ a, b }, i) => {
    const form = FORMS[i % 3];
    const formB = FORMS[Math.floor(i / 3) % 3];
    const operand = (f: Form, k: number, v: bigint, local: number): WasmInstr[] =>
      f === 'const' ? [c64(v)] : f === 'local' ? [I('local.get', local)] : [I('i32.const', at(i, k)), I('i64.load', 0, { align: 3 })];
    if (form === 'local') body.push(I('i32.const', at(i, 0)), I('i64.load', 0, { align: 3 }), I('local.set', 0));
    if (formB === 'local' && !unary) body.push(I('i32.const', at(i, 1)), I('i64.load', 0, { align: 3 }), I('local.set', 1));
    body.push(I('i32.const', RESULT_BASE + 8 * i), ...operand(form, 0, a, 0));
    if (!unary) body.push(...operand(formB, 1, b, 1));
    body.push(I(op), I('i64.store', 0, { align: 3 }));
  });
  const data = [{ offset: INPUT_BASE, bytes: qwords(cases.flatMap(({ a, b }) => [a, b])) }];
  return i64Module([{ name: 'compute', locals: ['i64', 'i64'], body }], data);
}

async function check(op: string, cases: Case[], unary = false): Promise<void> {
  const m = program(op, cases, unary);
  const expected = cases.map(({ a, b }) => expectI64(op, a, b));
  const label = (i: number) => `${op} a=0x${cases[i].a.toString(16)} b=0x${cases[i].b.toString(16)} (${FORMS[i % 3]}, ${FORMS[Math.floor(i / 3) % 3]})`;
  expect(firstMismatch((await runPairsInV8(m)).memory, expected, label), 'pair pass output in V8').toBeNull();
  const machine = runOnMachine(m);
  expect(machine.output).toBe('');
  expect(firstMismatch(machine.memory, expected, label), 'lowered program on the reference interpreter').toBeNull();
}

function binaryCases(seed: number, edgeB: bigint[], valid: (a: bigint, b: bigint) => boolean, randomB: (next: () => number) => bigint): Case[] {
  const next = seededRandom(seed);
  const cases: Case[] = [];
  for (const a of EDGE) for (const b of edgeB) if (valid(a, b)) cases.push({ a, b });
  const n = SLOW ? 3000 : 150;
  while (cases.length < EDGE.length * edgeB.length + n) {
    const a = randomValue(next);
    const b = randomB(next);
    if (valid(a, b)) cases.push({ a, b });
  }
  return cases;
}

const SHIFT_COUNTS = [0n, 1n, 7n, 8n, 9n, 15n, 16n, 31n, 32n, 33n, 39n, 40n, 48n, 56n, 63n, 64n, 65n, 95n, 127n, 128n, 255n, 0x1_0000003fn, M64];

describe('i64 arithmetic against BigInt', () => {
  const always = () => true;
  it('i64.mul', async () => check('i64.mul', binaryCases(1, EDGE, always, randomValue)));
  for (const op of ['i64.div_u', 'i64.rem_u', 'i64.div_s', 'i64.rem_s']) {
    const valid = (a: bigint, b: bigint) => b !== 0n && !(op === 'i64.div_s' && a === INT64_MIN && b === M64);
    it(op, async () => check(op, binaryCases(op.length * 7 + op.charCodeAt(8), EDGE, valid, randomValue)));
  }
  for (const op of ['i64.shl', 'i64.shr_u', 'i64.shr_s', 'i64.rotl', 'i64.rotr']) {
    it(`${op} by variable and constant counts (0/1/…/31/32/33/63/64+)`, async () =>
      check(op, binaryCases(op.length * 13, SHIFT_COUNTS, always, (next) => BigInt(Math.floor(next() * 200)))));
  }
  for (const op of ['i64.clz', 'i64.ctz', 'i64.popcnt']) {
    it(op, async () => {
      const next = seededRandom(op.length * 5);
      const cases = [...EDGE, ...Array.from({ length: 64 }, (_, k) => 1n << BigInt(k)), ...Array.from({ length: SLOW ? 2000 : 100 }, () => randomValue(next))].map((a) => ({ a, b: 0n }));
      await check(op, cases, true);
    });
  }
});

describe('i64 division traps', () => {
  const trapRun = (op: string, a: bigint, b: bigint) => {
    const body = [I('i32.const', RESULT_BASE), c64(a), I('i32.const', INPUT_BASE), I('i64.load', 0, { align: 3 }), I(op), I('i64.store', 0, { align: 3 })];
    return runOnMachine(i64Module([{ name: 'compute', body }], [{ offset: INPUT_BASE, bytes: qwords([b]) }])).output;
  };
  for (const op of ['i64.div_u', 'i64.rem_u', 'i64.div_s', 'i64.rem_s']) {
    it(`${op} by zero prints the divide-by-zero trap`, () => {
      expect(trapRun(op, 5n, 0n)).toBe(TRAP_DIVIDE_BY_ZERO);
      expect(trapRun(op, 1n << 40n, 0n)).toBe(TRAP_DIVIDE_BY_ZERO);
    });
  }
  it('INT64_MIN / −1 prints the overflow trap; INT64_MIN % −1 is 0', () => {
    expect(trapRun('i64.div_s', INT64_MIN, M64)).toBe(TRAP_OVERFLOW);
    expect(trapRun('i64.rem_s', INT64_MIN, M64)).toBe('');
  });
});
