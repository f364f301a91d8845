import { describe, expect, it } from 'vitest';
import { compiledExample } from '../../testing/compiledExamples.ts';
import { checkAgainstReference, runProgram } from '../run/runProgram.ts';
import { nodeWasmEngine } from '../infer/wasmEngine.node.ts';
import { formatDivergence } from '../tokens/traceDiff.ts';
import { buildSpecializedModel } from './buildModel.ts';

// The first Futamura projection: the program lives in the feed-forward weights; the prompt is
// only `start` + the input. Greedy schedules keep this fast; the MILP only makes them narrower.
describe('specialized models', () => {
  for (const name of ['hello', 'recursion']) {
    it(`${name}: reproduces the reference trace (minus the prefix) through the core`, async () => {
      const { program, input } = await compiledExample(name);
      const { model } = buildSpecializedModel(program, {}, name);
      expect(model.vocab).toContain('start');
      expect(model.vocab).not.toContain('i32.add'); // no program tokens: the program is in the weights
      const run = runProgram(await nodeWasmEngine(), model, program, input, { maxTokens: 2_000_000 });
      expect(run.prompt[0]).toBe('start');
      expect(run.stopped).toBe('stop');
      expect(formatDivergence(checkAgainstReference(program, input, run.generated).divergence)).toBe('match');
    });
  }

  it('refuses a program other than the one baked in', async () => {
    const hello = await compiledExample('hello');
    const other = await compiledExample('fibonacci');
    const { model } = buildSpecializedModel(hello.program, {}, 'hello');
    const engine = await nodeWasmEngine();
    expect(() => runProgram(engine, model, other.program, other.input)).toThrow(/specialized model is for 'hello'.*different program/);
  });
});
