/**
 * C that clang compiles into 64-bit copies and arithmetic, through the whole pipeline (the i64-pair
 * pass included) on the reference interpreter, against the same C compiled by gcc and run natively.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToProgram } from '../pipeline.ts';
import { runReference } from '../reference/interpret.ts';
import { isI64Op } from '../wasm/i64Subset.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
const HOST = join(EXAMPLES, 'host');
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const buildDir = mkdtempSync(join(tmpdir(), 'tvm-i64-'));
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

/** stdout of `void compute(void)` compiled with gcc through the host shim. */
function nativeOutput(path: string, file: string): Buffer {
  const exe = join(buildDir, file.replace(/\W/g, '_'));
  const build = spawnSync('gcc', ['-O1', '-w', '-include', join(HOST, 'tvm_host.h'), path, join(HOST, 'tvm_host_main.c'), '-o', exe], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gcc failed on ${file}:\n${build.stderr}`);
  const run = spawnSync(exe, [], { timeout: 60_000 });
  if (run.error || run.signal) throw new Error(`native ${file} did not finish: ${run.error?.message ?? run.signal}`);
  return run.stdout;
}

function firstDifference(a: Buffer, b: Buffer): string | null {
  if (a.equals(b)) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.subarray(0, i).toString('latin1').split('\n').length;
  return `differs from gcc at byte ${i} (line ${line}; lengths ${a.length} vs ${b.length}): machine ${JSON.stringify(a.subarray(i, i + 40).toString('latin1'))} vs gcc ${JSON.stringify(b.subarray(i, i + 40).toString('latin1'))}`;
}

describe.skipIf(!hasGcc)('C with struct copies and long long locals: reference interpreter vs gcc', () => {
  const cases = [
    [FIXTURES, 'struct_copies.c', 'struct assignment, structs by value, arrays of structs, char s[] = "…", memcpy of 8/16/24 bytes, long long +, -, bitwise, compares, constant shifts'],
    [EXAMPLES, 'structs.c', 'the structs example: money structs passed, returned and assigned whole, an insertion sort moving whole records'],
  ];
  for (const [dir, file, what] of cases) {
    it(`${file}: ${what}`, async () => {
      const path = join(dir, file);
      const { program, module } = await compileToProgram(readFileSync(path, 'utf8'), { fileName: file });
      const i64Ops = module.functions.flatMap((f) => f.body.filter((i) => isI64Op(i.op)));
      expect(i64Ops.length, 'clang emitted 64-bit ops for this program').toBeGreaterThan(0);
      const run = runReference(program, null);
      expect(run.error).toBeUndefined();
      expect(run.stop).toBe('halt');
      expect(firstDifference(Buffer.from(run.output), nativeOutput(path, file))).toBeNull();
    });
  }
});
