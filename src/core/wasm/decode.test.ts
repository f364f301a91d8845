import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StageError } from '../errors.ts';
import { decodeModule, MAX_DECODED_LOCALS, MAX_DECODED_LOCALS_TOTAL } from './decode.ts';
import { OPCODES } from './opcodeTable.ts';
import { buildModule, HEADER, minimalProgram, section, sleb, str, T, uleb, vec } from './testing/moduleBuilder.ts';

const fixture = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(new URL(`./fixtures/${name}.wasm`, import.meta.url)));

/** Expects a decode StageError whose message contains `fragment` and names a byte offset. */
function expectDecodeError(bytes: Uint8Array | number[], fragment: string | RegExp, offset?: number): StageError {
  let caught: unknown;
  try {
    decodeModule(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof StageError)) throw new Error(`expected a StageError containing ${fragment}, got ${String(caught)}`);
  expect(caught.stage).toBe('decode');
  expect(caught.message).toMatch(fragment);
  expect(caught.message).toMatch(/at byte offset \d+/);
  if (offset !== undefined) expect(caught.message).toContain(`at byte offset ${offset})`);
  return caught;
}

const BYTE_OF_OP = new Map<string, number>();
OPCODES.forEach((info, code) => {
  if (info && !BYTE_OF_OP.has(info.name)) BYTE_OF_OP.set(info.name, code);
});

describe('decodeModule on clang output', () => {
  it('decodes hello: imports, names, exports, body', () => {
    const m = decodeModule(fixture('hello'));
    expect(m.imports).toEqual([{ module: 'env', name: 'output_byte', kind: 'func', typeIndex: 0, functionName: 'putchar' }]);
    expect(m.importedFunctionCount).toBe(1);
    expect(m.functions.map((f) => f.name)).toEqual(['__wasm_call_ctors', 'compute']);
    const compute = m.functions[1];
    expect(compute.index).toBe(2);
    expect(compute.type).toEqual({ params: ['i32'], results: [] });
    expect(m.exports).toContainEqual({ name: 'compute', kind: 'func', index: 2 });
    expect(m.globals[0]).toMatchObject({ type: 'i32', mutable: true, name: '__stack_pointer' });
    expect(m.memoryPages).toBeGreaterThan(0);
    expect(m.customSections).toEqual(expect.arrayContaining(['name', '.debug_line', '.debug_info']));
    // "Hello, " is unrolled into constant calls: 'H' = 72 is pushed and output first.
    expect(compute.body.slice(0, 2)).toMatchObject([{ op: 'i32.const', imm: 72 }, { op: 'call', imm: 0 }]);
    expect(compute.body.at(-1)?.op).toBe('end');
  });

  it('gives every instruction the module offset of its opcode byte', () => {
    for (const name of ['hello', 'features', 'unsupported', 'postmvp', 'simd', 'atomics']) {
      const bytes = fixture(name);
      const m = decodeModule(bytes);
      let last = -1;
      for (const f of m.functions) {
        for (const ins of f.body) {
          expect(ins.pos, `${name} ${f.name} ${ins.op}`).toBeGreaterThan(last);
          last = ins.pos!;
          const single = BYTE_OF_OP.get(ins.op);
          const prefix = bytes[ins.pos!];
          if (prefix === 0xfc || prefix === 0xfd || prefix === 0xfe) continue;
          if (single !== undefined && ins.op !== 'select') {
            expect(prefix, `${name} ${f.name} ${ins.op} at ${ins.pos}`).toBe(single);
          }
        }
      }
    }
  });

  it('names post-MVP, SIMD and atomic instructions', () => {
    const ops = (name: string): Set<string> => new Set(decodeModule(fixture(name)).functions.flatMap((f) => f.body.map((i) => i.op)));
    expect([...ops('postmvp')]).toEqual(expect.arrayContaining(['memory.copy', 'memory.fill', 'i32.extend8_s', 'i32.trunc_sat_f32_s']));
    expect([...ops('simd')]).toEqual(expect.arrayContaining(['v128.load', 'i32x4.add', 'i32x4.extract_lane']));
    expect([...ops('atomics')]).toEqual(
      expect.arrayContaining(['i32.atomic.rmw.add', 'i32.atomic.rmw.cmpxchg', 'memory.atomic.notify', 'memory.atomic.wait32', 'memory.init', 'data.drop']),
    );
    expect([...ops('unsupported')]).toEqual(expect.arrayContaining(['f64.mul', 'i64.mul', 'call_indirect', 'memory.grow', 'memory.size']));
    expect([...ops('switch_table')]).toContain('br_table');
  });

  it('keeps literals of constants the machine cannot hold', () => {
    const m = decodeModule(fixture('unsupported'));
    const area = m.functions.find((f) => f.name === 'area')!;
    expect(area.body.find((i) => i.op === 'f64.const')?.literal).toBe('3.25');
    const wide = m.functions.find((f) => f.name === 'wide')!;
    expect(wide.body.find((i) => i.op === 'i64.const')?.literal).toBe('7');
  });

  it('decodes the multi-value signature, passive data, memory import and start function', () => {
    const mv = decodeModule(fixture('multivalue'));
    expect(mv.functions.find((f) => f.name === 'divmod')?.type.results).toEqual(['i32', 'i32']);
    const at = decodeModule(fixture('atomics'));
    expect(at.data[0].mode).toBe('passive');
    expect(at.imports).toContainEqual({ module: 'env', name: 'memory', kind: 'memory' });
    expect(at.start).toBe(at.functions.find((f) => f.name === '__wasm_init_memory')?.index);
  });

  it('decodes br_table targets and memargs', () => {
    const m = decodeModule(fixture('switch_table'));
    const bt = m.functions.flatMap((f) => f.body).find((i) => i.op === 'br_table')!;
    expect(bt.targets!.length).toBeGreaterThanOrEqual(7);
    const load = m.functions.flatMap((f) => f.body).find((i) => i.op === 'i32.load')!;
    expect(load.align).toBe(2);
  });

  it('decodes every fixture V8 accepts', () => {
    for (const name of ['hello', 'features', 'unsupported', 'postmvp', 'simd', 'atomics', 'multivalue', 'switch_table', 'struct_copy']) {
      expect(WebAssembly.validate(fixture(name)), name).toBe(true);
      expect(() => decodeModule(fixture(name)), name).not.toThrow();
    }
  });
});

describe('decodeModule on built modules', () => {
  it('reads constants at the edges of the LEB encodings', () => {
    const consts = [0, 1, -1, 63, 64, -64, -65, 2147483647, -2147483648, 0x12345678];
    const code = consts.flatMap((c) => [0x41, ...sleb(c), 0x1a]);
    const m = decodeModule(minimalProgram(code));
    const got = m.functions[0].body.filter((i) => i.op === 'i32.const').map((i) => i.imm);
    expect(got).toEqual(consts.map((c) => c >>> 0));
  });

  it('accepts padded (non-minimal) LEBs up to 5 bytes', () => {
    // i32.const 5 written as 5 bytes; local.get 0 as 5 bytes.
    const m = decodeModule(
      buildModule({ functions: [{ params: [T.i32], code: [0x41, 0x85, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x20, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a] }] }),
    );
    expect(m.functions[0].body.map((i) => [i.op, i.imm])).toEqual([['i32.const', 5], ['drop', 0], ['local.get', 0], ['drop', 0], ['end', 0]]);
  });

  it('refuses over-long and overflowing LEBs', () => {
    expectDecodeError(minimalProgram([0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a]), /over-long LEB128/);
    expectDecodeError(minimalProgram([0x41, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a]), /does not fit in 32 bits/);
    expectDecodeError(
      buildModule({ functions: [{ params: [T.i32], code: [0x20, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a] }] }),
      /does not fit in 32 bits/,
    );
    // A section size LEB of 6 bytes.
    expectDecodeError([...HEADER, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], /over-long LEB128/, 9);
  });

  it('refuses bad magic, bad version and truncated headers', () => {
    expectDecodeError([0x00, 0x61, 0x73], /only 3 bytes/, 0);
    expectDecodeError([0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0], /bad magic/, 0);
    expectDecodeError([0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0], /version 2/, 4);
  });

  it('refuses sections that run past the end, unknown ids, and bad order', () => {
    expectDecodeError([...HEADER, 0x01, 0x10, 0x00], /type section declares 16 bytes but only 1 remain/, 8);
    expectDecodeError([...HEADER, 0x20, 0x00], /unknown section id 32/, 8);
    expectDecodeError([...HEADER, ...section(3, [0]), ...section(1, [0])], /type section is out of order/, 11);
    expectDecodeError([...HEADER, ...section(1, [0]), ...section(1, [0])], /out of order or repeated/);
    expectDecodeError([...HEADER, ...section(1, [0, 0x99])], /1 unread bytes/);
  });

  it('refuses absurd counts without allocating', () => {
    expectDecodeError([...HEADER, ...section(1, [0xff, 0xff, 0xff, 0xff, 0x0f])], /type count 4294967295 exceeds/);
    expectDecodeError(minimalProgram([0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]), /br_table target count/);
    const hugeLocals = buildModule({ functions: [{ locals: [[0xffffffff, T.i32]], code: [] }] });
    expectDecodeError(hugeLocals, new RegExp(`more than ${MAX_DECODED_LOCALS} locals`));
    // Many small functions that each stay under the per-function limit.
    const manyFunctions = buildModule({ functions: Array.from({ length: 30 }, () => ({ locals: [[40_000, T.i32]] as [number, number][], code: [] })) });
    expectDecodeError(manyFunctions, new RegExp(`more than ${MAX_DECODED_LOCALS_TOTAL} locals in total`));
  });

  it('refuses a body without its final end, and bytes after it', () => {
    const noEnd = [...HEADER, ...section(1, vec([[0x60, 0, 0]])), ...section(3, vec([[0]])), ...section(10, vec([[2, 0, 0x01]]))];
    expectDecodeError(noEnd, /ends without its final 'end'/);
    const trailing = [...HEADER, ...section(1, vec([[0x60, 0, 0]])), ...section(3, vec([[0]])), ...section(10, vec([[3, 0, 0x0b, 0x01]]))];
    expectDecodeError(trailing, /1 bytes follow the body's final 'end'/);
  });

  it('refuses unknown opcodes with their offset', () => {
    const bytes = minimalProgram([0x41, 0x01, 0xff]);
    const err = expectDecodeError(bytes, /unknown opcode 0xff/);
    const offset = Number(/at byte offset (\d+)/.exec(err.message)![1]);
    expect(bytes[offset]).toBe(0xff);
    expectDecodeError(minimalProgram([0xfc, 0x40]), /unknown bulk-memory\/saturating opcode 0xfc 0x40/);
    expectDecodeError(minimalProgram([0xfd, 0xff, 0x03]), /unknown SIMD opcode/);
  });

  it('refuses bad indices and branch depths', () => {
    expectDecodeError(minimalProgram([0x10, 0x05]), /function index 5 is out of range/);
    expectDecodeError(minimalProgram([0x20, 0x00, 0x1a]), /local index 0 is out of range/);
    expectDecodeError(minimalProgram([0x23, 0x00, 0x1a]), /global index 0 is out of range/);
    expectDecodeError(minimalProgram([0x0c, 0x01]), /branch depth 1 exceeds/);
    expectDecodeError(minimalProgram([0x02, 0x05, 0x0b]), /block type index 5 is out of range/);
    expectDecodeError(minimalProgram([0x05]), /'else' without a matching 'if'/);
  });

  it('refuses invalid UTF-8 in names', () => {
    const badExport = buildModule({ functions: [{ code: [], export: 'ok' }] });
    const at = findBytes(badExport, [0x02, 0x6f, 0x6b]);
    badExport[at + 1] = 0xc3;
    badExport[at + 2] = 0x28;
    expectDecodeError(badExport, /export name is not valid UTF-8/);
    expectDecodeError([...HEADER, 0x00, 0x03, 0x02, 0xff, 0xfe], /custom section name is not valid UTF-8/);
  });

  it('decodes multibyte UTF-8 names', () => {
    const m = decodeModule(buildModule({ functions: [{ code: [], export: 'größe→∑' }] }));
    expect(m.exports[0].name).toBe('größe→∑');
  });

  it('ignores a malformed name section', () => {
    const m = decodeModule(buildModule({ functions: [{ code: [] }], extraSections: [section(0, [...str('name'), 0x01, 0x7f, 0x01])] }));
    expect(m.functions[0].name).toBe('func0');
  });

  it('decodes typed select, i64/f32/f64 constants and data segments', () => {
    const f32 = [0x43, 0x00, 0x00, 0xc0, 0x3f]; // 1.5
    const f64 = [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0xbf]; // -1
    const i64 = [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]; // INT64_MIN
    const m = decodeModule(
      buildModule({
        memory: 1,
        functions: [{ code: [...f32, 0x1a, ...f64, 0x1a, ...i64, 0x1a, 0x41, 1, 0x41, 2, 0x41, 0, 0x1c, 0x01, T.i32, 0x1a] }],
        data: [[0x00, 0x41, ...uleb(1024), 0x0b, ...str('hi')], [0x01, ...str('p')], [0x02, 0x00, 0x23, 0x00, 0x0b, ...str('g')]],
        globals: [{ type: T.i32, init: [0x41, 0x05] }],
      }),
    );
    const body = m.functions[0].body;
    expect(body.filter((i) => i.literal !== undefined).map((i) => [i.op, i.literal])).toEqual([
      ['f32.const', '1.5'],
      ['f64.const', '-1'],
      ['i64.const', '-9223372036854775808'],
    ]);
    expect(body.find((i) => i.selectTypes)?.selectTypes).toEqual(['i32']);
    expect(m.data.map((d) => [d.mode, d.offset, new TextDecoder().decode(d.bytes), d.offsetExpr])).toEqual([
      ['active', 1024, 'hi', undefined],
      ['passive', 0, 'p', undefined],
      ['active', 0, 'g', 'global.get 0'],
    ]);
    expect(m.globals[0].init).toBe(5);
  });
});

function findBytes(hay: Uint8Array, needle: number[]): number {
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((b, k) => hay[i + k] === b)) return i;
  throw new Error('needle not found');
}
