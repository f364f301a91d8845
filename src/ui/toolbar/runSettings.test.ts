import { describe, expect, it } from 'vitest';
import { limitCap, runSettingsReducer } from './runSettings.ts';
import { MAX_POSITIONS } from '../../core/infer/session.ts';

describe('runSettingsReducer', () => {
  it('choosing the transformer lowers a limit it cannot reach; the reference keeps it', () => {
    const ref = { args: '', maxTokens: MAX_POSITIONS + 1000, engine: 'reference' as const };
    expect(runSettingsReducer(ref, { kind: 'args', args: 'x' }).maxTokens).toBe(MAX_POSITIONS + 1000);
    expect(runSettingsReducer(ref, { kind: 'engine', engine: 'transformer' }).maxTokens).toBe(MAX_POSITIONS);
    expect(limitCap('transformer').tokens).toBe(MAX_POSITIONS);
  });

  it('a shared link sets the arguments and the limit; an example only the arguments', () => {
    const s = { args: 'a', maxTokens: 1000, engine: 'transformer' as const };
    expect(runSettingsReducer(s, { kind: 'program', args: 'b' })).toEqual({ args: 'b', maxTokens: 1000, engine: 'transformer' });
    expect(runSettingsReducer(s, { kind: 'program', args: 'c', maxTokens: 5000 })).toEqual({ args: 'c', maxTokens: 5000, engine: 'transformer' });
  });
});
