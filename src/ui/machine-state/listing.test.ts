import { describe, expect, it } from 'vitest';
import type { Program } from '../../core/program/program.ts';
import { formatOperand, functionAt, listingWindow } from './listing.ts';

const p: Program = {
  inputBase: null,
  instructions: [
    { op: 'call', imm: 1 }, { op: 'halt', imm: 0 }, { op: 'i32.const', imm: 0xffffffff }, // 0..2: _start
    { op: 'br_if', imm: 0xfffffffe }, { op: 'local.get', imm: 3 }, { op: 'i32.load8_u', imm: 4 }, { op: 'return', imm: 0 },
  ],
  functions: [{ name: '(startup)', start: 0, end: 2 }, { name: 'compute', start: 2, end: 7 }],
  sourceLines: [null, null, 5, 5, 6, null, 7],
};

describe('instruction listing', () => {
  it('formats operands: jump targets, callee names, locals, signed constants, offsets', () => {
    expect(formatOperand(p, 0)).toBe('→ compute');
    expect(formatOperand(p, 2)).toBe('-1');
    expect(formatOperand(p, 3)).toBe('→ 2');
    expect(formatOperand(p, 4)).toBe('l3');
    expect(formatOperand(p, 5)).toBe('offset=4');
    expect(formatOperand(p, 6)).toBe('');
  });

  it('groups the window by function and marks the cursor', () => {
    expect(functionAt(p, 4)?.name).toBe('compute');
    const rows = listingWindow(p, 3, 2, 1);
    expect(rows.map((r) => (r.kind === 'function' ? `[${r.name}]` : `${r.index}${r.current ? '*' : ''}:${r.line ?? '-'}`)))
      .toEqual(['[(startup)]', '1:-', '[compute]', '2:5', '3*:5', '4:6']);
  });
});
