/**
 * Run worker: a comlink adapter over `src/core/run` for both engines. The reference interpreter
 * needs nothing loaded; the transformer runs on the model sent last (the universal asset, or a
 * model built in the page) in the Emscripten core, loaded lazily and once per worker. Stopping
 * is done by the page terminating this worker (nothing inside a run can be interrupted otherwise).
 */
import * as Comlink from 'comlink';
import { browserWasmEngine } from '../src/core/infer/wasmEngine.browser.ts';
import { ReferenceRunner } from '../src/core/run/referenceRun.ts';
import type { InferEvent, InferSummary, RunSummary } from '../src/core/run/runEvents.ts';
import { TransformerRunner, warmUp } from '../src/core/run/transformerRun.ts';
import { readBinModel } from '../src/core/weights/binFile.ts';
import { withInfo } from '../src/core/weights/modelMeta.ts';
import type { ModelLoaded, ModelPayload, RunApi, RunRequest } from '../src/protocol/run.ts';

const WARM_UP_MS = 600;
let warmed = false;

const reference = new ReferenceRunner();
let transformer: TransformerRunner | null = null;
let lastEngine: RunRequest['engine'] | null = null;

function send(onEvent: (e: InferEvent) => void, e: InferEvent): void {
  if (e.kind === 'tokens') onEvent(Comlink.transfer(e, [e.batch.ids.buffer, e.batch.lineStarts.buffer]));
  else if (e.kind === 'output') onEvent(Comlink.transfer(e, [e.bytes.buffer]));
  else onEvent(e);
}

const api: RunApi = {
  async loadModel(m: ModelPayload): Promise<ModelLoaded> {
    if (transformer?.key === m.key) return { coreMs: 0, modelMs: 0, warmUpMs: 0, warmUpTokens: 0 };
    const t0 = performance.now();
    const engine = await browserWasmEngine();
    const coreMs = performance.now() - t0;
    const t1 = performance.now();
    const model = withInfo(readBinModel(m.bytes), m.meta);
    engine.modelHandle(model);
    transformer = new TransformerRunner(engine, model, m.meta, m.key);
    const modelMs = performance.now() - t1;
    let warm = { tokens: 0, ms: 0 };
    if (!warmed) {
      warm = warmUp(engine, model, WARM_UP_MS);
      warmed = warm.tokens > 0;
    }
    return { coreMs, modelMs, warmUpMs: warm.ms, warmUpTokens: warm.tokens };
  },

  async run(req: RunRequest, onEvent: (e: InferEvent) => void): Promise<RunSummary | InferSummary> {
    lastEngine = null;
    let summary: RunSummary | InferSummary;
    if (req.engine === 'reference') summary = reference.run(req, (e) => send(onEvent, e));
    else {
      if (!transformer) throw new Error('no model is loaded in the run worker');
      summary = transformer.run(req, (e) => send(onEvent, e));
    }
    lastEngine = req.engine;
    send(onEvent, { kind: 'finished', summary });
    return summary;
  },

  lastRefFile(): string | null {
    if (lastEngine === 'reference') return reference.lastRefFile();
    if (lastEngine === 'transformer') return transformer?.lastRefFile() ?? null;
    return null;
  },
};

Comlink.expose(api);
