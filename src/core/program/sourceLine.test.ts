import { describe, expect, it } from 'vitest';
import type { Program } from './program.ts';
import { executingLine } from './sourceLine.ts';

const program = (sourceLines: (number | null)[] | undefined): Program => ({
  instructions: Array.from({ length: 8 }, () => ({ op: 'i32.add', imm: 0 })),
  inputBase: null,
  functions: [{ name: 'f', start: 0, end: 4 }, { name: 'main', start: 4, end: 8 }],
  sourceLines,
});

describe('executingLine', () => {
  it('is the instruction\'s own line when it has one', () => {
    expect(executingLine(program([3, 4, 5, 6, 10, 11, 12, 13]), 6)).toBe(12);
  });

  it('carries the previous line of the same function over instructions without one', () => {
    const p = program([3, null, null, 6, 10, null, 12, null]);
    expect([1, 2, 5, 7].map((i) => executingLine(p, i))).toEqual([3, 3, 10, 12]);
  });

  it('never takes a line from another function, and is null before a function\'s first line', () => {
    const p = program([3, 4, 5, 6, null, null, 12, 13]);
    expect(executingLine(p, 4)).toBeNull();
    expect(executingLine(p, 5)).toBeNull();
  });

  it('is null for a program without debug lines', () => {
    expect(executingLine(program(undefined), 2)).toBeNull();
  });
});
