/**
 * Page side of the build worker (HiGHS). Cancel terminates the worker: the MILP is one
 * synchronous call inside it. A new worker (which loads HiGHS again) is made for the next build.
 */
import * as Comlink from 'comlink';
import type { BuildApi, BuildEvent, BuildRequest, BuildResult } from '../../../workers/buildProtocol.ts';

export type BuildOutcome = { kind: 'built'; result: BuildResult } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

export class BuildBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<BuildApi> | null = null;
  private cancel: (() => void) | null = null;

  get building(): boolean {
    return this.cancel !== null;
  }

  private ensure(): { worker: Worker; api: Comlink.Remote<BuildApi> } {
    if (!this.worker || !this.api) {
      this.worker = new Worker(new URL('../../../workers/build.worker.ts', import.meta.url), { type: 'module', name: 'build' });
      this.api = Comlink.wrap<BuildApi>(this.worker);
    }
    return { worker: this.worker, api: this.api };
  }

  build(req: BuildRequest, onEvent: (e: BuildEvent) => void): Promise<BuildOutcome> {
    if (this.cancel) throw new Error('a build is already in progress');
    const { worker, api } = this.ensure();
    return new Promise<BuildOutcome>((resolve) => {
      let settled = false;
      const settle = (o: BuildOutcome) => {
        if (settled) return;
        settled = true;
        worker.removeEventListener('error', onError);
        this.cancel = null;
        resolve(o);
      };
      const onError = (ev: ErrorEvent) => {
        ev.preventDefault();
        this.drop();
        settle({ kind: 'failed', message: `the build worker crashed: ${ev.message || 'unknown error (out of memory?)'}` });
      };
      worker.addEventListener('error', onError);
      this.cancel = () => settle({ kind: 'cancelled' });
      api.build(req, Comlink.proxy((e: BuildEvent) => {
        if (!settled) onEvent(e);
      })).then(
        (result) => settle({ kind: 'built', result }),
        (err: unknown) => settle({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
    });
  }

  /** Stops the current build at once. */
  stop(): void {
    if (!this.cancel) return;
    const cancel = this.cancel;
    this.drop();
    cancel();
  }

  private drop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
