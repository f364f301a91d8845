/**
 * Robustness of the decoder (and of everything that runs on what it returns): thousands of mutated
 * modules must each either decode or be refused with StageError('decode') — never another
 * exception, never unbounded work. V8 serves as an oracle: a mutant V8 accepts must decode here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StageError } from '../errors.ts';
import { decodeModule, MAX_DECODED_LOCALS } from './decode.ts';
import { findMachineIssues } from './validate.ts';
import { minimalProgram } from './testing/moduleBuilder.ts';
import { seededRandom } from '../testing/seededRandom.ts';

const MUTANTS = process.env.SLOW ? 60_000 : 6_000;
const SEED = 0x5eed;

const rng = seededRandom;

interface LebSite {
  pos: number;
  /** Size fields that enclose the site (innermost first), to keep the module consistent after a resize. */
  enclosing: number[];
}

interface Seed {
  name: string;
  bytes: Uint8Array;
  /** Byte ranges worth mutating: non-custom sections, `name` and `.debug_line`. */
  ranges: [number, number][];
  lebs: LebSite[];
}

function readLeb(b: Uint8Array, p: number): { value: number; len: number } {
  let value = 0;
  for (let i = 0; i < 10 && p + i < b.length; i++) {
    value += (b[p + i] & 0x7f) * 2 ** (7 * i);
    if (b[p + i] < 0x80) return { value, len: i + 1 };
  }
  return { value, len: -1 };
}

function encodeLeb(value: number, width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const b = value % 128;
    value = Math.floor(value / 128);
    out.push(i < width - 1 ? b | 0x80 : b);
  }
  return out;
}

function minWidth(value: number): number {
  let w = 1;
  while (value >= 128 ** w) w++;
  return w;
}

/** Finds sections, bodies and instruction immediates of a valid seed. */
function analyse(name: string, bytes: Uint8Array): Seed {
  const ranges: [number, number][] = [];
  const lebs: LebSite[] = [];
  const sectionSizeAt = new Map<number, number>(); // payload start → size field position
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p];
    const sizePos = p + 1;
    const { value, len } = readLeb(bytes, sizePos);
    const start = sizePos + len;
    const end = start + value;
    lebs.push({ pos: sizePos, enclosing: [] });
    sectionSizeAt.set(start, sizePos);
    if (id !== 0) ranges.push([p, end]);
    else {
      const n = readLeb(bytes, start);
      const secName = new TextDecoder().decode(bytes.subarray(start + n.len, start + n.len + n.value));
      if (secName === 'name' || secName === '.debug_line') ranges.push([p, end]);
    }
    p = end;
  }
  const m = decodeModule(bytes);
  const codeSizePos = [...sectionSizeAt.entries()].find(([start]) => start <= (m.functions[0]?.pos ?? -1) && (m.functions[0]?.pos ?? 0) - start < 6)?.[1];
  for (const f of m.functions) {
    const bodySizePos = f.pos!;
    const enclosing = codeSizePos !== undefined ? [bodySizePos, codeSizePos] : [bodySizePos];
    lebs.push({ pos: bodySizePos, enclosing: codeSizePos !== undefined ? [codeSizePos] : [] });
    for (const ins of f.body) {
      if (/^(i32\.const|local\.|global\.|call$|br$|br_if$)/.test(ins.op) || /\.(load|store)/.test(ins.op)) {
        if (bytes[ins.pos!] < 0xfc) lebs.push({ pos: ins.pos! + 1, enclosing });
      }
    }
  }
  return { name, bytes, ranges, lebs };
}

function loadSeeds(): Seed[] {
  const dir = new URL('./fixtures', import.meta.url);
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith('.wasm'))
    .sort()
    .map((f) => analyse(f, new Uint8Array(readFileSync(new URL(f, dir)))));
  seeds.push(analyse('built-minimal', minimalProgram()));
  return seeds;
}

/** Rewrites the LEB at `pos` to `value` in exactly `width` bytes; fixes enclosing sizes when they can keep their width. */
function rewriteLeb(bytes: Uint8Array, site: LebSite, value: number, width: number): Uint8Array {
  const old = readLeb(bytes, site.pos);
  if (old.len < 0) return bytes;
  const delta = width - old.len;
  const out = new Uint8Array(bytes.length + delta);
  out.set(bytes.subarray(0, site.pos));
  out.set(encodeLeb(value, width), site.pos);
  out.set(bytes.subarray(site.pos + old.len), site.pos + width);
  for (const sizePos of site.enclosing) {
    const at = sizePos < site.pos ? sizePos : sizePos + delta;
    const size = readLeb(out, at);
    if (size.len < 0) break;
    const newSize = size.value + delta;
    if (newSize < 0 || minWidth(newSize) > size.len) break;
    out.set(encodeLeb(newSize, size.len), at);
  }
  return out;
}

type Mutation = { kind: string; apply: (b: Uint8Array) => Uint8Array };

function mutations(seed: Seed, seeds: Seed[], r: () => number): Mutation[] {
  const int = (n: number): number => Math.floor(r() * n);
  const position = (b: Uint8Array): number => {
    if (seed.ranges.length && r() < 0.7) {
      const [s, e] = seed.ranges[int(seed.ranges.length)];
      return Math.min(b.length - 1, s + int(Math.max(1, e - s)));
    }
    return int(b.length);
  };
  const interesting = [0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff, 0xfc, 0xfd, 0xfe, 0x60, 0x41];
  const site = (): LebSite => seed.lebs[int(seed.lebs.length)];
  return [
    { kind: 'bit flip', apply: (b) => { const c = b.slice(); const p = position(c); c[p] ^= 1 << int(8); return c; } },
    { kind: 'byte set', apply: (b) => { const c = b.slice(); c[position(c)] = r() < 0.5 ? interesting[int(interesting.length)] : int(256); return c; } },
    { kind: 'truncate', apply: (b) => b.slice(0, r() < 0.5 ? position(b) : int(b.length)) },
    {
      kind: 'insert',
      apply: (b) => {
        const p = position(b);
        const ins = Array.from({ length: 1 + int(8) }, () => (r() < 0.5 ? interesting[int(interesting.length)] : int(256)));
        return new Uint8Array([...b.subarray(0, p), ...ins, ...b.subarray(p)]);
      },
    },
    { kind: 'delete', apply: (b) => { const p = position(b); return new Uint8Array([...b.subarray(0, p), ...b.subarray(p + 1 + int(8))]); } },
    {
      kind: 'LEB padded (valid)',
      apply: (b) => {
        const s = site();
        const old = readLeb(b, s.pos);
        return old.len < 0 || old.len >= 5 ? b : rewriteLeb(b, s, old.value, old.len + 1 + int(5 - old.len));
      },
    },
    { kind: 'LEB over-long', apply: (b) => { const s = site(); const old = readLeb(b, s.pos); return old.len < 0 ? b : rewriteLeb(b, s, old.value, 6 + int(5)); } },
    { kind: 'LEB huge value', apply: (b) => rewriteLeb(b, site(), r() < 0.5 ? 0xffffffff : 2 ** 32 + int(2 ** 20), 5) },
    {
      kind: 'crossover',
      apply: (b) => {
        const other = seeds[int(seeds.length)].bytes;
        const from = int(other.length);
        const chunk = other.subarray(from, from + 1 + int(64));
        const p = position(b);
        return new Uint8Array([...b.subarray(0, p), ...chunk, ...b.subarray(p + int(64))]);
      },
    },
  ];
}

/** Message fragments for things V8 (Node 20) accepts but this decoder refuses on purpose. */
const REFUSED_ON_PURPOSE = /locals in total|exception-handling|multiple memories|64-bit memories|unknown opcode 0x(0[6-9]|18|19)|unknown SIMD opcode/;

describe('decoder fuzzing', () => {
  it(`decodes or refuses ${MUTANTS} mutated modules with StageError only`, () => {
    const seeds = loadSeeds();
    const r = rng(SEED);
    const stats = new Map<string, { decoded: number; refused: number }>();
    const failures: string[] = [];
    let bytesProcessed = 0;
    let instructionsDecoded = 0;
    let v8Accepted = 0;

    for (let n = 0; n < MUTANTS && failures.length < 5; n++) {
      const seed = seeds[n % seeds.length];
      const kinds = mutations(seed, seeds, r);
      let bytes = seed.bytes;
      const applied: string[] = [];
      const count = 1 + (r() < 0.3 ? Math.floor(r() * 3) : 0);
      for (let k = 0; k < count; k++) {
        const m = kinds[Math.floor(r() * kinds.length)];
        bytes = m.apply(bytes);
        applied.push(m.kind);
      }
      const label = applied.join(' + ');
      const stat = stats.get(label) ?? { decoded: 0, refused: 0 };
      stats.set(label, stat);
      bytesProcessed += bytes.length;
      const describe = `mutant ${n} of ${seed.name} (${label})`;

      let decoded = false;
      try {
        const m = decodeModule(bytes);
        decoded = true;
        stat.decoded++;
        // Work bound: every instruction consumed at least one byte; locals stay within the cap.
        const instrs = m.functions.reduce((s, f) => s + f.body.length, 0);
        const locals = m.functions.reduce((s, f) => Math.max(s, f.locals.length), 0);
        instructionsDecoded += instrs;
        if (instrs > bytes.length) failures.push(`${describe}: ${instrs} instructions from ${bytes.length} bytes`);
        if (locals > MAX_DECODED_LOCALS) failures.push(`${describe}: ${locals} locals in one function`);
        findMachineIssues(m);
        for (const f of m.functions) for (const i of f.body.slice(0, 50)) m.lineAt?.(i.pos!);
      } catch (e) {
        if (decoded) {
          failures.push(`${describe}: validation or lineAt threw ${String(e)}`);
        } else if (!(e instanceof StageError) || e.stage !== 'decode') {
          failures.push(`${describe}: non-StageError ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
        } else if (e.message.includes('internal decoder fault')) {
          failures.push(`${describe}: ${e.message}`);
        } else {
          stat.refused++;
          if (WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>) && !REFUSED_ON_PURPOSE.test(e.message)) {
            failures.push(`${describe}: V8 accepts it but decode refused: ${e.message}`);
          }
        }
      }
      if (decoded && WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) v8Accepted++;
    }

    const total = [...stats.values()].reduce((a, s) => ({ decoded: a.decoded + s.decoded, refused: a.refused + s.refused }), { decoded: 0, refused: 0 });
    console.log(
      `fuzz: ${MUTANTS} mutants of ${seeds.length} seeds, ${total.decoded} decoded (${v8Accepted} also valid for V8), ${total.refused} refused; ` +
        `${(bytesProcessed / 1e6).toFixed(1)} MB, ${instructionsDecoded} instructions decoded`,
    );
    expect(failures).toEqual([]);
    expect(total.decoded + total.refused).toBe(MUTANTS);
    // Both outcomes must be exercised, or the mutations are not doing their job.
    expect(total.decoded).toBeGreaterThan(MUTANTS / 20);
    expect(total.refused).toBeGreaterThan(MUTANTS / 4);
  });

  it('accepts validly padded LEBs wherever clang put a LEB', () => {
    const seeds = loadSeeds();
    const failures: string[] = [];
    let checked = 0;
    for (const seed of seeds) {
      for (const site of seed.lebs.slice(0, 400)) {
        const old = readLeb(seed.bytes, site.pos);
        if (old.len < 0 || old.len >= 5) continue;
        const padded = rewriteLeb(seed.bytes, site, old.value, 5);
        if (!WebAssembly.validate(padded as Uint8Array<ArrayBuffer>)) continue; // an enclosing size could not be fixed up
        checked++;
        try {
          decodeModule(padded);
        } catch (e) {
          failures.push(`${seed.name} LEB at ${site.pos}: ${String(e)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
