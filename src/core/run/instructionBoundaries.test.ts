import { describe, expect, it } from 'vitest';
import { lineOf, spanOf, stepFrom, type LineIndex } from './instructionBoundaries.ts';

/** A stream of `length` tokens whose lines start at `starts`. */
function stream(starts: number[], length: number): LineIndex {
  return {
    length,
    lines: starts.length,
    lineRange: (r) => [starts[r], r + 1 < starts.length ? starts[r + 1] : length],
  };
}

describe('instruction boundaries', () => {
  const s = stream([0, 1, 6, 11, 12, 17, 20], 26);

  it('finds the line of every token (against a linear scan)', () => {
    for (let t = 0; t < s.length; t++) {
      let expected = 0;
      for (let r = 0; r < s.lines; r++) if (s.lineRange(r)[0] <= t) expected = r;
      expect(lineOf(s, t), `token ${t}`).toBe(expected);
    }
    expect(spanOf(s, 13)).toEqual({ line: 4, start: 12, end: 17 });
    expect(lineOf(stream([], 0), 0)).toBe(-1);
  });

  it('steps by token within the stream', () => {
    expect(stepFrom(s, 5, 'token', 1)).toBe(6);
    expect(stepFrom(s, 25, 'token', 1)).toBe(25);
    expect(stepFrom(s, 0, 'token', -1)).toBe(0);
  });

  it('steps forward to the next terminal token (end of a line)', () => {
    expect(stepFrom(s, 7, 'instruction', 1)).toBe(10); // inside line [6,11): to its end
    expect(stepFrom(s, 10, 'instruction', 1)).toBe(11); // already at the end: next line [11,12)
    expect(stepFrom(s, 11, 'instruction', 1)).toBe(16);
    expect(stepFrom(s, 25, 'instruction', 1)).toBe(25);
  });

  it('steps back to the end of the previous line', () => {
    expect(stepFrom(s, 16, 'instruction', -1)).toBe(11);
    expect(stepFrom(s, 13, 'instruction', -1)).toBe(11);
    expect(stepFrom(s, 0, 'instruction', -1)).toBe(0);
    expect(stepFrom(s, 3, 'instruction', -1)).toBe(0);
  });

  it('forward then back returns to the same terminal token', () => {
    for (let t = 0; t < s.length; t++) {
      const end = s.lineRange(lineOf(s, t))[1] - 1;
      if (end !== t || t === s.length - 1) continue;
      expect(stepFrom(s, stepFrom(s, t, 'instruction', 1), 'instruction', -1), `from ${t}`).toBe(t);
    }
  });
});
