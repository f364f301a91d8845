/**
 * Inference worker: a comlink adapter over the core's transformer engine (the Emscripten core,
 * loaded lazily and once per worker). The page sends a model (the universal asset, or a model
 * specialized in the page) once per worker, then runs. Stopping is done by the page terminating
 * this worker (nothing inside a `generate` call can be interrupted otherwise).
 */
import * as Comlink from 'comlink';
import { browserWasmEngine } from '../src/core/infer/wasmEngine.browser.ts';
import { readBinModel } from '../src/core/weights/binFile.ts';
import { withInfo } from '../src/core/weights/modelMeta.ts';
import type { InferApi, InferEvent, InferRunRequest, InferSummary, ModelLoaded, ModelPayload } from '../src/protocol/infer.ts';
import { TransformerRunner, warmUp } from '../src/core/run/transformerRun.ts';

const WARM_UP_MS = 600;
let warmed = false;

let runner: TransformerRunner | null = null;

function send(onEvent: (e: InferEvent) => void, e: InferEvent): void {
  if (e.kind === 'tokens') onEvent(Comlink.transfer(e, [e.batch.ids.buffer, e.batch.lineStarts.buffer]));
  else if (e.kind === 'output') onEvent(Comlink.transfer(e, [e.bytes.buffer]));
  else onEvent(e);
}

const api: InferApi = {
  async loadModel(m: ModelPayload): Promise<ModelLoaded> {
    if (runner?.key === m.key) return { coreMs: 0, modelMs: 0, warmUpMs: 0, warmUpTokens: 0 };
    const t0 = performance.now();
    const engine = await browserWasmEngine();
    const coreMs = performance.now() - t0;
    const t1 = performance.now();
    const model = withInfo(readBinModel(m.bytes), m.meta);
    engine.modelHandle(model);
    runner = new TransformerRunner(engine, model, m.meta, m.key);
    const modelMs = performance.now() - t1;
    let warm = { tokens: 0, ms: 0 };
    if (!warmed) {
      warm = warmUp(engine, model, WARM_UP_MS);
      warmed = warm.tokens > 0;
    }
    return { coreMs, modelMs, warmUpMs: warm.ms, warmUpTokens: warm.tokens };
  },

  async run(req: InferRunRequest, onEvent: (e: InferEvent) => void): Promise<InferSummary> {
    if (!runner) throw new Error('no model is loaded in the inference worker');
    const summary = runner.run(req, (e) => send(onEvent, e));
    send(onEvent, { kind: 'finished', summary });
    return summary;
  },

  lastRefFile(): string | null {
    return runner?.lastRefFile() ?? null;
  },
};

Comlink.expose(api);
