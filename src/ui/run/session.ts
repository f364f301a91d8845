/**
 * The page's session outside the panes that own their own state: whether the page is compiling
 * or running, the status line, the editor's diagnostics, whether a trace can be downloaded, the
 * notice about the link the page was opened with, the last share link, and the figures of the
 * last compile. One value changed by named events (`sessionReducer`), held in a small store so the
 * page's callbacks read the current state synchronously (a second Run press must see `busy` at
 * once, before React renders).
 */
import { useSyncExternalStore } from 'react';
import type { StatusState } from '../status/StatusLine.tsx';
import type { CompileResult, WireDiagnostic } from '../../protocol/compile.ts';

export type Busy = 'idle' | 'compiling' | 'running';

export interface Notice {
  tone: 'ok' | 'error';
  text: string;
}

/** Figures for the browser tests and benchmarks (the hidden metrics element). */
export interface PageFigures {
  loadMs?: number;
  runtimeMs?: number;
  compileMs?: number;
  clangMs?: number;
  pageCompileMs?: number;
}

export interface SessionState {
  busy: Busy;
  status: StatusState;
  diagnostics: readonly WireDiagnostic[];
  /** The last run left a trace the model pane can download. */
  hasTrace: boolean;
  linkNotice: Notice | null;
  shareLink: string | null;
  figures: PageFigures;
}

type Tone = StatusState['tone'];

export type SessionEvent =
  /** clang's assets are downloading (`loaded` of `total` bytes) or the C runtime is being built. */
  | { kind: 'clang-loading'; text: string; progress: StatusState['progress']; clangVersion?: string }
  | { kind: 'clang-ready'; text: string; clangVersion: string; loadMs: number; runtimeMs: number }
  | { kind: 'clang-failed'; text: string }
  | { kind: 'compile-started'; text: string }
  | { kind: 'compiled'; result: CompileResult; pageMs: number }
  | { kind: 'run-started'; text: string; clangVersion: string }
  /** The run ended (or never started: the compiler was unavailable, the model refused). */
  | { kind: 'run-ended'; tone: Tone; text: string; hasTrace: boolean }
  /** A message in the status line that changes nothing else (share, specialize, checking…). */
  | { kind: 'say'; tone?: Tone; text: string }
  | { kind: 'diagnostics'; diagnostics: readonly WireDiagnostic[] }
  | { kind: 'link-notice'; notice: Notice | null }
  | { kind: 'share-link'; url: string | null };

export function initialSession(linkNotice: Notice | null): SessionState {
  return {
    busy: 'idle',
    status: { tone: 'info', text: 'Loading the compiler…', progress: null, clangVersion: null },
    diagnostics: [],
    hasTrace: false,
    linkNotice,
    shareLink: null,
    figures: {},
  };
}

export function sessionReducer(s: SessionState, e: SessionEvent): SessionState {
  switch (e.kind) {
    case 'clang-loading':
      // While a Run waits for clang, the status keeps saying so; only the progress bar moves.
      return {
        ...s,
        status: {
          ...s.status,
          tone: 'busy',
          text: s.busy === 'idle' ? e.text : s.status.text,
          progress: e.progress,
          clangVersion: e.clangVersion ?? s.status.clangVersion,
        },
      };
    case 'clang-ready': {
      const figures = { ...s.figures, loadMs: e.loadMs, runtimeMs: e.runtimeMs };
      return s.busy === 'idle'
        ? { ...s, figures, status: { tone: 'ok', text: e.text, progress: null, clangVersion: e.clangVersion } }
        : { ...s, figures, status: { ...s.status, progress: null, clangVersion: e.clangVersion } };
    }
    case 'clang-failed':
      return { ...s, status: { tone: 'error', text: e.text, progress: null, clangVersion: null } };
    case 'compile-started':
      return { ...s, busy: 'compiling', hasTrace: false, status: { ...s.status, tone: 'busy', text: e.text } };
    case 'compiled': {
      const r = e.result;
      if (r.ok) {
        return { ...s, diagnostics: r.diagnostics, figures: { ...s.figures, compileMs: r.totalMs, clangMs: r.clangMs, pageCompileMs: e.pageMs } };
      }
      return { ...s, busy: 'idle', diagnostics: r.diagnostics, status: { ...s.status, tone: 'error', text: `${refusalWhere(r)}: ${r.message}` } };
    }
    case 'run-started':
      return { ...s, busy: 'running', status: { ...s.status, tone: 'busy', text: e.text, clangVersion: e.clangVersion } };
    case 'run-ended':
      return { ...s, busy: 'idle', hasTrace: e.hasTrace, status: { ...s.status, tone: e.tone, text: e.text } };
    case 'say':
      return { ...s, status: { ...s.status, tone: e.tone ?? s.status.tone, text: e.text } };
    case 'diagnostics':
      return { ...s, diagnostics: e.diagnostics };
    case 'link-notice':
      return { ...s, linkNotice: e.notice };
    case 'share-link':
      return { ...s, shareLink: e.url };
  }
}

/** Where a compile that did not produce a program stopped, in the words the page uses. */
export function refusalWhere(r: Extract<CompileResult, { ok: false }>): string {
  return r.stage === 'compile' ? 'Compile error' : r.stage === 'internal' ? 'Internal error' : `Refused at the ${r.stage} stage`;
}

export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: SessionState) {
    this.state = initial;
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly get = (): SessionState => this.state;

  readonly dispatch = (e: SessionEvent): void => {
    const next = sessionReducer(this.state, e);
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  };
}

export function useSession(store: SessionStore): SessionState {
  return useSyncExternalStore(store.subscribe, store.get);
}
