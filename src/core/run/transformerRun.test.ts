import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmEngine } from '../infer/wasmEngine.node.ts';
import type { WasmEngine } from '../infer/wasmEngine.ts';
import { buildMachine } from '../machine/buildMachine.ts';
import { compileToProgram } from '../pipeline.ts';
import { programHash } from '../program/programHash.ts';
import type { Program } from '../program/program.ts';
import { formatRefFile } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { buildModel } from '../weights/buildModel.ts';
import { machineFingerprint } from '../weights/fingerprint.ts';
import { builtModelFile } from '../weights/modelMeta.ts';
import { DISPLAY_TOKENS } from './displayTokens.ts';
import type { InferEvent, InferSummary } from './runEvents.ts';
import { TransformerRunner, warmUp } from './transformerRun.ts';

/**
 * The worker's run logic in Node with the Emscripten core and greedy-scheduled models (built in
 * well under a second): streamed tokens and output equal the reference, limits, the reference
 * check's verdicts, and the specialized model's program check.
 */

const examples = new URL('../../../examples/', import.meta.url);
const hello = readFileSync(new URL('hello.c', examples), 'utf8');

let wasm: WasmEngine;
let helloProgram: Program;
let loopProgram: Program;

function runner(kind: 'universal' | 'specialized', program?: Program, provenance: Record<string, string> = {}): TransformerRunner {
  const opts = kind === 'universal' ? { kind } as const : { kind, program: program! } as const;
  const built = buildModel(opts);
  const { meta } = builtModelFile(built, machineFingerprint(built.machine), provenance);
  return new TransformerRunner(wasm, built.model, meta, `${kind}-test`);
}

function collect(r: TransformerRunner, program: Program, args: string, maxTokens = 1_000_000) {
  const events: InferEvent[] = [];
  const summary: InferSummary = r.run({ program, input: new TextEncoder().encode(args), maxTokens, check: true }, (e) => events.push(e));
  const shown: string[] = [];
  const out: number[] = [];
  let next = 0;
  for (const e of events) {
    if (e.kind === 'tokens') {
      expect(e.batch.start).toBe(next);
      next += e.batch.ids.length;
      for (const id of e.batch.ids) shown.push(DISPLAY_TOKENS[id]);
    } else if (e.kind === 'output') out.push(...e.bytes);
  }
  return { summary, shown, output: new TextDecoder().decode(Uint8Array.from(out)), events };
}

beforeAll(async () => {
  wasm = await nodeWasmEngine();
  helloProgram = (await compileToProgram(hello, { fileName: 'hello.c' })).program;
  loopProgram = (await compileToProgram('int main(void) {\n  for (;;) {}\n  return 0;\n}\n', { fileName: 'loop.c' })).program;
});

describe('a transformer run as the inference worker streams it', () => {
  it('hello on the universal model: halts, output and trace equal the reference, check says match', () => {
    const r = runner('universal');
    const { summary, shown, output } = collect(r, helloProgram, 'World');
    const ref = runReference(helloProgram, new TextEncoder().encode('World'), { trace: true });
    expect(summary.stop).toBe('halt');
    expect(summary.check).toMatchObject({ result: 'match', tokens: ref.tokenCount });
    expect(summary.generatedTokens).toBe(ref.tokenCount);
    expect(summary.instructionsExecuted).toBe(ref.instructionsExecuted);
    expect(output).toBe(new TextDecoder().decode(ref.output));
    // What the page shows: the `{ … }` prefix, then exactly the reference trace.
    expect(shown.slice(summary.prefixTokens)).toEqual(ref.tokens);
    expect(shown[0]).toBe('{');
    expect(r.lastRefFile()).toBe(formatRefFile(helloProgram, ref.tokens!));
  });

  it('a runaway loop stops at the token limit, and the check covers the tokens generated', () => {
    const { summary } = collect(runner('universal'), loopProgram, '', 3000);
    expect(summary.stop).toBe('budget');
    expect(summary.generatedTokens).toBe(3000);
    expect(summary.check).toMatchObject({ result: 'match', tokens: 3000 });
  });

  it('a specialized model runs from `start` and matches the reference', () => {
    const r = runner('specialized', helloProgram, { programHash: programHash(helloProgram), program: 'hello' });
    const { summary, shown, output } = collect(r, helloProgram, 'Ada');
    const ref = runReference(helloProgram, new TextEncoder().encode('Ada'), { trace: true });
    expect(shown[0]).toBe('start');
    expect(summary.prefixTokens).toBe(1);
    expect(summary.specialized).toBe(true);
    expect(summary.check.result).toBe('match');
    expect(output).toBe(new TextDecoder().decode(ref.output));
  });

  it('a specialized model refuses another program, and reports the first divergence when it cannot tell', () => {
    const labelled = runner('specialized', helloProgram, { programHash: programHash(helloProgram), program: 'hello' });
    expect(() => labelled.run({ program: loopProgram, input: new Uint8Array(), maxTokens: 100, check: true }, () => {}))
      .toThrow(/specialized model is for 'hello'/);
    // Without a recorded hash it runs hello's weights against the loop's reference trace.
    const unlabelled = runner('specialized', helloProgram);
    const { summary } = collect(unlabelled, loopProgram, '', 2000);
    expect(summary.check.result).toBe('diverged');
    if (summary.check.result === 'diverged') {
      expect(summary.check.transformer).not.toBe(summary.check.reference);
      expect(summary.check.index).toBeGreaterThanOrEqual(0);
    }
  });
});

it('the warm-up loop runs on the universal model and is skipped for a specialized one', () => {
  const universal = buildModel({ kind: 'universal' }).model;
  expect(warmUp(wasm, universal, 50).tokens).toBeGreaterThan(1000);
  expect(warmUp(wasm, buildModel({ kind: 'specialized', program: helloProgram }).model, 50).tokens).toBe(0);
});

it('the playground can display every token of both kinds of machine', () => {
  const known = new Set(DISPLAY_TOKENS);
  for (const m of [buildMachine({ kind: 'universal' }), buildMachine({ kind: 'specialized', program: { instructions: [{ op: 'halt', imm: 0 }], inputBase: null } })]) {
    expect(m.vocabulary.tokens.filter((t) => !known.has(t))).toEqual([]);
  }
});
