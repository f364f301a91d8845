import { describe, expect, it } from 'vitest';
import { INITIAL_STEPPING, steppingReducer, type SteppingState } from './steppingState.ts';
import { TokenStore } from '../token-stream/tokenStore.ts';
import type { InspectOpened } from '../../protocol/inspect.ts';

/** Tokens 0…9 on lines [0,5) and [5,10): two instructions of five tokens. */
function store(): TokenStore {
  const s = new TokenStore();
  s.append({ start: 0, ids: Uint16Array.from({ length: 10 }, (_, i) => i), lineStarts: Uint32Array.from([0, 5]) });
  return s;
}

const run = { program: {} as never, input: new Uint8Array(), maxTokens: 100, source: 'int main(){}' };

describe('steppingReducer', () => {
  it('following selects the newest token; a repeated selection keeps the same state object', () => {
    const s1 = steppingReducer(INITIAL_STEPPING, { kind: 'select', selection: { token: 9, follow: true } });
    expect(s1.selection).toEqual({ token: 9, follow: true });
    expect(steppingReducer(s1, { kind: 'select', selection: { token: 9, follow: true } })).toBe(s1);
  });

  it('steps by token and by instruction from the selection (from the end when nothing is selected) and pins it', () => {
    const tokens = store();
    const back = steppingReducer(INITIAL_STEPPING, { kind: 'step', tokens, length: 10, step: 'token', dir: -1 });
    expect(back.selection).toEqual({ token: 8, follow: false });
    const instr = steppingReducer({ ...back, selection: { token: 2, follow: false } }, { kind: 'step', tokens, length: 10, step: 'instruction', dir: 1 });
    expect(instr.selection.token).toBeGreaterThan(2);
    expect(instr.selection.follow).toBe(false);
  });

  it('a new run clears the answers of the last one but keeps the chosen lookup and picture size', () => {
    let s: SteppingState = { ...INITIAL_STEPPING, lookup: 3, pictureSize: { width: 100, height: 50 }, selection: { token: 5, follow: false } };
    s = steppingReducer(s, { kind: 'graph-beyond', message: 'far' });
    expect(s.graph).toEqual({ view: null, error: 'far', progress: null });
    s = steppingReducer(s, { kind: 'run-started', run });
    expect(s.run).toBe(run);
    expect(s.graph.error).toBeNull();
    expect(s.selection).toEqual({ token: null, follow: true });
    expect(s.lookup).toBe(3);
    expect(s.pictureSize).toEqual({ width: 100, height: 50 });
  });

  it('a Run that ran nothing clears the last run and keeps why; the next run forgets it', () => {
    let s = steppingReducer({ ...INITIAL_STEPPING, lookup: 2 }, { kind: 'run-started', run });
    s = steppingReducer(s, { kind: 'cleared', why: 'Refused at the validate stage: memory.grow' });
    expect(s.run).toBeNull();
    expect(s.machine.result).toBeNull();
    expect(s.notRun).toBe('Refused at the validate stage: memory.grow');
    expect(s.lookup).toBe(2);
    expect(steppingReducer(s, { kind: 'run-started', run }).notRun).toBeNull();
    expect(steppingReducer(s, { kind: 'cleared' }).notRun).toBeNull();
  });

  it('the first opened run picks the default lookup by name; a chosen one stays', () => {
    const opened = { prefixTokens: 0, lookups: [{ name: 'a' }, { name: 'stack_top' }] } as unknown as InspectOpened;
    expect(steppingReducer(INITIAL_STEPPING, { kind: 'run-opened', opened, defaultLookup: 'stack_top' }).lookup).toBe(1);
    expect(steppingReducer({ ...INITIAL_STEPPING, lookup: 0 }, { kind: 'run-opened', opened, defaultLookup: 'stack_top' }).lookup).toBe(0);
  });
});
