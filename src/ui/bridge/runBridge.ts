/**
 * Page side of the run worker (both engines). The worker keeps the Emscripten core and the last
 * model; after Stop (which terminates it) the fresh worker gets the model again on its next
 * transformer run.
 */
import * as Comlink from 'comlink';
import type { InferEvent, InferSummary, ModelLoaded, ModelPayload, RunApi, RunRequest, RunSummary } from '../../protocol/run.ts';
import { TerminableWorker, type Failed, type Stopped } from './terminableWorker.ts';

export type RunFinished = { kind: 'finished'; summary: RunSummary | InferSummary; load: ModelLoaded | null };
export type RunOutcome = RunFinished | Stopped | Failed;

export class RunBridge extends TerminableWorker<RunApi> {
  private loadedKey: string | null = null;

  constructor() {
    super(() => new Worker(new URL('../../../workers/run.worker.ts', import.meta.url), { type: 'module', name: 'run' }), 'run');
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

  /** `model`: the transformer's model (loaded first when the worker does not hold it); null for the reference. */
  run(req: RunRequest, model: ModelPayload | null, onEvent: (e: InferEvent) => void): Promise<RunOutcome> {
    return this.job<RunFinished>((job) => {
      const loading = model ? this.preload(model) : Promise.resolve(null);
      loading.then((load) => {
        if (job.settled()) return;
        // Events travel on the callback's own port, the return value on the worker's port: the
        // run counts as finished only at its 'finished' event (it comes after every batch).
        this.api.run(req, Comlink.proxy((e: InferEvent) => {
          if (job.settled()) return;
          onEvent(e);
          if (e.kind === 'finished') job.done({ kind: 'finished', summary: e.summary, load });
        })).catch(job.fail);
      }, job.fail);
    });
  }

  lastRefFile(): Promise<string | null> {
    return this.api.lastRefFile();
  }
}
