/**
 * Page side of the inference worker. The worker keeps the Emscripten core and the last model;
 * Stop terminates it (nothing inside a busy `generate` loop can be interrupted otherwise) and a
 * fresh worker is created, which gets the model again on its next run.
 */
import * as Comlink from 'comlink';
import type { InferApi, InferEvent, InferRunRequest, InferSummary, ModelLoaded, ModelPayload } from '../../../workers/inferProtocol.ts';

export type InferOutcome =
  | { kind: 'finished'; summary: InferSummary; load: ModelLoaded }
  | { kind: 'stopped' }
  | { kind: 'failed'; message: string };

export class InferBridge {
  private worker!: Worker;
  private api!: Comlink.Remote<InferApi>;
  private loadedKey: string | null = null;
  private cancel: (() => void) | null = null;

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../../workers/infer.worker.ts', import.meta.url), { type: 'module', name: 'infer' });
    this.api = Comlink.wrap<InferApi>(this.worker);
    this.loadedKey = null;
  }

  get running(): boolean {
    return this.cancel !== null;
  }

  /** Loads the core and a model ahead of the first run (zero cost when it is already loaded). */
  async preload(model: ModelPayload): Promise<ModelLoaded> {
    if (this.loadedKey === model.key) return { coreMs: 0, modelMs: 0, warmUpMs: 0, warmUpTokens: 0 };
    const loaded = await this.api.loadModel(model);
    this.loadedKey = model.key;
    return loaded;
  }

  run(model: ModelPayload, req: InferRunRequest, onEvent: (e: InferEvent) => void): Promise<InferOutcome> {
    if (this.cancel) throw new Error('a run is already in progress');
    return new Promise<InferOutcome>((resolve) => {
      let settled = false;
      const worker = this.worker;
      const settle = (o: InferOutcome) => {
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
        settle({ kind: 'failed', message: `the inference worker crashed: ${ev.message || 'unknown error (out of memory?)'}` });
      };
      worker.addEventListener('error', onError);
      const fail = (err: unknown) => settle({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      this.preload(model).then((load) => {
        if (settled) return;
        // Events travel on the callback's own port, the return value on the worker's port: the
        // run counts as finished only at its 'finished' event (it comes after every batch).
        this.api.run(req, Comlink.proxy((e: InferEvent) => {
          if (settled) return;
          onEvent(e);
          if (e.kind === 'finished') settle({ kind: 'finished', summary: e.summary as InferSummary, load });
        })).catch(fail);
      }, fail);
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
