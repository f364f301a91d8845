/**
 * `npm run bench:frontend`: per example, the front end's figures — wasm bytes, dispatch-table
 * instructions, prefix tokens, trace tokens (reference interpreter), compile time in Node (the
 * first call includes loading clang) — as a table and as JSON (.cache/bench/frontend.json).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileC } from '../src/core/compile/compile.ts';
import { wasmToProgram } from '../src/core/pipeline.ts';
import { programPrefixTokens } from '../src/core/program/tokenFiles.ts';
import { runReference } from '../src/core/reference/interpret.ts';
import { EXAMPLES_DIR, readManifest, REPO_ROOT } from '../src/cli/programSource.ts';

const rows: Record<string, number | string>[] = [];
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(['example', 'wasm B', 'instr', 'prefix', 'trace', 'first ms', 'later ms', 'halt'].map((h, i) => pad(h, i ? 10 : 18)).join(''));
let first = true;
for (const e of await readManifest()) {
  const source = await readFile(join(EXAMPLES_DIR, e.file), 'utf8');
  const t0 = performance.now();
  const compiled = await compileC(source, { fileName: e.file });
  const firstMs = performance.now() - t0;
  const t1 = performance.now();
  await compileC(source, { fileName: e.file });
  const laterMs = performance.now() - t1;
  const { program } = wasmToProgram(compiled.wasm, compiled.clangVersion);
  const input = new TextEncoder().encode(e.args);
  const prefix = programPrefixTokens(program, program.inputBase === null ? null : input).length;
  const ref = runReference(program, input, { maxTokens: 50_000_000 });
  const row = {
    example: e.name, wasmBytes: compiled.wasm.length, instructions: program.instructions.length, prefixTokens: prefix,
    traceTokens: ref.tokenCount, firstCompileMs: Math.round(firstMs), laterCompileMs: Math.round(laterMs), stop: ref.stop,
    clangLoadIncluded: first ? 'yes' : 'no',
  };
  first = false;
  rows.push(row);
  console.log([pad(e.name, 18), pad(row.wasmBytes, 10), pad(row.instructions, 10), pad(prefix, 10), pad(ref.tokenCount, 10), pad(row.firstCompileMs, 10), pad(row.laterCompileMs, 10), pad(ref.stop, 10)].join(''));
}
await mkdir(join(REPO_ROOT, '.cache', 'bench'), { recursive: true });
await writeFile(join(REPO_ROOT, '.cache', 'bench', 'frontend.json'), JSON.stringify(rows, null, 2));
