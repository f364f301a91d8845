/**
 * Page side of the inspect worker. Machine-state requests are latest-wins: at most one is in
 * flight, and while it runs only the newest selection waits (so following a live run never
 * queues work). Graph requests go out at once; the worker drops the one they supersede.
 * Answers from an earlier run (before the last `open`) are ignored.
 */
import * as Comlink from 'comlink';
import type {
  GraphProgress, GraphRequest, GraphResult, InspectApi, InspectOpen, InspectOpened, ReferenceRequest, ReferenceResult, TransformerResult,
} from '../../protocol/inspect.ts';

/** Following a live run, the machine state is replayed at most twice a second (docs/playground-page.md). */
const BACKGROUND_REST_MS = 500;

export class InspectBridge {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<InspectApi>;
  private session = 0;
  private refBusy = false;
  private refPending: { req: ReferenceRequest; done: (r: ReferenceResult) => void; background: boolean } | null = null;

  constructor() {
    this.worker = new Worker(new URL('../../../workers/inspect.worker.ts', import.meta.url), { type: 'module', name: 'inspect' });
    this.api = Comlink.wrap<InspectApi>(this.worker);
  }

  async open(req: InspectOpen): Promise<InspectOpened | null> {
    const s = ++this.session;
    this.refPending = null;
    const opened = await this.api.open(req);
    return s === this.session ? opened : null;
  }

  /**
   * Asks for the machine state; `done` runs for every answer of this run. `background`
   * (following a live run): after each replay the worker rests four times as long (at least
   * BACKGROUND_REST_MS), so it takes at most a fifth of a core from the engine.
   */
  reference(req: ReferenceRequest, done: (r: ReferenceResult) => void, background = false): void {
    this.refPending = { req, done, background };
    if (!this.refBusy) void this.pumpReference();
  }

  private async pumpReference(): Promise<void> {
    this.refBusy = true;
    try {
      while (this.refPending) {
        const { req, done, background } = this.refPending;
        this.refPending = null;
        const s = this.session;
        const t0 = performance.now();
        const r = await this.api.reference(req).catch((e: unknown) => ({ kind: 'error', message: String(e) }) as ReferenceResult);
        // Shown even when a newer request waits: while following a live run there always is one.
        if (s === this.session) done(r);
        if (background) await new Promise((ok) => setTimeout(ok, Math.max(BACKGROUND_REST_MS, 4 * (performance.now() - t0))));
      }
    } finally {
      this.refBusy = false;
    }
  }

  /** Resolves null when superseded or when a new run was opened meanwhile. */
  async graph(req: GraphRequest, onProgress: (p: GraphProgress) => void): Promise<GraphResult | null> {
    const s = this.session;
    const r = await this.api.graph(req, Comlink.proxy((p: GraphProgress) => {
      if (s === this.session) onProgress(p);
    }));
    if (s !== this.session || r.kind === 'superseded') return null;
    return r;
  }

  /** The transformer's inspection of a token; null when superseded or from an earlier run. */
  async transformer(tokenIndex: number, onProgress: (p: GraphProgress) => void): Promise<TransformerResult | null> {
    const s = this.session;
    const r = await this.api.transformer(tokenIndex, Comlink.proxy((p: GraphProgress) => {
      if (s === this.session) onProgress(p);
    }));
    if (s !== this.session || r.kind === 'superseded') return null;
    return r;
  }

  dispose(): void {
    this.worker.terminate();
  }
}
