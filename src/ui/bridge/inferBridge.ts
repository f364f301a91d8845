/**
 * Page side of the inference worker. The worker keeps the Emscripten core and the last model;
 * after Stop (which terminates it) the fresh worker gets the model again on its next run.
 */
import * as Comlink from 'comlink';
import type { InferApi, InferEvent, InferRunRequest, InferSummary, ModelLoaded, ModelPayload } from '../../protocol/infer.ts';
import { TerminableWorker, type Failed, type Stopped } from './terminableWorker.ts';

export type InferOutcome = { kind: 'finished'; summary: InferSummary; load: ModelLoaded } | Stopped | Failed;

export class InferBridge extends TerminableWorker<InferApi> {
  private loadedKey: string | null = null;

  constructor() {
    super(() => new Worker(new URL('../../../workers/infer.worker.ts', import.meta.url), { type: 'module', name: 'infer' }), 'inference');
  }

  protected override onSpawn(): void {
    this.loadedKey = null;
  }

  /** Loads the core and a model ahead of the first run (zero cost when it is already loaded). */
  async preload(model: ModelPayload): Promise<ModelLoaded> {
    if (this.loadedKey === model.key) return { coreMs: 0, modelMs: 0, warmUpMs: 0, warmUpTokens: 0 };
    const loaded = await this.api.loadModel(model);
    this.loadedKey = model.key;
    return loaded;
  }

  run(model: ModelPayload, req: InferRunRequest, onEvent: (e: InferEvent) => void): Promise<InferOutcome> {
    return this.job<{ kind: 'finished'; summary: InferSummary; load: ModelLoaded }>((job) => {
      this.preload(model).then((load) => {
        if (job.settled()) return;
        // Events travel on the callback's own port, the return value on the worker's port: the
        // run counts as finished only at its 'finished' event (it comes after every batch).
        this.api.run(req, Comlink.proxy((e: InferEvent) => {
          if (job.settled()) return;
          onEvent(e);
          if (e.kind === 'finished') job.done({ kind: 'finished', summary: e.summary as InferSummary, load });
        })).catch(job.fail);
      }, job.fail);
    });
  }

  lastRefFile(): Promise<string | null> {
    return this.api.lastRefFile();
  }
}
