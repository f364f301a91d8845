import { describe, expect, it } from 'vitest';
import type { Program } from '../../core/program/program.ts';
import { callStack } from './listing.ts';

const program: Program = {
  instructions: Array.from({ length: 12 }, () => ({ op: 'i32.const', imm: 0 })),
  inputBase: null,
  functions: [{ name: '(startup)', start: 0, end: 2 }, { name: 'main', start: 2, end: 6 }, { name: 'area', start: 6, end: 9 }, { name: 'mul', start: 9, end: 12 }],
  sourceLines: [null, null, 7, 8, 8, 9, null, 4, 4, null, null, null],
};

describe('callStack', () => {
  it('names the function at the cursor, then each caller at the line of its call', () => {
    // main calls area at 4 (returns to 5); area calls mul at 8 (returns to 9).
    expect(callStack(program, 10, [5, 9])).toEqual([{ name: 'mul', line: null }, { name: 'area', line: 4 }, { name: 'main', line: 8 }]);
    expect(callStack(program, 3, [])).toEqual([{ name: 'main', line: 8 }]);
  });
});
