/**
 * Native oracle for every example: the same C compiled with the host's gcc (through the shim
 * host/tvm_host.h) and run with the same argument must print exactly what
 *  - the clang wasm prints when V8 runs it directly (checks clang flags, runtime and libc), and
 *  - the reference interpreter prints running the assembled program (checks the whole pipeline).
 * Slow-tier examples run through the reference interpreter only with SLOW=1.

 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileC } from '../src/core/compile/compile.ts';
import { detectEntry } from '../src/core/compile/entry.ts';
import { splitArguments } from '../src/core/compile/arguments.ts';
import { runWasmDirect } from '../src/core/compile/runWasmDirect.ts';
import { runReference } from '../src/core/reference/interpret.ts';
import { compiledExample } from '../src/testing/compiledExamples.ts';

interface Example {
  name: string;
  file: string;
  args: string;
  description: string;
  tier: 'fast' | 'slow';
}

const HERE = new URL('.', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(HERE, 'manifest.json'), 'utf8')) as Example[];
const SLOW = Boolean(process.env.SLOW);
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
if (!hasGcc) console.warn('examples.test.ts: gcc not found, so the native-oracle comparisons are skipped (apt-get install gcc)');

const buildDir = mkdtempSync(join(tmpdir(), 'tvm-examples-'));
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

const sources = new Map(manifest.map((e) => [e.name, readFileSync(join(HERE, e.file), 'utf8')]));

function takesInput(e: Example): boolean {
  const form = detectEntry(sources.get(e.name)!);
  if ('error' in form) throw new Error(`${e.file}: ${form.error}`);
  return form.takesInput;
}

const nativeRuns = new Map<string, { stdout: Buffer; status: number }>();

/** stdout of the example compiled with gcc and run natively. */
function nativeOutput(e: Example): Buffer {
  return nativeRun(e).stdout;
}

/** stdout and exit status (128 + signal when killed) of the example compiled with gcc and run natively. */
function nativeRun(e: Example): { stdout: Buffer; status: number } {
  const cached = nativeRuns.get(e.name);
  if (cached) return cached;
  const exe = join(buildDir, e.name);
  const form = detectEntry(sources.get(e.name)!);
  if ('error' in form) throw new Error(`${e.file}: ${form.error}`);
  const files = [join(HERE, e.file)];
  const defines: string[] = [];
  if (form.entry === 'compute') {
    files.push(join(HERE, 'host', 'tvm_host_main.c'));
    if (form.takesInput) defines.push('-DTVM_COMPUTE_TAKES_INPUT');
  }
  const build = spawnSync('gcc', ['-O1', '-w', ...defines, '-include', join(HERE, 'host', 'tvm_host.h'), ...files, '-o', exe], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`gcc failed on ${e.file}:\n${build.stderr}`);
  // compute(input) takes the whole string (the host's argv[1]); main(argc, argv) its words.
  const argv = !form.takesInput ? [] : form.entry === 'compute' ? [e.args] : splitArguments(e.args);
  const run = spawnSync(exe, argv, { timeout: 60_000, maxBuffer: 1 << 26 });
  if (run.error || run.signal) throw new Error(`native ${e.name} did not finish: ${run.error?.message ?? run.signal}`);
  const result = { stdout: run.stdout, status: run.status! };
  nativeRuns.set(e.name, result);
  return result;
}

/** Fails with the first differing byte and both outputs. */
function expectSameOutput(actual: Uint8Array, expected: Uint8Array, what: string): void {
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  if (a.equals(b)) return;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (x: Buffer) => JSON.stringify(x.toString('latin1'));
  throw new Error(
    `${what} differs from gcc at byte ${i} (lengths ${a.length} vs ${b.length}): ` +
      `${i < a.length ? a[i] : 'end'} vs ${i < b.length ? b[i] : 'end'}\n` +
      `--- ${what} ---\n${show(a)}\n--- gcc ---\n${show(b)}`,
  );
}

describe.each(manifest)('example $name', (e) => {
  it.skipIf(!hasGcc)('V8 running the clang wasm prints what gcc prints', async () => {
    const compiled = await compileC(sources.get(e.name)!, { fileName: e.file });
    const run = runWasmDirect(compiled.wasm, takesInput(e) ? e.args : null);
    expect(run.trap).toBeUndefined();
    expectSameOutput(run.output, nativeOutput(e), 'V8');
  });

  it.skipIf(!hasGcc || (e.tier === 'slow' && !SLOW))('the reference interpreter prints what gcc prints and exits with its status', async () => {
    const { program, input } = await compiledExample(e.name);
    const run = runReference(program, input);
    expect(run.error).toBeUndefined();
    expect(run.stop).toBe('halt');
    expectSameOutput(run.output, nativeOutput(e), 'reference');
    expect(run.exitStatus).toBe(nativeRun(e).status);
  });
});

describe('examples/manifest.json', () => {
  it('lists every example once with a description and a tier', () => {
    const names = manifest.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of manifest) {
      expect(e.description.length, e.name).toBeGreaterThan(10);
      expect(['fast', 'slow']).toContain(e.tier);
      expect(sources.get(e.name), e.file).toBeTruthy();
    }
  });
});
