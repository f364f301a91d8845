import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileToProgram } from '../pipeline.ts';
import { runProgram } from '../run/runProgram.ts';
import { gccNative, hasGccNative, outputDifference } from '../testing/gccNative.ts';
import { parseOutToken } from '../tokens/spelling.ts';
import { formatDivergence } from '../tokens/traceDiff.ts';
import { buildModel } from '../weights/buildModel.ts';
import { nodeWasmEngine } from './wasmEngine.node.ts';

/**
 * SLOW=1 only: long runs through the Emscripten core's fast mode on the universal model, compared
 * with the reference interpreter token by token (streamed alongside) up to the halt
 * (docs/inference-core.md, "Sequence length" and "Exact integer keys").
 */
const PRIMES = `// Counts the primes below a bound by trial division (% in a double loop).
void compute(void) {
  int count = 0;
  for (int n = 2; n < 780; n++) {
    int prime = 1;
    for (int d = 2; d < n; d++)
      if (n % d == 0) { prime = 0; break; }
    count += prime;
  }
  print_int(count);
}
`;

describe.skipIf(!process.env.SLOW)('long runs on the core', () => {
  it('a run across the former limit of 2^24 positions (about 18.5M tokens) matches the reference to its halt', async () => {
    const { program } = await compileToProgram(PRIMES, { fileName: 'primes.c' });
    const model = buildModel({ kind: 'universal' }).model;
    const run = runProgram(await nodeWasmEngine(), model, program, null, { maxTokens: 30_000_000, check: true });
    expect(formatDivergence(run.check!.divergence, 'generated token')).toBe('match');
    expect(run.stopped).toBe('stop');
    expect(run.prompt.length + run.generated.length).toBeGreaterThan(1 << 24);
  }, 3_600_000);

  // 33,743 instructions, ~119M tokens (about 10 minutes): it read a stale local at token
  // 33,043,627 while the depths were raw running sums.
  it.skipIf(!hasGccNative)('big_float.c matches the reference to its halt and prints what gcc prints', async () => {
    const file = join(import.meta.dirname, '..', 'lower', 'floats', 'fixtures', 'big_float.c');
    const source = readFileSync(file, 'utf8');
    const { program } = await compileToProgram(source, { fileName: 'big_float.c' });
    const model = buildModel({ kind: 'universal' }).model;
    const output: number[] = [];
    const run = runProgram(await nodeWasmEngine(), model, program, null, {
      maxTokens: 150_000_000,
      check: true,
      onTokens: (toks) => {
        for (const t of toks) {
          const b = parseOutToken(t);
          if (b !== null) output.push(b);
        }
      },
    });
    expect(formatDivergence(run.check!.divergence, 'generated token')).toBe('match');
    expect(run.stopped).toBe('stop');
    const dir = mkdtempSync(join(tmpdir(), 'tvm-long-'));
    const native = gccNative(dir, 'big_float', source, null);
    rmSync(dir, { recursive: true, force: true });
    expect(outputDifference(Uint8Array.from(output), native.output, 'big_float.c')).toBeNull();
    expect(run.exitStatus).toBe(native.status);
  }, 7_200_000);
});
