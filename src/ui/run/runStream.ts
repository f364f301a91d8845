/**
 * The live run as the panes see it: the token store and the stream's figures, as an external
 * store panes subscribe to (`useRunStream`). Workers' events are applied as they arrive but
 * subscribers hear of them at most every NOTIFY_MS, so a run of millions of tokens costs the main
 * thread a few renders a second, whatever the engine's rate (the editor must keep every keystroke).
 */
import { useSyncExternalStore } from 'react';
import { TokenStore } from '../token-stream/tokenStore.ts';
import type { TokenBatch } from '../../protocol/run.ts';

/** Renders of the live stream per second, at most. */
export const NOTIFY_MS = 100;

export interface StreamFigures {
  /** Bumped on every notification (the store grew or the run changed phase). */
  version: number;
  prefixTokens: number;
  generated: number;
  /** Generated tokens per second of engine time; null before the engine has run. */
  tokPerS: number | null;
  engine: string | null;
  /** Tokens in the store (prefix included). */
  length: number;
  running: boolean;
}

const EMPTY: StreamFigures = { version: 0, prefixTokens: 0, generated: 0, tokPerS: null, engine: null, length: 0, running: false };

export class RunStream {
  readonly store = new TokenStore();
  private figures: StreamFigures = EMPTY;
  private pending: Omit<StreamFigures, 'version' | 'length'> = EMPTY;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private frame: number | null = null;
  private lastNotify = 0;

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly get = (): StreamFigures => this.figures;

  reset(): void {
    this.store.clear();
    this.pending = { ...EMPTY, running: true };
    this.notifyNow();
  }

  /** No run to show (the last Run did not get past the compiler). */
  clear(): void {
    this.store.clear();
    this.pending = EMPTY;
    this.notifyNow();
  }

  started(prefixTokens: number, engine: string): void {
    this.pending = { ...this.pending, prefixTokens, engine };
    this.schedule();
  }

  append(batch: TokenBatch, generated: number, elapsedMs: number): void {
    this.store.append(batch);
    this.pending = { ...this.pending, generated, tokPerS: elapsedMs > 0 ? generated / (elapsedMs / 1000) : this.pending.tokPerS };
    this.schedule();
  }

  /** The run ended (finished, stopped, failed): figures go out at once. */
  ended(final?: { generated: number; engineMs: number }): void {
    if (final) this.pending = { ...this.pending, generated: final.generated, tokPerS: final.engineMs > 0 ? final.generated / (final.engineMs / 1000) : null };
    this.pending = { ...this.pending, running: false };
    this.notifyNow();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, NOTIFY_MS - (performance.now() - this.lastNotify));
    // The panes render at the start of a frame, so the browser lays out and paints once for it
    // (a render from a timer mid-frame forced a layout of its own, then the frame's).
    this.timer = setTimeout(() => {
      if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) this.frame = requestAnimationFrame(() => this.notifyNow());
      else this.notifyNow();
    }, wait);
  }

  private notifyNow(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.timer = null;
    this.frame = null;
    this.lastNotify = performance.now();
    this.figures = { ...this.pending, version: this.figures.version + 1, length: this.store.length };
    for (const l of this.listeners) l();
  }
}

export function useRunStream(stream: RunStream): StreamFigures {
  return useSyncExternalStore(stream.subscribe, stream.get);
}
