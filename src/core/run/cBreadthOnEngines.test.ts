/**
 * Floating point, 64-bit integers and function pointers on the paths the reference interpreter
 * does not cover: small programs, each compiled natively by gcc (the oracle for output bytes and
 * exit status) and through the pipeline, then run by the exact graph evaluator, by the TS engine on
 * the universal model and by the Emscripten core on a model specialized to the program. Each run must print gcc's bytes,
 * exit with gcc's status and generate the reference interpreter's trace token for token.
 * (The page runs the float one too: e2e/float.spec.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSourceCached } from '../../testing/compiledExamples.ts';
import { runEvaluator } from '../evaluate/runEvaluator.ts';
import { tsEngine } from '../infer/tsEngine.ts';
import { buildMachine } from '../machine/buildMachine.ts';
import { inputSectionTokens, programPrefixTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { exitFromTrace } from '../tokens/exitStatus.ts';
import { firstDivergence } from '../tokens/traceDiff.ts';
import type { Engine } from '../infer/session.ts';
import { nodeWasmEngine } from '../infer/wasmEngine.node.ts';
import type { Program } from '../program/program.ts';
import { gccNative, hasGccNative, outputDifference } from '../testing/gccNative.ts';
import { parseOutToken } from '../tokens/spelling.ts';
import { formatDivergence } from '../tokens/traceDiff.ts';
import type { Model } from '../weights/binFile.ts';
import { buildModel, buildSpecializedModel } from '../weights/buildModel.ts';
import { runProgram } from './runProgram.ts';
import { floatFuncptrProgram as FLOAT_FUNCPTR } from '../testing/floatFuncptrProgram.ts';

interface Case {
  name: string;
  args: string;
  source: string;
  /** SLOW=1 only: the general printf engine (%.2f) makes the program ~40% larger. */
  slow?: boolean;
}


const ENGINE_CASES: Case[] = [
  {
    // double and float arithmetic and conversions, a table of double(double, double) function
    // pointers (call_indirect with f64 parameters and result), a computed exit status.
    name: 'float_funcptr',
    args: '3/',
    source: FLOAT_FUNCPTR('printf("%d %d\\n", (int)(y * 1000), (int)(f * 100));'),
  },
  {
    // the same, printing the double with %.2f (the exact float formatter)
    name: 'float_funcptr_printf',
    args: '7*',
    source: FLOAT_FUNCPTR('printf("%.2f %d\\n", y, (int)(f * 100));'),
    slow: true,
  },
  {
    // long long multiply, signed divide and remainder, a 64-bit FNV-1a hash, %lld/%llx, the
    // exit status from a 64-bit shift.
    name: 'i64_hash',
    args: '7x',
    source: `#include <stdio.h>
#include <stdint.h>
int main(int argc, char **argv) {
  int n = argv[1][0] - '0';
  long long f = 1;
  for (int i = 2; i <= 10 + n; i++) f *= i;
  uint64_t h = 0xcbf29ce484222325ull;
  for (const char *p = argv[1]; *p; p++) { h ^= (unsigned char)*p; h *= 0x100000001b3ull; }
  printf("%lld %llx %lld\\n", f, (unsigned long long)h, -f / 7 % 1000);
  return (int)(h >> 59);
}
`,
  },
];

const SLOW = !!process.env.SLOW;
const dir = mkdtempSync(join(tmpdir(), 'tvm-breadth-engines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let universal: Model;
beforeAll(() => {
  universal = buildModel({ kind: 'universal' }).model;
});

function runAndCompare(engine: Engine, model: Model, program: Program, input: Uint8Array, c: Case): void {
  const native = gccNative(dir, c.name, c.source, c.args);
  const run = runProgram(engine, model, program, input, { maxTokens: 2_000_000, check: true });
  expect(formatDivergence(run.check!.divergence)).toBe('match');
  expect(run.stopped).toBe('stop');
  const output = run.generated.toArray().map(parseOutToken).filter((b): b is number => b !== null);
  expect(outputDifference(Uint8Array.from(output), native.output, c.name)).toBeNull();
  expect(run.exitStatus).toBe(native.status);
}

describe.skipIf(!hasGccNative)('float, i64 and function-pointer programs on the engines, against gcc', () => {
  for (const c of ENGINE_CASES.filter((k) => SLOW || !k.slow)) {
    it(`${c.name}: the TS engine on the universal model prints gcc's output and exit status`, async () => {
      const { program, input } = await compileSourceCached(c.source, `${c.name}.c`, c.args);
      runAndCompare(tsEngine, universal, program, input!, c);
    });

    it(`${c.name}: the exact graph evaluator prints gcc's output and exit status`, async () => {
      const { program, input } = await compileSourceCached(c.source, `${c.name}.c`, c.args);
      const native = gccNative(dir, c.name, c.source, c.args);
      const ref = runReference(program, input, { trace: true });
      const run = runEvaluator(buildMachine(), programPrefixTokens(program, input), { maxTokens: ref.tokenCount + 10 });
      expect(run.stop).toBe('halt');
      expect(outputDifference(Uint8Array.from(run.output), native.output, c.name)).toBeNull();
      expect(exitFromTrace(run.generated)?.exitStatus).toBe(native.status);
      const got = [...inputSectionTokens(program, input), ...run.generated];
      expect(formatDivergence(firstDivergence(got, ref.tokens!), 'trace token')).toBe('match');
    });

    it(`${c.name}: the core on a model specialized to the program prints gcc's output and exit status`, async () => {
      const { program, input } = await compileSourceCached(c.source, `${c.name}.c`, c.args);
      const { model } = buildSpecializedModel(program, {}, c.name);
      expect(model.vocab).not.toContain('i32.add'); // the program is in the weights, not the prompt
      runAndCompare(await nodeWasmEngine(), model, program, input!, c);
    });
  }
});
