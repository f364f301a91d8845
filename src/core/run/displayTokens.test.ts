import { describe, expect, it } from 'vitest';
import { DISPLAY_TOKENS, displayTokenId, tokenKindOf } from './displayTokens.ts';

describe('display token table', () => {
  it('has one id per distinct token', () => {
    expect(new Set(DISPLAY_TOKENS).size).toBe(DISPLAY_TOKENS.length);
    expect(DISPLAY_TOKENS.length).toBeLessThan(65536);
  });

  it('classifies every kind the stream pane colours', () => {
    const cases: Array<[string, string]> = [
      ['{', 'prefix'], ['i32.add', 'prefix'], ['halt', 'halt'], ['00', 'byte'], ['ff', 'byte'],
      ["7f'", 'marked'], ['commit(-1,sts=1,bt=0)', 'commit'], ['commit(+0,sts=0,bt=1)', 'commit'],
      ['branch_taken', 'branch'], ['call_commit', 'branch'], ['return_commit', 'branch'],
      ['out(H)', 'output'], ['out(20)', 'output'], ['W', 'byte'],
    ];
    for (const [t, k] of cases) expect([t, tokenKindOf(displayTokenId(t))]).toEqual([t, k]);
  });

  it('refuses a token it does not know', () => {
    expect(() => displayTokenId('commit(+3,sts=1,bt=0)')).toThrow(/no display id/);
  });
});
