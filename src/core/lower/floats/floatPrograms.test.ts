/**
 * C with float and double through the whole pipeline on the reference interpreter, against the
 * same C compiled natively by gcc (the host shim), byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToProgram } from '../../pipeline.ts';
import { runReference } from '../../reference/interpret.ts';
import { gccNative, hasGccNative, outputDifference } from '../../testing/gccNative.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const HOST = join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'host');
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const buildDir = mkdtempSync(join(tmpdir(), 'tvm-float-'));
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

function nativeOutput(file: string): Buffer {
  const exe = join(buildDir, file.replace(/\W/g, '_'));
  const build = spawnSync('gcc', ['-O1', '-w', '-include', join(HOST, 'tvm_host.h'), join(FIXTURES, file), join(HOST, 'tvm_host_main.c'), '-o', exe, '-lm'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gcc failed on ${file}:\n${build.stderr}`);
  return spawnSync(exe, [], { timeout: 60_000 }).stdout;
}

function firstDifference(a: Buffer, b: Buffer): string | null {
  if (a.equals(b)) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `differs from gcc at byte ${i}: machine ${JSON.stringify(a.subarray(i, i + 40).toString('latin1'))} vs gcc ${JSON.stringify(b.subarray(i, i + 40).toString('latin1'))}`;
}

describe.skipIf(!hasGcc)('C with float and double: reference interpreter vs gcc', () => {
  it('float_basics.c: averages, Newton and builtin sqrt, a physics step, inf/NaN, conversions, subnormals, floor/ceil/rint', async () => {
    const file = 'float_basics.c';
    const { program } = await compileToProgram(readFileSync(join(FIXTURES, file), 'utf8'), { fileName: file });
    const run = runReference(program, null, { maxTokens: 50_000_000 });
    expect(run.stop, run.error).toBe('halt');
    expect(firstDifference(Buffer.from(run.output), nativeOutput(file))).toBeNull();
  });

  it('double_basics.c: the same in double (f64 values in i32 pairs)', async () => {
    const file = 'double_basics.c';
    const { program } = await compileToProgram(readFileSync(join(FIXTURES, file), 'utf8'), { fileName: file });
    const run = runReference(program, null, { maxTokens: 50_000_000 });
    expect(run.stop, run.error).toBe('halt');
    expect(firstDifference(Buffer.from(run.output), nativeOutput(file))).toBeNull();
  });
});

describe.skipIf(!hasGccNative)('C with float and double, main(void) programs: reference interpreter vs gcc, output and exit status', () => {
  it('float_funcptr.c: tables and struct members of float/double function pointers (call_indirect of f32/f64 types), a callback', async () => {
    const file = 'float_funcptr.c';
    const source = readFileSync(join(FIXTURES, file), 'utf8');
    const { program } = await compileToProgram(source, { fileName: file });
    const run = runReference(program, null, { maxTokens: 50_000_000 });
    expect(run.stop, run.error).toBe('halt');
    const native = gccNative(buildDir, 'float_funcptr', source, null);
    expect(outputDifference(run.output, native.output, file)).toBeNull();
    expect(run.exitStatus).toBe(native.status);
  });

  it('float_conversions.c: double/float/i64 conversions, NaN and -0 rules, <float.h> limits, the rounding family', async () => {
    await checkMainProgram('float_conversions.c', 50_000_000);
  });

  // Fifteen pasted-style programs (statistics, physics, Newton, matrices, printf formats, 64-bit
  // factorials and bit tricks, qsort on structs, function-pointer tables, strtod, sprintf), each
  // as written and as a float copy, run twice: 33,743 instructions (2.4x mandelbrot), ~119M
  // trace tokens.
  it.runIf(!!process.env.SLOW)('big_float.c: a program several times mandelbrot\'s size', async () => {
    await checkMainProgram('big_float.c', 300_000_000);
  });
});

async function checkMainProgram(file: string, maxTokens: number): Promise<void> {
  const source = readFileSync(join(FIXTURES, file), 'utf8');
  const { program } = await compileToProgram(source, { fileName: file });
  const run = runReference(program, null, { maxTokens });
  expect(run.stop, run.error).toBe('halt');
  const native = gccNative(buildDir, file.replace(/\W/g, '_'), source, null);
  expect(outputDifference(run.output, native.output, file)).toBeNull();
  expect(run.exitStatus).toBe(native.status);
}
