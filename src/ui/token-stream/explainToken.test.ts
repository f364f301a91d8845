import { describe, expect, it } from 'vitest';
import { explainToken } from './explainToken.ts';
import { DISPLAY_TOKENS } from '../../core/run/displayTokens.ts';

describe('explainToken', () => {
  it('says what commits, marked bytes, outputs and branches mean', () => {
    expect(explainToken('commit(-1,sts=0,bt=0)', 'run')).toBe('commit(-1,sts=0,bt=0): the instruction is done; it pops 1 value, it stores nothing on the stack, and execution goes on with the next instruction.');
    expect(explainToken('commit(+1,sts=1,bt=1)', 'run')).toMatch(/pushes 1 value, its result goes on the stack, and the branch was taken/);
    expect(explainToken("ff'", 'run')).toMatch(/0xff = 255.*carry, borrow or sign/);
    expect(explainToken('out(A)', 'run')).toBe("out(A): the program printed byte 0x41 ('A').");
    expect(explainToken('41', 'input')).toMatch(/input \(0x41 \('A'\)\)/);
    expect(explainToken('i32.add', 'prefix')).toMatch(/opcode in the program prefix/);
    expect(explainToken('branch_taken', 'run')).toMatch(/jump/);
  });

  it('has a sentence for every display token', () => {
    for (const t of DISPLAY_TOKENS) for (const phase of ['prefix', 'input', 'run'] as const) expect(explainToken(t, phase).length).toBeGreaterThan(t.length + 10);
  });
});
