/**
 * A comlink worker whose job can be stopped at once: Stop terminates the worker (nothing inside
 * a busy loop can be interrupted otherwise) and a fresh one is created for the next job, as
 * Squoosh's worker bridge does. A crash of the worker also ends the job, with a message.
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
  protected worker!: Worker;
  protected api!: Comlink.Remote<Api>;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly create: () => Worker,
    /** Names the worker in crash messages ("the run worker crashed: …"). */
    private readonly label: string,
  ) {
    this.spawn();
  }

  protected spawn(): void {
    this.worker = this.create();
    this.api = Comlink.wrap<Api>(this.worker);
    this.onSpawn();
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
      const worker = this.worker;
      const settle = (o: O | Stopped | Failed): void => {
        if (settled) return;
        settled = true;
        worker.removeEventListener('error', onError);
        this.cancel = null;
        resolve(o);
      };
      const onError = (ev: ErrorEvent): void => {
        ev.preventDefault();
        worker.terminate();
        this.spawn();
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
    this.worker.terminate();
    this.spawn();
    cancel();
  }
}
