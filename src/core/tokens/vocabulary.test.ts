import { describe, expect, it } from 'vitest';
import { buildMachine } from '../machine/buildMachine.ts';
import { asciiAliases, buildVocabulary } from './vocabulary.ts';

describe('vocabulary', () => {
  it('sorts the union of input and output tokens by code point', () => {
    const v = buildVocabulary(['b', 'a', '{'], ['a', 'Z', '00']);
    expect(v.tokens).toEqual(['00', 'Z', 'a', 'b', '{']);
    expect(v.id('b')).toBe(3);
    expect(v.idOf('nope')).toBeUndefined();
    expect(() => v.id('nope')).toThrow(/not a token/);
  });

  it('aliases printable characters that are not tokens already', () => {
    const aliases = asciiAliases(new Set(['{', '}']));
    expect(aliases).toHaveLength(92);
    expect(aliases).toContainEqual(['W', '57']);
    expect(aliases.find(([a]) => a === '{')).toBeUndefined();
  });

  it('has the universal anchor ids of docs/original-design.md §2.1', () => {
    const m = buildMachine();
    const v = m.vocabulary;
    expect(v.size).toBe(915);
    expect(m.inputTokens.size).toBe(915);
    expect(m.outputTokens.size).toBe(786);
    const anchors: Record<string, number> = {
      '!': 0, '0': 15, '00': 16, "00'": 17, ff: 600, "ff'": 601, branch_taken: 452, call_commit: 477,
      'commit(+0,sts=0,bt=0)': 488, halt: 606, 'out(!)': 640, 'out(00)': 656, 'out(ff)': 871, return_commit: 901,
      '{': 911, '}': 913, '~': 914,
    };
    for (const [tok, id] of Object.entries(anchors)) expect([tok, v.id(tok)]).toEqual([tok, id]);
    const commits = ['+0,sts=0,bt=0', '+0,sts=0,bt=1', '+0,sts=1,bt=0', '+0,sts=1,bt=1', '+1,sts=1,bt=0', '+1,sts=1,bt=1',
      '-1,sts=0,bt=0', '-1,sts=0,bt=1', '-1,sts=1,bt=0', '-1,sts=1,bt=1', '-2,sts=0,bt=0', '-2,sts=0,bt=1', '-2,sts=1,bt=0', '-2,sts=1,bt=1'];
    expect(commits.map((c) => v.id(`commit(${c})`))).toEqual(commits.map((_, i) => 488 + i));
  });

  it('has 881 tokens in a specialized machine, with halt = 600', () => {
    const m = buildMachine({ kind: 'specialized', program: { instructions: [{ op: 'halt', imm: 0 }], inputBase: null } });
    expect(m.vocabulary.size).toBe(881);
    expect(m.inputTokens.size).toBe(880);
    expect(m.vocabulary.id('halt')).toBe(600);
    expect(m.vocabulary.has('i32.add')).toBe(false);
    // Without a program prefix, `{` is just the alias of byte 7b.
    expect(m.inputTokens.get('{')!.key()).toBe(m.inputTokens.get('7b')!.key());
    expect(m.startToken).toBe('start');
  });
});
