import { describe, expect, it } from 'vitest';
import { createSession } from '../infer/tsEngine.ts';
import { assembleProgram } from '../program/assemble.ts';
import { irModule } from '../program/testing/irModule.ts';
import { programPrefixTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { buildModel } from './buildModel.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

// Loops, loads, calls with a callee local, returns, output.
const program = assembleProgram(irModule([
  {
    name: 'compute', params: 1, locals: 1,
    body: [
      'block', 'loop',
      ['local.get', 0], ['i32.load8_u', 0], ['local.tee', 1], 'i32.eqz', ['br_if', 1],
      ['local.get', 1], ['call', 2], ['call', 0],
      ['local.get', 0], ['i32.const', 1], 'i32.add', ['local.set', 0],
      ['br', 0], 'end', 'end',
    ],
  },
  { name: 'upper', params: 1, results: 1, locals: 1, body: [['local.get', 0], ['i32.const', 32], 'i32.sub', ['local.tee', 1], ['local.get', 1], 'drop', 'return'] },
]));

describe('weights built from the graph and a greedy schedule', () => {
  const built = buildModel({ kind: 'universal' });
  const { model } = built;

  it('has the universal shape', () => {
    expect(model.V).toBe(915);
    expect(model.D % 2).toBe(0);
    expect(model.H).toBe(model.D / 2);
    expect(model.vocab[model.stopToken]).toBe('halt');
  });

  it('reproduces the reference trace through the TS engine', () => {
    const prompt = programPrefixTokens(program, enc('abc'));
    const ref = runReference(program, enc('abc'), { trace: true });
    const ids = new Map(model.vocab.map((t, i) => [t, i]));
    const session = createSession(model);
    // Feed through `}` and the input section, then generate.
    session.feed(prompt.map((t) => ids.get(t)!));
    const gen = session.generate(ref.tokens!.length + 10);
    const got = gen.tokens.map((i) => model.vocab[i]);
    const expected = ref.tokens!.slice(prompt.length - prompt.indexOf('}') - 1);
    const n = Math.min(got.length, expected.length);
    let i = 0;
    while (i < n && got[i] === expected[i]) i++;
    expect(i === n && got.length === expected.length ? 'match' : `diverges at generated token ${i}: got ${got[i]}, expected ${expected[i]}`).toBe('match');
    expect(new TextDecoder().decode(ref.output)).toBe('ABC');
  });
});
