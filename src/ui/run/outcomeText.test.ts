import { describe, expect, it } from 'vitest';
import { describeRun } from './outcomeText.ts';
import type { InferSummary, RunSummary } from '../../protocol/run.ts';

const ref: RunSummary = { stop: 'halt', generatedTokens: 1234, prefixTokens: 50, instructionsExecuted: 300, outputBytes: 4, engineMs: 12, engine: 'reference interpreter' };
const tf = (over: Partial<InferSummary>): InferSummary => ({
  ...ref, engine: 'transformer (wasm core)', promptTokens: 50, feedMs: 3, modelKey: 'k', specialized: false, stateBytes: 0,
  check: { result: 'match', tokens: 1234, ms: 1 }, ...over,
});

describe('describeRun', () => {
  it('says one stop reason in the status line and the output pane', () => {
    const budget = describeRun({ ...ref, stop: 'budget' }, 5_000_000, 10);
    expect(budget.reason).toBe('stopped at the token limit of 5,000,000');
    expect(budget.status.startsWith('Stopped at the token limit of 5,000,000: ')).toBe(true);
    const cap = describeRun(tf({ stop: 'budget', error: "stopped at the transformer's limit of 16,777,216 positions (prompt included)" }), 50_000_000, 10);
    expect(cap.reason).toBe("stopped at the transformer's limit of 16,777,216 positions (prompt included)");
    expect(cap.status).toMatch(/^Stopped at the transformer's limit of 16,777,216 positions/);
    expect(cap.status).not.toMatch(/token limit/);
  });

  it('puts a divergence first, with the token to jump to', () => {
    const d = describeRun(tf({ check: { result: 'diverged', index: 777, transformer: "out(w)", reference: 'commit(-1,sts=0,bt=0)', ms: 1 } }), 1e6, 10);
    expect(d.tone).toBe('error');
    expect(d.divergedAt).toBe(777);
    expect(d.reason).toMatch(/^the transformer DIVERGED from the reference interpreter at trace token 777: transformer 'out\(w\)', reference 'commit/);
    expect(d.status).toMatch(/^The transformer DIVERGED/);
  });

  it('names the exit status when the run carries one', () => {
    const e = describeRun({ ...ref, exitStatus: 3 }, 1e6, 10);
    expect(e.reason).toBe('exited with status 3');
    expect(e.status).toMatch(/^Halted after .* · exited with status 3$/);
    expect(e.tone).toBe('error');
    expect(describeRun({ ...ref, exitStatus: 0 }, 1e6, 10)).toMatchObject({ reason: 'exited with status 0', tone: 'ok' });
    const trap = describeRun({ ...ref, exitStatus: 136, trap: 'integer divide by zero' }, 1e6, 10);
    expect(trap.reason).toBe('trap: integer divide by zero (status 136)');
    expect(describeRun(ref, 1e6, 10)).toMatchObject({ reason: 'halted', tone: 'ok' });
  });
});
