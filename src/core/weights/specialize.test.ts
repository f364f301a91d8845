import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { compiledExample, compileSourceCached, exampleNames } from '../../testing/compiledExamples.ts';
import { generatedProgramSource } from '../../testing/generatedProgram.ts';
import { checkAgainstReference, runProgram } from '../run/runProgram.ts';
import { nodeWasmEngine } from '../infer/wasmEngine.node.ts';
import type { Program } from '../program/program.ts';
import { formatDivergence } from '../tokens/traceDiff.ts';
import { buildSpecializedModel } from './buildModel.ts';

const slow = !!process.env.SLOW;
const UNIVERSAL_D = 38;

async function specializeAndRun(program: Program, input: Uint8Array | null, name: string, milp: boolean) {
  const built = buildSpecializedModel(program, milp ? { highs: await loadHighs(), timeLimit: Number(process.env.MILP_TIME_LIMIT ?? 120) } : {}, name);
  const run = runProgram(await nodeWasmEngine(), built.model, program, input, { maxTokens: 5_000_000 });
  expect(run.prompt[0]).toBe('start');
  expect(run.stopped).toBe('stop');
  expect(formatDivergence(checkAgainstReference(program, input, run.generated).divergence)).toBe('match');
  return built;
}

// The first Futamura projection: the program lives in the feed-forward weights; the prompt is
// only `start` + the input. Greedy schedules keep this fast; the MILP only makes them narrower.
describe('specialized models', () => {
  for (const name of ['hello', 'recursion']) {
    it(`${name}: reproduces the reference trace (minus the prefix) through the core`, async () => {
      const { program, input } = await compiledExample(name);
      const { model } = await specializeAndRun(program, input, name, false);
      expect(model.vocab).toContain('start');
      expect(model.vocab).not.toContain('i32.add'); // no program tokens: the program is in the weights
    });
  }

  it('a tiny program, MILP-scheduled: d_model within 10% of the universal model, runs to halt', async () => {
    const { program, input } = await compileSourceCached('int main(void) { return 0; }\n', 'tiny.c', '');
    const { model, schedule } = await specializeAndRun(program, input, 'tiny', true);
    expect(schedule.method).toBe('milp');
    expect(model.D).toBeLessThanOrEqual(Math.floor(UNIVERSAL_D * 1.1));
  });

  it.runIf(slow)('the largest example, MILP-scheduled: d_model within 10% of the universal model, runs to halt', async () => {
    const { program, input } = await compiledExample('calculator');
    const { model, schedule } = await specializeAndRun(program, input, 'calculator', true);
    expect(schedule.method).toBe('milp');
    expect(schedule.folded?.neurons).toBeGreaterThan(program.instructions.length / 2); // the table ramps, one per instruction boundary some table changes at (a ramp no table reads is dead, not grouped)
    expect(model.D).toBeLessThanOrEqual(Math.floor(UNIVERSAL_D * 1.1));
  });

  it.runIf(slow)('a generated program of ~5,000 instructions, MILP-scheduled, runs to halt', async () => {
    const { program, input } = await compileSourceCached(generatedProgramSource(16), 'generated16.c', 'a');
    expect(program.instructions.length).toBeGreaterThan(4_500);
    const { model, schedule } = await specializeAndRun(program, input, 'generated', true);
    expect(schedule.method).toBe('milp');
    expect(model.D).toBeLessThanOrEqual(Math.floor(UNIVERSAL_D * 1.1));
  });

  // Every example (mandelbrot: its 42M tokens are the slow tier's universal run; here a budget),
  // MILP-scheduled as the page does: as narrow and as deep as the universal model, and the run to
  // halt streams the reference interpreter alongside (docs/schedule-and-weights.md).
  it.runIf(slow)('every example, MILP-scheduled: d_model within 10% of the universal model, 7 layers, runs to halt against the reference', async () => {
    const highs = await loadHighs();
    const engine = await nodeWasmEngine();
    const failures: string[] = [];
    for (const name of await exampleNames()) {
      const { program, input } = await compiledExample(name);
      const { model, schedule } = buildSpecializedModel(program, { highs, timeLimit: 20 }, name);
      const long = name === 'mandelbrot';
      const run = runProgram(engine, model, program, input, { maxTokens: long ? 3_000_000 : 6_000_000, check: true });
      const verdict = run.check?.divergence ? formatDivergence(run.check.divergence) : run.stopped === (long ? 'limit' : 'stop') ? 'ok' : run.stopped;
      const line = `${name}: D ${model.D} L ${model.L} (${schedule.method} ${schedule.status}), ${run.generated.length} tokens, ${verdict}`;
      if (verdict !== 'ok' || model.D > Math.floor(UNIVERSAL_D * 1.1) || model.L > 7) failures.push(line);
    }
    expect(failures).toEqual([]);
  }, 1_800_000);

  it('refuses a program other than the one baked in', async () => {
    const hello = await compiledExample('hello');
    const other = await compiledExample('fibonacci');
    const { model } = buildSpecializedModel(hello.program, {}, 'hello');
    const engine = await nodeWasmEngine();
    expect(() => runProgram(engine, model, other.program, other.input)).toThrow(/specialized model is for 'hello'.*different program/);
  });
});
