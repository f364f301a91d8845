/**
 * Where the executed instructions of the examples go, per lowered op (a measurement tool, not a
 * test). Every example is compiled once (the wasm is cached in `.cache/lower-profile/`), split
 * into i32 pairs, tagged (each instruction's `pos` becomes its own index), lowered and assembled;
 * a profiling run of the program then charges every executed instruction to the original op it
 * came from, and everything a `__tvm_*` helper executes to the op that called it.
 *
 *   npx tsx src/core/lower/testing/profileExamples.node.ts [--top N] [--sites] [name…]
 *
 * Prints, per example, the figures of `transformer-vm reference`/`compile` (prefix instructions
 * and tokens, executed instructions, trace tokens) and the ops with the most executed
 * instructions, by form (variable, or the constant right operand).
 */
import { lowerCallIndirect } from '../callIndirect.ts';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLES_DIR, readManifest, REPO_ROOT } from '../../../cli/programSource.ts';
import { compileC } from '../../compile/compile.ts';
import { assembleProgram } from '../../program/assemble.ts';
import type { Program } from '../../program/program.ts';
import { programPrefixTokens } from '../../program/tokenFiles.ts';
import { runReference } from '../../reference/interpret.ts';
import { decodeModule } from '../../wasm/decode.ts';
import type { WasmModule } from '../../wasm/ir.ts';
import { validateForMachine } from '../../wasm/validate.ts';
import { lowerI64ToPairs } from '../i64Pairs.ts';
import { lowerModule } from '../lower.ts';
import { LOWERED_BINARY, LOWERED_UNARY } from '../lowerFunction.ts';
import { profileProgram } from './profileRun.ts';

const CACHE = join(REPO_ROOT, '.cache', 'lower-profile');

async function hashDir(h: ReturnType<typeof createHash>, dir: string): Promise<void> {
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await hashDir(h, p);
    else if (e.name.endsWith('.ts') || e.name.endsWith('.h') || e.name.endsWith('.c')) h.update(p).update(await readFile(p));
  }
}

async function exampleWasm(file: string): Promise<Uint8Array> {
  const source = await readFile(join(EXAMPLES_DIR, file), 'utf8');
  const h = createHash('sha256').update(file).update(source);
  await hashDir(h, join(REPO_ROOT, 'src/core/compile'));
  const path = join(CACHE, `${file.replace(/\W/g, '_')}-${h.digest('hex').slice(0, 16)}.wasm`);
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    const { wasm } = await compileC(source, { fileName: file });
    await mkdir(CACHE, { recursive: true });
    await writeFile(path, wasm);
    return wasm;
  }
}

interface Tag {
  op: string;
  fn: string;
  /** 'var', or the constant right operand (hex) of a binary op. */
  form: string;
}

/** Splits i64, tags every instruction with its index in `tags` (through `pos`), lowers and assembles. */
function taggedProgram(wasm: Uint8Array): { program: Program; tags: Tag[] } {
  const decoded = decodeModule(wasm);
  validateForMachine(decoded);
  const paired = lowerI64ToPairs(lowerCallIndirect(decoded));
  const tags: Tag[] = [];
  for (const f of paired.functions) {
    f.body.forEach((ins, i) => {
      const prev = f.body[i - 1];
      const form = LOWERED_BINARY.has(ins.op) && prev?.op === 'i32.const' ? `0x${(prev.imm >>> 0).toString(16)}` : 'var';
      ins.pos = tags.length;
      tags.push({ op: ins.op, fn: f.name, form });
    });
  }
  const m: WasmModule = { ...paired, lineAt: (p) => ({ file: '', line: p, column: 0 }) };
  return { program: assembleProgram(lowerModule(m)), tags };
}

interface Row {
  key: string;
  instructions: number;
  sites: number;
  /** Executions of the op. */
  runs: number;
  /** Of which through a `__tvm_*` helper call (the rest ran inline). */
  calls: number;
}

const format = (r: Row): string =>
  `  ${r.key.padEnd(40)} ${String(r.instructions).padStart(9)} instr  ${String(r.runs).padStart(7)} runs` +
  `  ${(r.instructions / Math.max(1, r.runs)).toFixed(1).padStart(6)}/run  ${String(r.calls).padStart(6)} helper calls  ${r.sites} sites`;

function add(map: Map<string, Row>, key: string, instructions: number, runs: number, calls: number): void {
  const r = map.get(key) ?? { key, instructions: 0, sites: 0, runs: 0, calls: 0 };
  r.instructions += instructions;
  r.sites++;
  r.runs += runs;
  r.calls += calls;
  map.set(key, r);
}

/** Per tag: executed calls into `__tvm_*` helpers made by its code. */
function helperCalls(program: Program, counts: Uint32Array): Map<number, number> {
  const helper = new Uint8Array(program.instructions.length);
  for (const f of program.functions ?? []) if (f.name.startsWith('__tvm_')) helper.fill(1, f.start, f.end);
  const calls = new Map<number, number>();
  program.instructions.forEach((ins, pc) => {
    const tag = program.sourceLines?.[pc];
    if (ins.op !== 'call' || helper[pc] || tag === null || tag === undefined || !counts[pc]) return;
    if (helper[pc + 1 + (ins.imm | 0)]) calls.set(tag, (calls.get(tag) ?? 0) + counts[pc]);
  });
  return calls;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 8;
  const showSites = argv.includes('--sites');
  const names = argv.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
  const entries = (await readManifest()).filter((e) => names.length === 0 || names.includes(e.name));
  const totals = new Map<string, Row>();
  const byKind = new Map<string, Row>();
  for (const e of entries) {
    const wasm = await exampleWasm(e.file);
    const { program, tags } = taggedProgram(wasm);
    const input = e.args === '' && !program.inputBase ? null : new TextEncoder().encode(e.args);
    const ref = runReference(program, program.inputBase === null ? null : input, { maxTokens: 200_000_000 });
    const prof = profileProgram(program, program.inputBase === null ? null : input);
    if (prof.executed !== ref.instructionsExecuted) throw new Error(`${e.name}: profiler counted ${prof.executed}, reference ${ref.instructionsExecuted}`);
    const prefix = programPrefixTokens(program, program.inputBase === null ? null : input).length;
    console.log(
      `\n${e.name}: ${program.instructions.length} instructions, ${prefix} prefix tokens, ` +
        `${ref.instructionsExecuted} executed, ${ref.tokenCount} trace tokens (${ref.stop})`,
    );
    const rows = new Map<string, Row>();
    const siteRows = new Map<string, Row>();
    const lowered = (t: Tag | undefined): boolean => t !== undefined && (LOWERED_BINARY.has(t.op) || LOWERED_UNARY.has(t.op));
    const firstPcOfTag = new Map<number, number>();
    program.sourceLines?.forEach((tag, pc) => {
      if (tag !== null && !firstPcOfTag.has(tag)) firstPcOfTag.set(tag, pc);
    });
    const calls = helperCalls(program, prof.counts);
    for (const [tag, count] of prof.byTag) {
      const t = tags[tag];
      if (!lowered(t)) continue;
      const key = `${t.op} ${t.form}`;
      const runs = prof.counts[firstPcOfTag.get(tag)!] ?? 0;
      const c = calls.get(tag) ?? 0;
      add(rows, key, count, runs, c);
      add(siteRows, `${key} @${t.fn}#${tag}`, count, runs, c);
      add(totals, key, count, runs, c);
      add(byKind, t.op, count, runs, c);
    }
    const all = [...rows.values()].reduce((s, r) => s + r.instructions, 0);
    console.log(`  lowered ops: ${all} executed instructions (${((100 * all) / ref.instructionsExecuted).toFixed(1)}%)`);
    for (const r of [...(showSites ? siteRows : rows).values()].sort((a, b) => b.instructions - a.instructions).slice(0, top)) console.log(format(r));
  }
  const sorted = (m: Map<string, Row>): Row[] => [...m.values()].sort((a, b) => b.instructions - a.instructions);
  console.log('\nall examples, by op kind:');
  for (const r of sorted(byKind)) console.log(format(r));
  console.log('\nall examples, by op and constant:');
  for (const r of sorted(totals).slice(0, 3 * top)) console.log(format(r));
}

await main();
