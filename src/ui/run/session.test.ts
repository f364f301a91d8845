import { describe, expect, it } from 'vitest';
import { SessionStore, initialSession, sessionReducer } from './session.ts';

describe('sessionReducer', () => {
  it('while a Run waits for clang, loading progress moves the bar but keeps the Run\'s words', () => {
    let s = sessionReducer(initialSession(null), { kind: 'compile-started', text: 'Compiling: waiting for clang to finish loading…' });
    s = sessionReducer(s, { kind: 'clang-loading', text: 'Downloading…', progress: { loaded: 5, total: 10 } });
    expect(s.status.text).toBe('Compiling: waiting for clang to finish loading…');
    expect(s.status.progress).toEqual({ loaded: 5, total: 10 });
    s = sessionReducer(s, { kind: 'clang-ready', text: 'Ready', clangVersion: 'clang version 22', loadMs: 1, runtimeMs: 2 });
    expect(s.status.text).toBe('Compiling: waiting for clang to finish loading…');
    expect(s.status.progress).toBeNull();
    expect(s.status.clangVersion).toBe('clang version 22');
  });

  it('a compile error ends the session with the stage named and the diagnostics kept', () => {
    const d = [{ severity: 'error', file: 'program.c', line: 2, column: 3, message: 'expected ;' }] as never;
    let s = sessionReducer(initialSession(null), { kind: 'compile-started', text: 'Compiling…' });
    expect(s.busy).toBe('compiling');
    s = sessionReducer(s, { kind: 'compiled', pageMs: 5, result: { ok: false, stage: 'compile', message: 'program.c:2:3: expected ;', diagnostics: d } });
    expect(s.busy).toBe('idle');
    expect(s.diagnostics).toBe(d);
    expect(s.status).toMatchObject({ tone: 'error', text: 'Compile error: program.c:2:3: expected ;' });
  });

  it('the store answers the new state at once, before any render', () => {
    const store = new SessionStore(initialSession(null));
    let heard = 0;
    store.subscribe(() => heard++);
    store.dispatch({ kind: 'compile-started', text: 'Compiling…' });
    expect(store.get().busy).toBe('compiling');
    expect(heard).toBe(1);
  });
});
