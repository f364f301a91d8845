import { describe, expect, it } from 'vitest';
import type { Program } from '../../core/program/program.ts';
import { cName, callStack, listingWindow } from './listing.ts';

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

describe('a main declared without arguments', () => {
  // clang renames it __original_main and adds a `main` that calls it: main (0–3) calls __original_main at 1.
  const shimmed: Program = {
    instructions: Array.from({ length: 8 }, () => ({ op: 'i32.const', imm: 0 })),
    inputBase: null,
    functions: [{ name: 'main', start: 0, end: 3 }, { name: '__original_main', start: 3, end: 6 }, { name: 'f', start: 6, end: 8 }],
    sourceLines: [null, null, null, 5, 6, 7, 2, 2],
  };

  it('is main in the call stack and the listing; the shim is not a C frame', () => {
    expect(callStack(shimmed, 7, [2, 5])).toEqual([{ name: 'f', line: 2 }, { name: 'main', line: 6 }]);
    expect(listingWindow(shimmed, 4, 2, 0).filter((r) => r.kind === 'function').map((r) => r.kind === 'function' && r.name)).toEqual(["main's argument shim", 'main']);
    expect(cName(program, 'main')).toBe('main');
  });
});
