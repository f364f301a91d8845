import { describe, expect, it } from 'vitest';
import { explainLookup } from './explainLookup.ts';
import type { LookupAt } from '../../core/run/inspect/graphReplay.ts';

const base: LookupAt = {
  index: 0, name: 'stack_top', description: 'the value on top of the operand stack.', tieBreak: 'latest', heads: 1, group: 0,
  query: [3, 1], key: [6, -9], score: 0, matches: 1, winner: 120, stored: 4, values: [7], valueNames: ['stack_top_value'],
};

describe('explainLookup', () => {
  it('names the head, the token it found and what it read', () => {
    expect(explainLookup(base, 130, 120, 'commit(+1,sts=1,bt=0)')).toBe(
      'At token 130, the head stack_top (the value on top of the operand stack) compared its query with the key of every earlier token and the best match (largest q·k = 0) is token 120 (commit(+1,sts=1,bt=0)). It read stack_top_value = 7.',
    );
  });

  it('says when nothing was written yet, and when an average head merges ties', () => {
    expect(explainLookup({ ...base, winner: -1 }, 5, null, null)).toMatch(/no earlier token has written one yet/);
    expect(explainLookup({ ...base, tieBreak: 'average', matches: 12 }, 5, 120, 'x')).toMatch(/12 keys tie for the best match, so it returns their mean/);
    expect(explainLookup(base, 5, null, null)).toMatch(/prompt position 120/);
  });
});
