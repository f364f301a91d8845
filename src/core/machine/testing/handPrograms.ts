import { assembleProgram } from '../../program/assemble.ts';
import type { Program } from '../../program/program.ts';
import { irModule, type IrFunctionSpec } from '../../program/testing/irModule.ts';

/**
 * Small programs written directly in machine ops (no clang, no lowering) that exercise every
 * part of the machine: arithmetic with carries and borrows, all comparisons, memory of every
 * width and sign, locals, select, calls, recursion, loops and output. Function 0 is the
 * `output_byte` import, so `['call', 0]` is the `output` instruction.
 */
export interface HandProgram {
  name: string;
  program: Program;
  input: Uint8Array | null;
}

type Body = IrFunctionSpec['body'];
const OUT: [string, number] = ['call', 0];
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const EDGE_VALUES = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 12345678];

function binaryOps(ops: string[], pairs: [number, number][]): Body {
  const body: Body = [];
  for (const op of ops) {
    for (const [a, b] of pairs) body.push(['i32.const', a], ['i32.const', b], op, OUT);
  }
  return body;
}

const pairs: [number, number][] = [];
for (let i = 0; i < EDGE_VALUES.length; i += 1) {
  for (let j = 0; j < EDGE_VALUES.length; j += 3) pairs.push([EDGE_VALUES[i], EDGE_VALUES[j]]);
}

function make(name: string, fns: IrFunctionSpec[], input: string | null = null, data?: { offset: number; bytes: Uint8Array }[]): HandProgram {
  return { name, program: assembleProgram(irModule(fns, { data })), input: input === null ? null : enc(input) };
}

export function handPrograms(): HandProgram[] {
  return [
    make('echo_and_call', [
      {
        name: 'compute', params: 1, locals: 1,
        body: [
          'block', 'loop',
          ['local.get', 0], ['i32.load8_u', 0], ['local.tee', 1], 'i32.eqz', ['br_if', 1],
          ['local.get', 1], OUT,
          ['local.get', 0], ['i32.const', 1], 'i32.add', ['local.set', 0],
          ['br', 0], 'end', 'end',
          ['i32.const', 48], ['i32.const', 3], ['call', 2], 'i32.add', OUT,
        ],
      },
      { name: 'twice', params: 1, results: 1, body: [['local.get', 0], ['local.get', 0], 'i32.add', 'return'] },
    ], 'Hello, {machine}!'),

    make('empty_input', [
      { name: 'compute', params: 1, body: [['local.get', 0], ['i32.load8_u', 0], ['i32.const', 65], 'i32.add', OUT, ['local.get', 0], ['i32.load', 0], OUT] },
    ], ''),

    make('add_sub', [{ name: 'compute', body: binaryOps(['i32.add', 'i32.sub'], pairs) }]),

    make('compare', [
      {
        name: 'compute',
        body: [
          ...binaryOps(['i32.eq', 'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u'], pairs),
          ...EDGE_VALUES.flatMap((v): Body => [['i32.const', v], 'i32.eqz', OUT]),
        ],
      },
    ]),

    make('memory', [
      {
        name: 'compute', locals: 1,
        body: [
          // 32-, 16- and 8-bit stores at small and large addresses, with offsets.
          ['i32.const', 1000], ['i32.const', 0x80ff7f01], ['i32.store', 0],
          ['i32.const', 996], ['i32.const', 0xbeef], ['i32.store16', 6],
          ['i32.const', 10485000], ['i32.const', 0x1ff], ['i32.store8', 7],
          ['i32.const', 10485000], ['i32.const', 0xfedcba98], ['i32.store', 100],
          // Loads of every width and sign, including unwritten bytes.
          ...[0, 1, 2, 3, 4, 5].flatMap((o): Body => [
            ['i32.const', 999], ['i32.load8_s', o], 'drop',
            ['i32.const', 999], ['i32.load8_u', o], 'drop',
            ['i32.const', 999], ['i32.load16_s', o], 'drop',
            ['i32.const', 999], ['i32.load16_u', o], 'drop',
            ['i32.const', 999], ['i32.load', o], 'drop',
          ]),
          ['i32.const', 10485007], ['i32.load', 0], OUT,
          ['i32.const', 10485100], ['i32.load16_s', 2], OUT,
          ['i32.const', 10485100], ['i32.load8_s', 3], OUT,
          ['i32.const', 5000], ['i32.load', 0], OUT,
          // Overwrite and re-read; a value kept on the stack across a store.
          ['i32.const', 1001], ['i32.const', 0x41], ['i32.store8', 0],
          ['i32.const', 1000], ['i32.load', 0], ['local.tee', 0], OUT,
          ['local.get', 0], ['i32.const', 1002], ['i32.const', 0x4243], ['i32.store16', 0],
          ['i32.const', 1000], ['i32.load', 0], 'i32.sub', OUT,
        ],
      },
    ], null, [{ offset: 2000, bytes: Uint8Array.from([0x80, 0x01, 0xff, 0x7f]) }]),

    make('select_drop_tee', [
      {
        name: 'compute', locals: 3,
        body: [
          ['i32.const', 0x61], ['i32.const', 0x62], ['i32.const', 0], 'select', OUT,
          ['i32.const', 0x61], ['i32.const', 0x62], ['i32.const', 7], 'select', OUT,
          ['i32.const', 0x63], ['i32.const', 0x64], ['i32.const', 0x80000000], 'select', ['local.tee', 2], OUT,
          ['i32.const', 1], ['i32.const', 2], 'drop', ['local.set', 1],
          ['local.get', 1], ['local.get', 2], 'i32.add', OUT,
        ],
      },
    ]),

    make('output_keeps_stack', [
      // A value held on the operand stack across an `output`: the machine must pop the printed one.
      { name: 'compute', body: [['i32.const', 0x30], ['i32.const', 0x41], OUT, ['i32.const', 1], 'i32.add', OUT] },
    ]),

    make('loop_countdown', [
      {
        name: 'compute', locals: 2,
        body: [
          ['i32.const', 300], ['local.set', 0],
          'block', 'loop',
          ['local.get', 0], 'i32.eqz', ['br_if', 1],
          ['local.get', 1], ['local.get', 0], 'i32.add', ['local.set', 1],
          ['local.get', 0], ['i32.const', 1], 'i32.sub', ['local.set', 0],
          ['br', 0], 'end', 'end',
          ['local.get', 1], OUT, // 45150 = 0xb05e → '^'
        ],
      },
    ]),

    make('recursive_fib', [
      { name: 'compute', body: [['i32.const', 12], ['call', 2], OUT] }, // fib(12) = 144
      {
        name: 'fib', params: 1, results: 1,
        body: [
          ['local.get', 0], ['i32.const', 2], 'i32.lt_u',
          'if', ['local.get', 0], 'return', 'end',
          ['local.get', 0], ['i32.const', 1], 'i32.sub', ['call', 2],
          ['local.get', 0], ['i32.const', 2], 'i32.sub', ['call', 2],
          'i32.add',
        ],
      },
    ]),

    make('many_locals_nested_calls', [
      {
        name: 'compute', locals: 40,
        body: [
          ...Array.from({ length: 40 }, (_, i): Body => [['i32.const', 0x1000 + i * 77], ['local.set', i]]).flat(),
          ['i32.const', 5], ['call', 2], OUT,
          ...Array.from({ length: 40 }, (_, i): Body => [['local.get', i], OUT]).flat(),
        ],
      },
      {
        name: 'deep', params: 1, results: 1, locals: 50,
        body: [
          ...Array.from({ length: 50 }, (_, i): Body => [['local.get', 0], ['i32.const', i], 'i32.add', ['local.set', i + 1]]).flat(),
          ['local.get', 0],
          'if',
          ['local.get', 0], ['i32.const', 1], 'i32.sub', ['call', 2], 'drop',
          'end',
          ['local.get', 50], ['local.get', 1], 'i32.sub', ['local.get', 0], 'i32.add',
        ],
      },
    ]),
  ];
}
