import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../machine/buildMachine.ts';
import { compileToProgram } from '../pipeline.ts';
import { inputSectionTokens, programPrefixTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { runEvaluator } from './runEvaluator.ts';
import { firstDivergence, formatDivergence } from '../tokens/traceDiff.ts';

interface ManifestEntry {
  name: string;
  file: string;
  args: string;
  tier?: 'fast' | 'slow';
}

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
const manifest = JSON.parse(readFileSync(join(EXAMPLES, 'manifest.json'), 'utf8')) as ManifestEntry[];
/** Long traces (10^5–10^6 tokens) run only with SLOW=1. */
const LONG = new Set(['sudoku', 'min_cost_matching']);
/** Traces of 10^7 tokens and more: checked by the reference interpreter against gcc and by the core, never here. */
const BEYOND_EVALUATOR = new Set(['mandelbrot']);
const slow = !!process.env.SLOW;
const universal = buildMachine();

describe('exact evaluator on the example programs (token for token against the reference interpreter)', () => {
  for (const e of manifest) {
    const isSlow = LONG.has(e.name) || e.tier === 'slow';
    if (BEYOND_EVALUATOR.has(e.name)) continue;
    it.skipIf(isSlow && !slow)(`${e.name}${isSlow ? ' (slow tier)' : ''}`, { timeout: 1_800_000 }, async () => {
      const { program, compiled } = await compileToProgram(readFileSync(join(EXAMPLES, e.file), 'utf8'), { fileName: e.file });
      const input = compiled.takesInput ? new TextEncoder().encode(e.args) : null;
      const ref = runReference(program, input, { trace: true });
      expect(ref.error ?? ref.stop).toBe('halt');
      const run = runEvaluator(universal, programPrefixTokens(program, input), { maxTokens: ref.tokenCount + 10 });
      const got = [...inputSectionTokens(program, input), ...run.generated];
      expect(formatDivergence(firstDivergence(got, ref.tokens!), 'trace token')).toBe('match');
      expect(new TextDecoder().decode(run.output)).toBe(new TextDecoder().decode(ref.output));
    });
  }
});
