import { describe, expect, it } from 'vitest';
import { handPrograms } from '../machine/testing/handPrograms.ts';
import { formatRefFile, programPrefixTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { DISPLAY_TOKENS } from './displayTokens.ts';
import { ReferenceRunner } from './referenceRun.ts';
import { compiledExample } from '../../testing/compiledExamples.ts';
import type { RunEvent } from './runEvents.ts';

describe('a reference run as the run worker streams it', () => {
  it('ships the prefix and the trace as display ids, the output, one line per prefix instruction, and _ref.txt', () => {
    const h = handPrograms().find((x) => x.name === 'echo_and_call')!;
    const input = h.input ?? new Uint8Array();
    const runner = new ReferenceRunner();
    const events: RunEvent[] = [];
    const summary = runner.run({ program: h.program, input, maxTokens: 1_000_000 }, (e) => events.push(e));
    const ref = runReference(h.program, input, { trace: true });
    const shown: string[] = [];
    const starts: number[] = [];
    const out: number[] = [];
    for (const e of events) {
      if (e.kind === 'tokens') {
        expect(e.batch.start).toBe(shown.length);
        for (const id of e.batch.ids) shown.push(DISPLAY_TOKENS[id]);
        starts.push(...e.batch.lineStarts);
      } else if (e.kind === 'output') out.push(...e.bytes);
    }
    const n = h.program.instructions.length;
    const prefix = 5 * n + 2;
    expect(shown.slice(0, prefix)).toEqual(programPrefixTokens(h.program, input).slice(0, prefix));
    expect(shown.slice(prefix)).toEqual(ref.tokens);
    expect(out).toEqual([...ref.output]);
    expect(starts.filter((s) => s < prefix)).toEqual([0, ...Array.from({ length: n }, (_, i) => 1 + 5 * i), prefix - 1]);
    expect(summary).toMatchObject({ stop: 'halt', generatedTokens: ref.tokenCount, prefixTokens: prefix, outputBytes: ref.output.length });
    expect(runner.lastRefFile()).toBe(formatRefFile(h.program, ref.tokens!));
  });

  it('stops the trace at exactly the token limit (the interpreter finishes the instruction the limit falls in)', () => {
    const h = handPrograms().find((x) => x.name === 'echo_and_call')!;
    const input = h.input ?? new Uint8Array();
    const full = runReference(h.program, input, { trace: true }).tokens!;
    // A limit inside an instruction's tokens, not on a boundary.
    const limit = Math.floor(full.length / 2) | 1;
    const runner = new ReferenceRunner();
    let generated = 0;
    const summary = runner.run({ program: h.program, input, maxTokens: limit }, (e) => {
      if (e.kind === 'tokens') generated = e.generated;
    });
    expect(summary).toMatchObject({ stop: 'budget', generatedTokens: limit });
    expect(generated).toBe(limit);
    expect(runner.lastRefFile()).toBe(formatRefFile(h.program, full.slice(0, limit)));
  });

  it('ships a long run in batches while it runs, holding 2 bytes a token', async () => {
    const ex = await compiledExample('sudoku');
    const input = ex.input ?? new Uint8Array();
    const ref = runReference(ex.program, input, { trace: true });
    expect(ref.tokenCount).toBeGreaterThan(3 * (1 << 16));
    const runner = new ReferenceRunner();
    const generated: number[] = [];
    const summary = runner.run({ program: ex.program, input, maxTokens: 10_000_000 }, (e) => {
      if (e.kind === 'tokens' && e.generated > 0) generated.push(e.generated);
    });
    // Several batches, each shipped as produced (growing counts), ending at the whole trace.
    expect(generated.length).toBeGreaterThan(3);
    expect(generated).toEqual([...generated].sort((a, b) => a - b));
    expect(generated.at(-1)).toBe(ref.tokenCount);
    expect(summary.generatedTokens).toBe(ref.tokenCount);
    expect(runner.lastRefFile()).toBe(formatRefFile(ex.program, ref.tokens!));
  });
});
