import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { compiledExample, compileSourceCached } from '../../testing/compiledExamples.ts';
import { generatedProgramSource } from '../../testing/generatedProgram.ts';
import type { Program } from '../program/program.ts';
import { checkAgainstReference, promptFor } from '../run/runProgram.ts';
import { formatDivergence } from '../tokens/traceDiff.ts';
import type { Model } from '../weights/binFile.ts';
import { buildSpecializedModel } from '../weights/buildModel.ts';
import type { SessionOptions } from './session.ts';
import { tokenIds } from './vocabulary.ts';
import { nodeWasmEngine } from './wasmEngine.node.ts';

const slow = !!process.env.SLOW;

/** Runs to halt (or maxTokens) with a residual trace (a hash per token of every layer's residual stream). */
async function tracedRun(model: Model, prompt: number[], attention: SessionOptions['attention'], ramps: boolean, maxTokens = 5_000_000) {
  const engine = await nodeWasmEngine();
  const s = engine.createSession(model, { attention, maxTokens });
  try {
    s.setRampPath(ramps);
    s.traceResiduals();
    s.feed(prompt);
    const tokens: number[] = [];
    for (;;) {
      const r = s.generate(65_536);
      tokens.push(...r.tokens);
      if (r.stopped) break;
    }
    return { tokens, trace: s.residualTrace(), stats: s.rampStats() };
  } finally {
    s.dispose();
  }
}

function firstDivergence(a: string[], b: string[]): string {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `the residual stream differs first at token ${i}: ${a[i]} vs ${b[i]}`;
  return 'equal';
}

/**
 * The ramp FFN path (emscripten/rampFfn.cpp) against the dense product, bit for bit: the residual
 * stream after every layer of every token is the same with the path, without it, and in the
 * core's all-dense mode; the path must actually have run on every token.
 */
async function checkRampPath(program: Program, input: Uint8Array | null, name: string, milp: boolean) {
  const { model } = buildSpecializedModel(program, milp ? { highs: await loadHighs(), timeLimit: 20 } : {}, name);
  const engine = await nodeWasmEngine();
  const ramps = engine.rampUnits(model);
  // One layer holds the instruction table's ramps relu(cursor − i), one per instruction boundary
  // some table changes at.
  expect(ramps.filter((n) => n > 0)).toHaveLength(1);
  expect(Math.max(...ramps)).toBeGreaterThan(program.instructions.length / 2);

  const prompt = tokenIds(model, promptFor(model, program, input));
  const fast = await tracedRun(model, prompt, 'fast', true);
  const fastDense = await tracedRun(model, prompt, 'fast', false);
  const dense = await tracedRun(model, prompt, 'hull', false);
  // Every token takes the path but the start token, where `one` = 0 (the path checks it is 1).
  expect(fast.stats.misses).toBe(1);
  expect(fast.stats.hits).toBe(fast.trace.length - 1);
  expect(fastDense.stats.hits).toBe(0);
  expect(firstDivergence(fast.trace, fastDense.trace)).toBe('equal');
  expect(firstDivergence(fast.trace, dense.trace)).toBe('equal');
  const generated = fast.tokens.map((id) => model.vocab[id]);
  expect(formatDivergence(checkAgainstReference(program, input, generated).divergence)).toBe('match');
  return { model, tokens: fast.trace.length };
}

describe('ramp FFN path (specialized instruction table)', () => {
  it('hello (greedy schedule): every token through the ramp path, residuals equal to the dense product', async () => {
    const { program, input } = await compiledExample('hello');
    await checkRampPath(program, input, 'hello', false);
  });

  it.runIf(slow)('hello, MILP-scheduled (the page\'s way): the same', async () => {
    const { program, input } = await compiledExample('hello');
    await checkRampPath(program, input, 'hello', true);
  });

  it('recognition is from the weights: a model whose ramp outputs are not integers keeps the dense loop', async () => {
    const { program, input } = await compiledExample('hello');
    const { model } = buildSpecializedModel(program, {}, 'hello');
    const engine = await nodeWasmEngine();
    const layer = engine.rampUnits(model).findIndex((n) => n > 0);
    const { ffnOut } = model.layers[layer];
    const scaled: Model = { ...model, layers: model.layers.map((l, i) => (i === layer ? { ...l, ffnOut: ffnOut.map((w) => w * 0.5) } : l)) };
    expect(engine.rampUnits(scaled)[layer]).toBe(0);
    void input;
  });

  it('a layer whose breakpoints span more than the memo table holds: every cursor value computed afresh, still equal to the dense product', async () => {
    const { program, input } = await compiledExample('hello');
    const { model } = buildSpecializedModel(program, {}, 'hello');
    const engine = await nodeWasmEngine();
    const layer = engine.rampUnits(model).findIndex((n) => n > 0);
    const { D, F } = model;
    const ffnIn = model.layers[layer].ffnIn.slice();
    // Ramps: a gate row a·x_s + b·x_one and a value row v·x_one. Every other one is moved 10⁶
    // along the cursor (b += a·10⁹, so it is active for every cursor the program reaches): the
    // span of breakpoints is then far beyond the table, and the ramp sums are not trivial.
    let moved = 0;
    for (let u = 0; u < F; u++) {
      const gate = [...ffnIn.subarray(u * D, (u + 1) * D)].flatMap((w, j) => (w !== 0 ? [j] : []));
      const value = [...ffnIn.subarray((F + u) * D, (F + u + 1) * D)].flatMap((w, j) => (w !== 0 ? [j] : []));
      if (gate.length !== 2 || value.length !== 1 || !gate.includes(value[0])) continue;
      const one = value[0], s = gate.find((j) => j !== one)!;
      if (moved === 0 && ffnIn[u * D + s] > 0) {
        ffnIn[u * D + one] += ffnIn[u * D + s] * 1e6;
        moved++;
      }
    }
    expect(moved).toBe(1);
    const shifted: Model = { ...model, layers: model.layers.map((l, i) => (i === layer ? { ...l, ffnIn } : l)) };
    expect(engine.rampUnits(shifted)[layer]).toBe(engine.rampUnits(model)[layer]);
    const prompt = tokenIds(shifted, promptFor(shifted, program, input));
    const fast = await tracedRun(shifted, prompt, 'fast', true, 3_000);
    const dense = await tracedRun(shifted, prompt, 'hull', false, 3_000);
    expect(fast.stats.hits).toBeGreaterThan(fast.trace.length / 2);
    expect(firstDivergence(fast.trace, dense.trace)).toBe('equal');
    expect(fast.tokens).toEqual(dense.tokens);
  });

  for (const name of ['fibonacci', 'recursion', 'calculator', 'min_cost_matching']) {
    it.runIf(slow)(`${name}, MILP-scheduled: every token through the ramp path, residuals equal to the dense product`, async () => {
      const { program, input } = await compiledExample(name);
      await checkRampPath(program, input, name, true);
    }, 1_200_000);
  }

  it.runIf(slow)('a generated program of 3,000+ instructions, MILP-scheduled: the same', async () => {
    const { program, input } = await compileSourceCached(generatedProgramSource(16), 'generated16.c', 'a');
    expect(program.instructions.length).toBeGreaterThan(3_000);
    await checkRampPath(program, input, 'generated', true);
  }, 1_200_000);
});
