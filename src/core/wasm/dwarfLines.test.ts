import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModule } from './decode.ts';
import { createLineTable, parseDebugLine } from './dwarfLines.ts';
import { buildModule, section, str } from './testing/moduleBuilder.ts';

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${file}`, import.meta.url)));
const oracle = (name: string): [number, string][] => JSON.parse(new TextDecoder().decode(read(`${name}.lines.json`)));

/** lineAt for every instruction, formatted as llvm-addr2line prints it (`??:0:0` / `file:0:col` for no line). */
function compareWithAddr2line(name: string): void {
  const m = decodeModule(read(`${name}.wasm`));
  const expected = oracle(name);
  const positions = m.functions.flatMap((f) => f.body.map((i) => i.pos!));
  expect(positions).toEqual(expected.map(([p]) => p));
  let located = 0;
  for (const [pos, want] of expected) {
    const got = m.lineAt!(pos);
    const wantLine = Number(want.split(':').at(-2));
    if (wantLine === 0) {
      if (got !== undefined) throw new Error(`${name} @${pos}: addr2line has no line (${want}) but lineAt gave ${JSON.stringify(got)}`);
      continue;
    }
    const text = got ? `${got.file}:${got.line}:${got.column}` : 'undefined';
    if (text !== want) throw new Error(`${name} @${pos}: addr2line says ${want}, lineAt says ${text}`);
    located++;
  }
  expect(located).toBeGreaterThan(expected.length / 2);
}

describe('DWARF line tables', () => {
  it('agree with llvm-addr2line on every instruction (DWARF v4, the big fixture)', () => compareWithAddr2line('features'));
  it('agree with llvm-addr2line on every instruction (DWARF v4, unsupported.c)', () => compareWithAddr2line('unsupported'));
  it('agree with llvm-addr2line on every instruction (DWARF v5)', () => compareWithAddr2line('hello_dwarf5'));

  it('give the same answers for the same source in DWARF v4 and v5', () => {
    const v4 = decodeModule(read('hello.wasm'));
    const v5 = decodeModule(read('hello_dwarf5.wasm'));
    const lines = (m: typeof v4) => m.functions.flatMap((f) => f.body.map((i) => m.lineAt!(i.pos!)));
    expect(lines(v5)).toEqual(lines(v4));
    // hello.c line 11 is `putchar('\n');` — the last call of compute.
    const compute = v4.functions.find((f) => f.name === 'compute')!;
    const lastCall = compute.body.filter((i) => i.op === 'call').at(-1)!;
    expect(v4.lineAt!(lastCall.pos!)).toEqual({ file: 'hello.c', line: 11, column: 3 });
  });

  it('return undefined outside the code section and without debug info', () => {
    const m = decodeModule(read('hello.wasm'));
    expect(m.lineAt!(0)).toBeUndefined();
    expect(m.lineAt!(10 ** 9)).toBeUndefined();
    expect(m.lineAt!(Number.NaN)).toBeUndefined();
    expect(decodeModule(buildModule({ functions: [{ code: [] }] })).lineAt).toBeUndefined();
  });

  it('never throw for garbage or truncated .debug_line', () => {
    const junk = buildModule({
      functions: [{ code: [0x01, 0x01, 0x01] }],
      extraSections: [section(0, [...str('.debug_line'), 0x30, 0, 0, 0, 4, 0, 0xff, 0xff, 0xff, 0xff, 1, 2, 3])],
    });
    const m = decodeModule(junk);
    for (const i of m.functions[0].body) expect(m.lineAt!(i.pos!)).toBeUndefined();

    // Every truncation of the real line table parses to something without throwing.
    const real = decodeModule(read('features.wasm'));
    const sections = extractDebugSections(read('features.wasm'));
    const line = sections.get('.debug_line')!;
    for (let cut = 0; cut < line.length; cut += Math.max(1, Math.floor(line.length / 300))) {
      const lookup = createLineTable(new Map([...sections, ['.debug_line', line.subarray(0, cut)]]), 0);
      for (const f of real.functions.slice(0, 3)) for (const i of f.body) lookup(i.pos!);
    }
  });

  it('parses sequences covering the code of every function', () => {
    const sections = extractDebugSections(read('features.wasm'));
    const seqs = parseDebugLine(sections);
    expect(seqs.length).toBeGreaterThan(0);
    for (let k = 1; k < seqs.length; k++) expect(seqs[k].start).toBeGreaterThanOrEqual(seqs[k - 1].end);
  });
});

/** The `.debug_*` custom sections of a module, read independently of the decoder. */
function extractDebugSections(bytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let p = 8;
  const leb = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = leb();
    const end = p + size;
    if (id === 0) {
      const n = leb();
      const name = new TextDecoder().decode(bytes.subarray(p, p + n));
      p += n;
      if (name.startsWith('.debug_')) out.set(name, bytes.subarray(p, end));
    }
    p = end;
  }
  return out;
}
