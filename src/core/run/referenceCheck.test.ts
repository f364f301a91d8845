import { describe, expect, it } from 'vitest';
import { handPrograms } from '../machine/testing/handPrograms.ts';
import { inputSectionTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { compareWithReference, stringTokens } from './referenceCheck.ts';

const echo = handPrograms().find((h) => h.name === 'echo_and_call')!;
const trace = runReference(echo.program, echo.input, { trace: true }).tokens!;
const skip = inputSectionTokens(echo.program, echo.input).length;

describe('compareWithReference', () => {
  it('a full trace matches, from the trace or from after the input section', () => {
    expect(skip).toBeGreaterThan(0);
    const a = compareWithReference(echo.program, echo.input, stringTokens(trace), { from: 'trace', truncated: false });
    expect(a.divergence).toBeNull();
    expect(a.verifiedTokens).toBe(trace.length);
    expect(a.instructions).toBeGreaterThan(0);
    const b = compareWithReference(echo.program, echo.input, stringTokens(trace.slice(skip)), { from: 'generated', truncated: false });
    expect(b.divergence).toBeNull();
    expect(b.referenceTokens).toBe(trace.length - skip);
  });

  it('names the first diverging token and both values', () => {
    const got = trace.slice();
    got[skip + 3] = got[skip + 3] === '00' ? '01' : '00';
    const c = compareWithReference(echo.program, echo.input, stringTokens(got), { from: 'trace', truncated: false });
    expect(c.divergence).toEqual({ index: skip + 3, got: got[skip + 3], expected: trace[skip + 3] });
    expect(c.verifiedTokens).toBe(skip + 3);
  });

  it('a run cut by the token limit is compared over what it produced; a short run that was not cut is a length mismatch', () => {
    const cut = trace.slice(0, trace.length - 7);
    expect(compareWithReference(echo.program, echo.input, stringTokens(cut), { from: 'trace', truncated: true }).divergence).toBeNull();
    const short = compareWithReference(echo.program, echo.input, stringTokens(cut), { from: 'trace', truncated: false });
    expect(short.divergence).toEqual({ index: cut.length, got: '<end>', expected: trace[cut.length] });
    const long = compareWithReference(echo.program, echo.input, stringTokens([...trace, 'halt']), { from: 'trace', truncated: false });
    expect(long.divergence).toEqual({ index: trace.length, got: 'halt', expected: '<end>' });
    expect(long.referenceStop).toBe('halt');
  });
});
