import { describe, expect, it } from 'vitest';
import { compileToProgram } from '../pipeline.ts';
import { programPrefixTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { buildModel } from '../weights/buildModel.ts';
import { nodeWasmEngine } from './wasmEngine.node.ts';
import { tokenIds } from './vocabulary.ts';

/**
 * SLOW=1 only: a program whose run (about 18.5M tokens) crosses the former sequence limit of 2^24
 * positions, through the Emscripten core's fast mode, compared with the reference interpreter
 * token by token up to its halt (docs/inference-core.md, "Sequence length").
 */
const SOURCE = `// Counts the primes below a bound by trial division (% in a double loop).
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

describe.skipIf(!process.env.SLOW)('a run across 2^24 positions', () => {
  it('matches the reference token by token to its halt', async () => {
    const { program } = await compileToProgram(SOURCE, { fileName: 'primes.c' });
    const model = buildModel({ kind: 'universal' }).model;
    const promptText = programPrefixTokens(program, null);
    const ref = runReference(program, null, { trace: true, maxTokens: 30_000_000 });
    expect(ref.stop).toBe('halt');
    const expected = tokenIds(model, ref.tokens!.slice(promptText.length - promptText.indexOf('}') - 1));
    expect(promptText.length + expected.length).toBeGreaterThan(1 << 24);
    const s = (await nodeWasmEngine()).createSession(model, { maxTokens: 30_000_000 });
    s.feed(tokenIds(model, promptText));
    let at = 0;
    let divergence: string | null = null;
    for (;;) {
      const r = s.generate(65536);
      for (const t of r.tokens) {
        if (divergence === null && t !== expected[at]) divergence = `generated token ${at}: ${model.vocab[t]} vs reference ${model.vocab[expected[at]] ?? '(end)'}`;
        at++;
      }
      if (r.stopped || r.tokens.length === 0 || divergence) break;
    }
    s.dispose();
    expect(divergence).toBeNull();
    expect(at).toBe(expected.length);
  }, 3_600_000);
});
