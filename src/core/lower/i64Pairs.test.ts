import { describe, expect, it } from 'vitest';
import { StageError } from '../errors.ts';
import type { WasmInstr } from '../wasm/ir.ts';
import { encodeModule } from '../wasm/testing/encodeModule.ts';
import { PAIR_EXPANSIONS } from './i64Expansions.ts';
import { lowerI64ToPairs } from './i64Pairs.ts';
import { I64_ORDER, I64_PAIR_OPS } from '../wasm/i64Subset.ts';
import {
  block,
  c64,
  expectI64,
  firstMismatch,
  I,
  i64Module,
  INPUT_BASE,
  qwords,
  RESULT_BASE,
  runOnMachine,
  runPairsInV8,
  type I64Function,
} from './testing/i64Program.ts';

/** Carries and borrows across the words, sign boundaries, equal high words with different low words. */
const EDGE = [
  0n, 1n, 2n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x1_00000000n, 0x1_00000001n, 0x7fffffff_ffffffffn,
  0x80000000_00000000n, 0x80000000_00000001n, 0xffffffff_00000000n, 0xffffffff_ffffffffn, 0x12345678_9abcdef0n, 0xfedcba98_76543210n,
];
const DATA = [{ offset: INPUT_BASE, bytes: qwords(EDGE) }];
const inputAt = (k: number) => INPUT_BASE + 8 * k;

/** How an i64 operand reaches the op: a constant and a local read are re-emitted by the pass, a load stays on the stack. */
type Form = 'const' | 'local' | 'load';
const FORMS: [Form, Form][] = [
  ['const', 'const'], ['local', 'local'], ['load', 'load'], ['load', 'const'], ['const', 'load'], ['local', 'load'], ['load', 'local'],
];

function operand(form: Form, k: number, local: number): WasmInstr[] {
  if (form === 'const') return [c64(EDGE[k])];
  if (form === 'local') return [I('local.get', local)];
  return [I('i32.const', inputAt(k)), I('i64.load', 0, { align: 3 })];
}

/** Result i's address: a constant, or computed (so the pass re-reads it through a teed temp). */
const resultAddress = (i: number): WasmInstr[] =>
  i % 2 ? [I('i32.const', RESULT_BASE + 8 * i - 24), I('i32.const', 24), I('i32.add')] : [I('i32.const', RESULT_BASE + 8 * i)];

const I32_RESULT = new Set(['i64.eq', 'i64.ne', 'i64.eqz', 'i32.wrap_i64', ...Object.keys(I64_ORDER)]);
const store = (op: string): WasmInstr => (I32_RESULT.has(op) ? I('i32.store', 0, { align: 2 }) : I('i64.store', 0, { align: 3 }));

interface Case {
  label: string;
  expected: bigint;
}

/** Runs the module both ways and compares each result qword with the BigInt expectation. */
async function check(fns: I64Function[], cases: Case[], data = DATA): Promise<void> {
  const m = i64Module(fns, data);
  expect(WebAssembly.validate(encodeModule(m) as Uint8Array<ArrayBuffer>), 'the test module is valid WebAssembly').toBe(true);
  const label = (i: number) => cases[i].label;
  const expected = cases.map((c) => c.expected);
  const v8 = await runPairsInV8(m);
  expect(firstMismatch(v8.memory, expected, label), 'pair pass output in V8').toBeNull();
  const machine = runOnMachine(m);
  expect(firstMismatch(machine.memory, expected, label), 'lowered program on the reference interpreter').toBeNull();
}

/** compute: locals 0 and 1 are i64 operands (set from memory before each case). */
function binaryProgram(op: string, forms: [Form, Form][], count: (k: number) => number = (k) => k): { fn: I64Function; cases: Case[] } {
  const body: WasmInstr[] = [];
  const cases: Case[] = [];
  for (const [fa, fb] of forms) {
    for (let ka = 0; ka < EDGE.length; ka++) {
      for (let kb0 = 0; kb0 < EDGE.length; kb0++) {
        const kb = count(kb0);
        if (kb < 0) continue;
        const i = cases.length;
        if (fa === 'local') body.push(I('i32.const', inputAt(ka)), I('i64.load', 0, { align: 3 }), I('local.set', 0));
        if (fb === 'local') body.push(I('i32.const', inputAt(kb)), I('i64.load', 0, { align: 3 }), I('local.set', 1));
        body.push(...resultAddress(i), ...operand(fa, ka, 0), ...operand(fb, kb, 1), I(op), store(op));
        cases.push({ label: `${op} ${fa} 0x${EDGE[ka].toString(16)}, ${fb} 0x${EDGE[kb].toString(16)}`, expected: expectI64(op, EDGE[ka], EDGE[kb]) });
      }
    }
  }
  return { fn: { name: 'compute', locals: ['i64', 'i64'], body }, cases };
}

describe('i64 pairs: binary ops against BigInt (edge operands, every operand form)', () => {
  const ops = ['i64.add', 'i64.sub', 'i64.and', 'i64.or', 'i64.xor', 'i64.eq', 'i64.ne', ...Object.keys(I64_ORDER)];
  for (const op of ops) {
    it(op, async () => {
      const { fn, cases } = binaryProgram(op, FORMS);
      await check([fn], cases);
    });
  }
});

describe('i64 pairs: shifts by a constant', () => {
  const COUNTS = [0n, 1n, 7n, 8n, 31n, 32n, 33n, 40n, 63n, 64n, 95n];
  for (const op of ['i64.shl', 'i64.shr_u', 'i64.shr_s']) {
    it(`${op} by 0/1/7/8/31/32/33/40/63 (and 64, 95 mod 64)`, async () => {
      const body: WasmInstr[] = [];
      const cases: Case[] = [];
      for (const form of ['const', 'local', 'load'] as Form[]) {
        EDGE.forEach((v, k) => {
          for (const n of COUNTS) {
            const i = cases.length;
            if (form === 'local') body.push(I('i32.const', inputAt(k)), I('i64.load', 0, { align: 3 }), I('local.set', 0));
            body.push(...resultAddress(i), ...operand(form, k, 0), c64(n), I(op), store(op));
            cases.push({ label: `${op} ${form} 0x${v.toString(16)} by ${n}`, expected: expectI64(op, v, n) });
          }
        });
      }
      await check([{ name: 'compute', locals: ['i64'], body }], cases);
    });
  }

  it('packs two words the way clang does for struct returns: zext(a) << 32 | zext(b)', async () => {
    const body: WasmInstr[] = [];
    const cases: Case[] = [];
    const words = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678];
    for (const a of words) {
      for (const b of words) {
        const i = cases.length;
        body.push(I('i32.const', a), I('local.set', 0), I('i32.const', b), I('local.set', 1));
        body.push(I('local.get', 0), I('i64.extend_i32_u'), c64(32n), I('i64.shl'), I('local.get', 1), I('i64.extend_i32_u'), I('i64.or'), I('local.set', 2));
        body.push(...resultAddress(i), I('local.get', 2), I('i64.store', 0, { align: 3 }));
        cases.push({ label: `pack ${a} ${b}`, expected: (BigInt(a) << 32n) | BigInt(b) });
      }
    }
    await check([{ name: 'compute', locals: ['i32', 'i32', 'i64'], body }], cases);
    const out = lowerI64ToPairs(i64Module([{ name: 'compute', locals: ['i32', 'i32', 'i64'], body }])).functions[0].body;
    // The packing costs nothing: each case is the two local.set of the i64 plus its store.
    expect(out.filter((x) => x.op.startsWith('i32.or') || x.op.startsWith('i32.shl'))).toEqual([]);
  });
});

describe('i64 pairs: unary ops and conversions', () => {
  for (const op of ['i64.eqz', 'i32.wrap_i64', 'i64.extend8_s', 'i64.extend16_s', 'i64.extend32_s']) {
    it(op, async () => {
      const body: WasmInstr[] = [];
      const cases: Case[] = [];
      for (const form of ['const', 'local', 'load'] as Form[]) {
        EDGE.forEach((v, k) => {
          const i = cases.length;
          if (form === 'local') body.push(I('i32.const', inputAt(k)), I('i64.load', 0, { align: 3 }), I('local.set', 0));
          body.push(...resultAddress(i), ...operand(form, k, 0), I(op), store(op));
          cases.push({ label: `${op} ${form} 0x${v.toString(16)}`, expected: expectI64(op, v) });
        });
      }
      await check([{ name: 'compute', locals: ['i64'], body }], cases);
    });
  }

  for (const op of ['i64.extend_i32_u', 'i64.extend_i32_s']) {
    it(op, async () => {
      const body: WasmInstr[] = [];
      const cases: Case[] = [];
      const words = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0xfedcba98];
      for (const form of ['const', 'local', 'load'] as Form[]) {
        words.forEach((w) => {
          const i = cases.length;
          body.push(I('i32.const', w), I('local.set', 0), I('i32.const', INPUT_BASE), I('local.get', 0), I('i32.store', 0, { align: 2 }));
          const x = form === 'const' ? [I('i32.const', w)] : form === 'local' ? [I('local.get', 0)] : [I('i32.const', INPUT_BASE), I('i32.load', 0, { align: 2 })];
          body.push(...resultAddress(i), ...x, I(op), I('i64.store', 0, { align: 3 }));
          cases.push({ label: `${op} ${form} 0x${w.toString(16)}`, expected: expectI64(op, BigInt(w)) });
        });
      }
      await check([{ name: 'compute', locals: ['i32'], body }], cases, []);
    });
  }
});

describe('i64 pairs: memory', () => {
  const bytes = Uint8Array.from({ length: 64 }, (_, k) => (k * 37 + 0x81) & 255);
  const view = new DataView(bytes.buffer);
  const LOADS: Record<string, (a: number) => bigint> = {
    'i64.load': (a) => view.getBigUint64(a, true),
    'i64.load8_s': (a) => BigInt.asUintN(64, BigInt(view.getInt8(a))),
    'i64.load8_u': (a) => BigInt(view.getUint8(a)),
    'i64.load16_s': (a) => BigInt.asUintN(64, BigInt(view.getInt16(a, true))),
    'i64.load16_u': (a) => BigInt(view.getUint16(a, true)),
    'i64.load32_s': (a) => BigInt.asUintN(64, BigInt(view.getInt32(a, true))),
    'i64.load32_u': (a) => BigInt(view.getUint32(a, true)),
  };

  it('loads of every width and sign, at unaligned addresses, with offsets, from constant, local and computed addresses', async () => {
    const body: WasmInstr[] = [];
    const cases: Case[] = [];
    for (const [op, read] of Object.entries(LOADS)) {
      for (const [base, offset] of [[0, 0], [1, 0], [3, 4], [5, 11], [13, 2], [31, 0]]) {
        for (const form of ['const', 'local', 'computed']) {
          const i = cases.length;
          const addr = INPUT_BASE + base;
          const push = form === 'const' ? [I('i32.const', addr)] : form === 'local' ? [I('i32.const', addr), I('local.set', 0), I('local.get', 0)] : [I('i32.const', addr - 3), I('i32.const', 3), I('i32.add')];
          body.push(...resultAddress(i), ...push, I(op, offset, { align: 0 }), I('i64.store', 0, { align: 3 }));
          cases.push({ label: `${op} at ${base}+${offset} (${form})`, expected: read(base + offset) });
        }
      }
    }
    await check([{ name: 'compute', locals: ['i32'], body }], cases, [{ offset: INPUT_BASE, bytes }]);
  });

  it('stores of every width write exactly their bytes, at unaligned addresses', async () => {
    const value = 0x8899aabb_ccddeeffn;
    const body: WasmInstr[] = [];
    const expected: bigint[] = [];
    const WIDTH: Record<string, number> = { 'i64.store': 8, 'i64.store32': 4, 'i64.store16': 2, 'i64.store8': 1 };
    const ALL = 0x01020304_05060708n;
    let slot = 0;
    for (const [op, width] of Object.entries(WIDTH)) {
      for (const [shift, offset] of [[0, 0], [1, 0], [3, 2], [2, 5]]) {
        for (const form of ['const', 'local', 'load', 'sum']) {
          // Each slot is 16 bytes of 0x01…: the store lands at slot + shift + offset.
          const at = RESULT_BASE + 16 * slot;
          body.push(I('i32.const', at), c64(ALL), I('i64.store', 0, { align: 3 }), I('i32.const', at + 8), c64(ALL), I('i64.store', 0, { align: 3 }));
          const v = form === 'const' ? [c64(value)] : form === 'local' ? [I('local.get', 1)] : form === 'load' ? [I('i32.const', INPUT_BASE), I('i64.load', 0, { align: 3 })] : [I('local.get', 1), c64(0n), I('i64.add')];
          body.push(I('i32.const', at + shift), ...v, I(op, offset, { align: 0 }));
          const mem = new DataView(new ArrayBuffer(16));
          mem.setBigUint64(0, ALL, true);
          mem.setBigUint64(8, ALL, true);
          for (let b = 0; b < width; b++) mem.setUint8(shift + offset + b, Number((value >> BigInt(8 * b)) & 0xffn));
          expected.push(mem.getBigUint64(0, true), mem.getBigUint64(8, true));
          slot++;
        }
      }
    }
    const fn: I64Function = { name: 'compute', locals: ['i32', 'i64'], body: [c64(value), I('local.set', 1), ...body] };
    await check([fn], expected.map((e, i) => ({ label: `slot ${i >> 1} qword ${i & 1}`, expected: e })), [{ offset: INPUT_BASE, bytes: qwords([value]) }]);
  });

  it('copies 8 bytes between locals\' addresses in 10 instructions and one temp (6 more than the i64 copy)', () => {
    const body = [I('local.get', 0), I('local.get', 1), I('i64.load', 8, { align: 3 }), I('i64.store', 16, { align: 3 })];
    const f = lowerI64ToPairs(i64Module([{ name: 'compute', locals: ['i32', 'i32'], body }])).functions[0];
    expect(f.body.map((x) => `${x.op} ${x.imm}`)).toEqual([
      'local.get 0', 'local.get 1', 'i32.load 8', 'local.get 1', 'i32.load 12', 'local.set 2', 'i32.store 16', 'local.get 0', 'local.get 2', 'i32.store 20', 'end 0',
    ]);
    expect(f.locals).toEqual(['i32', 'i32', 'i32']);
  });
});

describe('i64 pairs: control flow and parametric ops', () => {
  const A = 0x00000001_ffffffffn;
  const B = 0xfffffffe_00000001n;
  const C = 0x7fffffff_80000000n;
  /** Local 0 (i32) holds a selector read from memory, so nothing folds. */
  const selector = (k: number): WasmInstr[] => [I('i32.const', INPUT_BASE + 4 * k), I('i32.load', 0, { align: 2 }), I('local.set', 0)];
  const sel = [0, 1, 2, 3, 7];
  const data = [{ offset: INPUT_BASE, bytes: new Uint8Array(new Uint32Array(sel).buffer) }];

  it('blocks, ifs and loops yielding i64, with br, br_if and br_table carrying i64 values', async () => {
    const body: WasmInstr[] = [];
    const cases: Case[] = [];
    const st = () => [I('i64.store', 0, { align: 3 })];
    sel.forEach((s, k) => {
      body.push(...selector(k));
      // block (result i64): br_if carries A out when the selector is nonzero, else B + 1.
      let i = cases.length;
      body.push(...resultAddress(i), block('block', 'i64'), c64(A), I('local.get', 0), I('br_if', 0), c64(B), I('i64.add'), c64(1n), I('i64.add'), I('end'), ...st());
      cases.push({ label: `br_if sel=${s}`, expected: s ? A : expectI64('i64.add', A + B, 1n) });
      // if/else (result i64) with a nested block left by br 1 (to the if's end) from inside.
      i = cases.length;
      body.push(...resultAddress(i), I('local.get', 0), block('if', 'i64'));
      body.push(block('block', null), c64(C), I('local.get', 0), I('i32.const', 1), I('i32.gt_u'), I('br_if', 1), I('drop'), I('end'), c64(A));
      body.push(I('else'), c64(B), I('end'), ...st());
      cases.push({ label: `if/else sel=${s}`, expected: s === 0 ? B : s > 1 ? C : A });
      // br_table over three i64 blocks: the value is tagged by which block it left.
      i = cases.length;
      body.push(...resultAddress(i), block('block', 'i64'), block('block', 'i64'), block('block', 'i64'));
      body.push(c64(A), I('local.get', 0), I('br_table', 2, { targets: [0, 1, 2] }), I('end'), c64(1n), I('i64.add'), I('end'), c64(2n), I('i64.add'), I('end'), ...st());
      cases.push({ label: `br_table sel=${s}`, expected: s === 0 ? A + 3n : s === 1 ? A + 2n : A });
      // loop (result i64): Fibonacci in i64 (carries into the high word), the loop yields F(60 + s).
      i = cases.length;
      body.push(c64(0n), I('local.set', 1), c64(1n), I('local.set', 2), I('i32.const', 60), I('local.get', 0), I('i32.add'), I('local.set', 3));
      body.push(...resultAddress(i), block('loop', 'i64'));
      body.push(I('local.get', 1), I('local.get', 2), I('local.tee', 1), I('i64.add'), I('local.set', 2));
      body.push(I('local.get', 3), I('i32.const', 1), I('i32.sub'), I('local.tee', 3), I('br_if', 0), I('local.get', 1), I('end'), ...st());
      let [f0, f1] = [0n, 1n];
      for (let n = 0; n < 60 + s; n++) [f0, f1] = [f1, f0 + f1];
      cases.push({ label: `loop fib sel=${s}`, expected: f0 });
    });
    await check([{ name: 'compute', locals: ['i32', 'i64', 'i64', 'i32'], body }], cases, data);
  });

  it('select (typed and untyped), drop, tee, and i64 values beneath i32 blocks and calls', async () => {
    const body: WasmInstr[] = [];
    const cases: Case[] = [];
    sel.forEach((s, k) => {
      body.push(...selector(k));
      let i = cases.length;
      body.push(...resultAddress(i), c64(A), I('i32.const', INPUT_BASE + 8), I('i64.load', 0, { align: 0 }), I('local.get', 0), I('select'), I('i64.store', 0, { align: 3 }));
      cases.push({ label: `select sel=${s}`, expected: s ? A : new DataView(data[0].bytes.buffer).getBigUint64(8, true) });
      i = cases.length;
      body.push(...resultAddress(i), I('i32.const', INPUT_BASE), I('i64.load', 0, { align: 0 }), I('local.tee', 1), c64(B), I('local.get', 0), I('i32.eqz'), I('select', 0, { selectTypes: ['i64'] }));
      body.push(I('local.get', 1), I('drop'), I('i64.store', 0, { align: 3 }));
      cases.push({ label: `typed select sel=${s}`, expected: s ? B : new DataView(data[0].bytes.buffer).getBigUint64(0, true) });
      // An i64 stays beneath an i32 block and a call (helper: x ↦ 2x + 1 computed through i64).
      i = cases.length;
      body.push(...resultAddress(i), c64(C), block('block', 'i32'), I('local.get', 0), I('end'), I('call', 2), I('i64.extend_i32_u'), I('i64.add'), I('i64.store', 0, { align: 3 }));
      cases.push({ label: `beneath block and call sel=${s}`, expected: C + BigInt(2 * s + 1) });
    });
    const helper: I64Function = {
      name: 'twice_plus_one',
      params: ['i32'],
      results: ['i32'],
      locals: ['i64'],
      body: [I('local.get', 0), I('i64.extend_i32_u'), I('local.tee', 1), I('local.get', 1), I('i64.add'), c64(1n), I('i64.add'), I('i32.wrap_i64')],
    };
    await check([{ name: 'compute', locals: ['i32', 'i64'], body }, helper], cases, data);
  });

  it('drops code after br, return and unreachable (polymorphic stack), including nested blocks and else arms', async () => {
    const body: WasmInstr[] = [
      ...resultAddress(0),
      block('block', 'i64'),
      c64(A),
      I('br', 0),
      I('i64.add'),
      block('block', 'i64'),
      c64(5n),
      c64(6n),
      I('i64.mul'),
      I('end'),
      I('i64.sub'),
      I('end'),
      I('i64.store', 0, { align: 3 }),
      ...resultAddress(1),
      I('i32.const', 1),
      block('if', 'i64'),
      c64(B),
      I('br', 0),
      I('select'),
      I('else'),
      I('unreachable'),
      I('i64.shl'),
      I('i32.const', 0),
      block('if', null),
      I('else'),
      I('end'),
      I('end'),
      I('i64.store', 0, { align: 3 }),
      ...resultAddress(2),
      c64(C),
      I('i64.store', 0, { align: 3 }),
      I('return'),
      I('i64.sub'),
      I('i64.store', 0, { align: 3 }),
    ];
    await check([{ name: 'compute', body }], [
      { label: 'after br', expected: A },
      { label: 'after br in an if arm', expected: B },
      { label: 'before return', expected: C },
    ]);
  });
});

describe('i64 pairs: the pass itself', () => {
  it('has an expansion for every op the validator lets through', () => {
    expect([...I64_PAIR_OPS].filter((op) => !PAIR_EXPANSIONS.has(op) && !/^i64\.store\d*$/.test(op) && op !== 'i64.const')).toEqual([]);
  });

  it('leaves functions without i64 unchanged and returns the module itself when none has any', () => {
    const narrow: I64Function = { name: 'compute', locals: ['i32'], body: [I('i32.const', 5), I('local.set', 0)] };
    const plain = i64Module([narrow]);
    expect(lowerI64ToPairs(plain)).toBe(plain);
    const mixed = i64Module([narrow, { name: 'wide', locals: ['i64'], body: [c64(1n), I('local.set', 0)] }]);
    const out = lowerI64ToPairs(mixed);
    expect(out.functions[0]).toBe(mixed.functions[0]);
    expect(out.functions[1].locals).toEqual(['i32', 'i32']);
  });

  it('refuses what it cannot split, naming the function', () => {
    const refusal = (fn: I64Function): string => {
      try {
        lowerI64ToPairs(i64Module([fn]));
      } catch (e) {
        expect(e).toBeInstanceOf(StageError);
        return (e as StageError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal({ name: 'compute', locals: ['i64'], body: [I('local.get', 0), I('local.get', 0), I('i64.mul'), I('drop')] })).toBe(
      "in function 'compute': 64-bit integer operation i64.mul — of long long and int64_t arithmetic only copies, +, -, &, |, ^, comparisons and shifts by a constant are supported",
    );
    expect(refusal({ name: 'compute', locals: ['i64', 'i64'], body: [I('local.get', 0), I('local.get', 1), I('i64.shl'), I('drop')] })).toMatch(/shift by a variable amount \(i64\.shl\)/);
    expect(refusal({ name: 'compute', params: ['i64'], body: [] })).toMatch(/^in function 'compute': parameter 0 of type i64/);
    expect(refusal({ name: 'compute', locals: Array(40).fill('i64'), body: [c64(1n), I('local.set', 39)] })).toMatch(
      /^in function 'compute': with its 64-bit values split into 32-bit words it needs 80 locals \(40 for high words, 0 temporaries\)/,
    );
  });
});
