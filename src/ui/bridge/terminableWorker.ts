/**
 * A comlink worker, created on first use, whose job can be stopped at once: Stop terminates the
 * worker (nothing inside a busy loop can be interrupted otherwise) and the next use creates a
 * fresh one, as Squoosh's worker bridge does. A crash of the worker also ends the job.
 */
import * as Comlink from 'comlink';

export type Stopped = { kind: 'stopped' };
export type Failed = { kind: 'failed'; message: string };

export interface JobControl<O> {
  /** Ends the job with this outcome (later calls are ignored). */
  done(outcome: O): void;
  fail(err: unknown): void;
  /** True once the job has ended (stopped, crashed or done): late events must be dropped. */
  settled(): boolean;
}

export class TerminableWorker<Api> {
  private current: { worker: Worker; api: Comlink.Remote<Api> } | null = null;
  private cancel: (() => void) | null = null;

  constructor(
    /** Creates the worker; called on first use and again after every stop or crash. */
    private readonly create: () => Worker,
    /** Names the worker in crash messages ("the run worker crashed: …"). */
    private readonly label: string,
  ) {}

  private get live(): { worker: Worker; api: Comlink.Remote<Api> } {
    if (!this.current) {
      const worker = this.create();
      this.current = { worker, api: Comlink.wrap<Api>(worker) };
      this.onSpawn();
    }
    return this.current;
  }

  protected get api(): Comlink.Remote<Api> {
    return this.live.api;
  }

  /** Called for every fresh worker (state kept for the old one is gone). */
  protected onSpawn(): void {}

  get running(): boolean {
    return this.cancel !== null;
  }

  /** Runs one job; `start` drives the worker and ends the job through `control`. */
  protected job<O>(start: (control: JobControl<O>) => void): Promise<O | Stopped | Failed> {
    if (this.cancel) throw new Error(`a ${this.label} job is already in progress`);
    return new Promise((resolve) => {
      let settled = false;
      const { worker } = this.live;
      const settle = (o: O | Stopped | Failed): void => {
        if (settled) return;
        settled = true;
        worker.removeEventListener('error', onError);
        this.cancel = null;
        resolve(o);
      };
      const onError = (ev: ErrorEvent): void => {
        ev.preventDefault();
        this.drop();
        settle({ kind: 'failed', message: `the ${this.label} worker crashed: ${ev.message || 'unknown error (out of memory?)'}` });
      };
      this.cancel = () => settle({ kind: 'stopped' });
      worker.addEventListener('error', onError);
      start({
        done: settle,
        fail: (err) => settle({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
        settled: () => settled,
      });
    });
  }

  /** Ends the current job at once. */
  stop(): void {
    if (!this.cancel) return;
    const cancel = this.cancel;
    this.drop();
    cancel();
  }

  private drop(): void {
    this.current?.worker.terminate();
    this.current = null;
  }
}
