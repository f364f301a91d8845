/**
 * Page side of the run worker. Stop terminates the worker (nothing inside a busy loop can be
 * interrupted otherwise) and a fresh one is created for the next run.
 */
import * as Comlink from 'comlink';
import type { RunApi, RunEvent, RunRequest, RunSummary } from '../../../workers/protocol.ts';

export type RunOutcome = { kind: 'finished'; summary: RunSummary } | { kind: 'stopped' } | { kind: 'failed'; message: string };

export class RunBridge {
  private worker!: Worker;
  private api!: Comlink.Remote<RunApi>;
  private cancel: (() => void) | null = null;

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../../workers/run.worker.ts', import.meta.url), { type: 'module', name: 'run' });
    this.api = Comlink.wrap<RunApi>(this.worker);
  }

  get running(): boolean {
    return this.cancel !== null;
  }

  run(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunOutcome> {
    if (this.cancel) throw new Error('a run is already in progress');
    return new Promise<RunOutcome>((resolve) => {
      let settled = false;
      const worker = this.worker;
      const settle = (o: RunOutcome) => {
        if (settled) return;
        settled = true;
        worker.removeEventListener('error', onError);
        this.cancel = null;
        resolve(o);
      };
      this.cancel = () => settle({ kind: 'stopped' });
      const onError = (ev: ErrorEvent) => {
        ev.preventDefault();
        worker.terminate();
        this.spawn();
        settle({ kind: 'failed', message: `the run worker crashed: ${ev.message || 'unknown error (out of memory?)'}` });
      };
      worker.addEventListener('error', onError);
      // Events travel on the callback's own MessagePort, the return value on the worker's port:
      // the two are not ordered, so the run counts as finished only at its 'finished' event.
      this.api.run(req, Comlink.proxy((e: RunEvent) => {
        if (settled) return;
        onEvent(e);
        if (e.kind === 'finished') settle({ kind: 'finished', summary: e.summary });
      })).catch((err: unknown) => settle({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }));
    });
  }

  /** Ends the current run at once. */
  stop(): void {
    if (!this.cancel) return;
    const cancel = this.cancel;
    this.worker.terminate();
    this.spawn();
    cancel();
  }

  lastRefFile(): Promise<string | null> {
    return this.api.lastRefFile();
  }
}
