import { beforeAll, describe, expect, it } from 'vitest';
import { compiledExample } from '../../testing/compiledExamples.ts';
import { inputSectionTokens, programPrefixTokens } from '../program/tokenFiles.ts';
import type { Program } from '../program/program.ts';
import { runReference } from '../reference/interpret.ts';
import { runProgram } from '../run/runProgram.ts';
import { promptFor } from '../run/specializedModel.ts';
import { formatDivergence } from '../tokens/traceDiff.ts';
import type { Model } from '../weights/binFile.ts';
import { buildModel } from '../weights/buildModel.ts';
import { referenceEngine } from './referenceEngine.ts';
import { nodeWasmEngine } from './wasmEngine.node.ts';
import { tokenIds } from './vocabulary.ts';

let model: Model;
beforeAll(() => {
  model = buildModel({ kind: 'universal' }).model;
});

describe('the reference interpreter behind the engine interface', () => {
  it('generates the reference trace after the prompt, in batches of any size, and the exit status', async () => {
    const ex = await compiledExample('collatz');
    const run = runProgram(referenceEngine, model, ex.program, ex.input, { batch: 777, check: true });
    expect(formatDivergence(run.check!.divergence)).toBe('match');
    expect(run.stopped).toBe('stop');
    const ref = runReference(ex.program, ex.input);
    expect(run.exitStatus).toBe(ref.exitStatus);
    expect(run.generated.length).toBe(ref.tokenCount - inputSectionTokens(ex.program, ex.input).length);
  });

  it('generates exactly what the transformer generates (the core on the universal model)', async () => {
    const ex = await compiledExample('fibonacci');
    const a = runProgram(referenceEngine, model, ex.program, ex.input);
    const b = runProgram(await nodeWasmEngine(), model, ex.program, ex.input);
    expect(a.generated.toArray()).toEqual(b.generated.toArray());
    expect(a.stopped).toBe('stop');
  });

  it('stops at its token budget like the other engines', async () => {
    const ex = await compiledExample('collatz');
    const s = referenceEngine.createSession(model, { maxTokens: 1000 });
    s.feed(tokenIds(model, promptFor(model, ex.program, ex.input)));
    const r = s.generate(5000);
    expect(r.tokens).toHaveLength(1000);
    expect(r.stopped).toBe('limit');
  });

  it('refuses a prompt that does not hold the program, and names a machine fault after the tokens before it', () => {
    const s = referenceEngine.createSession(model);
    s.feed(tokenIds(model, ['00', 'halt']));
    expect(() => s.generate(10)).toThrow(/needs a prompt that holds the program/);

    const faulting: Program = { instructions: [{ op: 'i32.const', imm: 0xfffffff0 }, { op: 'i32.load', imm: 0 }, { op: 'halt', imm: 0 }], inputBase: null };
    const f = referenceEngine.createSession(model);
    f.feed(tokenIds(model, programPrefixTokens(faulting, null)));
    const first = f.generate(100);
    expect(first.tokens.length).toBeGreaterThan(0);
    expect(first.stopped).toBeNull();
    expect(() => f.generate(100)).toThrow(/reference interpreter stopped: out of bounds memory access/);
  });
});
