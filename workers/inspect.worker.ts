/**
 * Inspect worker: replays the current run to the token the page selected, off the main thread.
 * The reference interpreter gives the machine state (fast: a full replay per request, cached);
 * the graph evaluator walks along the trace in time slices, so a newer request supersedes an
 * older one between slices and the worker never stops answering.
 */
import * as Comlink from 'comlink';
import { buildMachine, type Machine } from '../src/core/machine/buildMachine.ts';
import { LOOKUP_DESCRIPTIONS } from '../src/core/machine/stateNodes.ts';
import { inputSectionTokens, programTokenCount } from '../src/core/program/tokenFiles.ts';
import { scheduleProblem } from '../src/core/schedule/problem.ts';
import { layerOf } from '../src/core/schedule/phases.ts';
import { solveSchedule } from '../src/core/schedule/solve.ts';
import { GRAPH_REPLAY_LIMIT, GraphReplay } from '../src/core/run/inspect/graphReplay.ts';
import { hullGeometry, hullPicture, type HullGeometry } from '../src/core/run/inspect/hullPicture.ts';
import { TransformerReplay } from '../src/core/run/inspect/transformerReplay.ts';
import { browserWasmEngine } from '../src/core/infer/wasmEngine.browser.ts';
import { readBinModel } from '../src/core/weights/binFile.ts';
import { ReferenceReplay } from '../src/core/run/inspect/referenceReplay.ts';
import { TraceIds } from '../src/core/run/inspect/traceIds.ts';
import type {
  GraphProgress, GraphRequest, GraphResult, InspectApi, InspectOpen, InspectOpened, LookupMeta, ReferenceRequest, ReferenceResult,
  TransformerResult,
} from '../src/protocol/inspect.ts';

const SLICE_MS = 40;
const PROGRESS_MS = 120;

let machine: Machine | null = null;
let lookupLayers: number[] = [];
let layers = 0;
let session: {
  reference: ReferenceReplay;
  graph: GraphReplay;
  trace: TraceIds;
  prefixTokens: number;
  model: InspectOpen['model'];
  transformer: Promise<TransformerReplay> | null;
} | null = null;
let geometry: { group: number; n: number; geo: HullGeometry } | null = null;

interface Job {
  req: GraphRequest;
  resolve: (r: GraphResult) => void;
  onProgress: (p: GraphProgress) => void;
  t0: number;
  restartsBefore: number;
}
let job: Job | null = null;
let walking = false;

function theMachine(): Machine {
  if (!machine) {
    machine = buildMachine({ kind: 'universal' });
    const problem = scheduleProblem(machine.graph, machine.outputTokens.values());
    const schedule = solveSchedule(problem);
    layers = schedule.layers;
    lookupLayers = machine.graph.lookups.map((lu) => {
      const op = problem.ops.find((o) => o.kind === 'lookup' && o.op.kind === 'lookup' && o.op.lookup === lu);
      return op ? layerOf(schedule.phase[op.index]) : 0;
    });
  }
  return machine;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function walk(): Promise<void> {
  if (walking) return;
  walking = true;
  let lastProgress = 0;
  try {
    while (job && session) {
      const j = job;
      const g = session.graph;
      const sliceStart = performance.now();
      let res;
      try {
        res = g.advance(j.req.tokenIndex, sliceStart + SLICE_MS);
      } catch (e) {
        job = null;
        j.resolve({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      if (res === 'running') {
        const now = performance.now();
        if (j.req.partialAfterMs !== undefined && now - j.t0 > j.req.partialAfterMs && g.head >= 0) {
          job = null;
          j.resolve(answer(j, 'behind'));
          continue;
        }
        // In the background (following a live run) the partial answers say where the walk is:
        // no progress messages, which would each render the see panes.
        if (!j.req.background && now - lastProgress > PROGRESS_MS) {
          lastProgress = now;
          j.onProgress({ head: g.head, target: j.req.tokenIndex, restarted: g.restarts > j.restartsBefore });
        }
        // Let newer requests in; in the background (following a live run) work a fifth of the time.
        await pause(j.req.background ? 4 * (now - sliceStart) : 0);
        continue;
      }
      job = null;
      j.resolve(answer(j, res === 'reached' ? null : res));
    }
  } finally {
    walking = false;
  }
}

function answer(j: Job, clamped: 'limit' | 'end' | 'behind' | null): GraphResult {
  const g = session!.graph;
  const p = clamped === 'behind' ? g.head : g.reachable(j.req.tokenIndex);
  const view = g.viewAt(p);
  const t1 = performance.now();
  let picture = null;
  const li = j.req.lookup;
  if (li >= 0 && li < view.lookups.length) {
    const l = view.lookups[li];
    const pts = g.groups[l.group].pointsUpTo(p);
    if (!geometry || geometry.group !== l.group || geometry.n !== pts.n) geometry = { group: l.group, n: pts.n, geo: hullGeometry(pts) };
    picture = hullPicture(pts, geometry.geo, l.query, l.key, { width: j.req.width, height: j.req.height }, { position: p, lookup: li });
  }
  const t2 = performance.now();
  return {
    kind: 'view', requested: j.req.tokenIndex, clamped, view, picture, ms: t2 - j.t0, pictureMs: t2 - t1,
    restarts: g.restarts - j.restartsBefore,
  };
}

interface TransformerJob {
  target: number;
  resolve: (r: TransformerResult) => void;
  onProgress: (p: GraphProgress) => void;
  t0: number;
}
let tJob: TransformerJob | null = null;
let tWalking = false;

function transformerOf(s: NonNullable<typeof session>): Promise<TransformerReplay> {
  s.transformer ??= (async () => {
    const engine = await browserWasmEngine();
    const model = { ...readBinModel(s.model!.bytes), info: { headLabels: s.model!.headLabels } };
    // Sessions never generate here: the token budget only has to allow the replayed positions.
    return new TransformerReplay(model, (m) => engine.createSession(m, { attention: 'fast' }), theMachine().vocabulary, s.trace);
  })();
  return s.transformer;
}

async function walkTransformer(): Promise<void> {
  if (tWalking) return;
  tWalking = true;
  let lastProgress = 0;
  try {
    while (tJob && session) {
      const j = tJob;
      const s = session;
      let res;
      try {
        const t = await transformerOf(s);
        if (tJob !== j || session !== s) continue;
        res = t.advance(j.target, performance.now() + SLICE_MS);
        if (res === 'running' && performance.now() - lastProgress > PROGRESS_MS) {
          lastProgress = performance.now();
          j.onProgress({ head: t.position - 1, target: j.target, restarted: false });
        }
      } catch (e) {
        tJob = null;
        j.resolve({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      if (res === 'running') {
        await pause(0);
        continue;
      }
      tJob = null;
      if (res === 'end') j.resolve({ kind: 'unavailable', reason: `token ${j.target} is beyond the run` });
      else j.resolve({ kind: 'view', view: res, ms: performance.now() - j.t0 });
    }
  } finally {
    tWalking = false;
  }
}

const api: InspectApi = {
  async open(req: InspectOpen): Promise<InspectOpened> {
    const t0 = performance.now();
    if (job) job.resolve({ kind: 'superseded' });
    job = null;
    geometry = null;
    const m = theMachine();
    const inputTokens = inputSectionTokens(req.program, req.input).length;
    const trace = new TraceIds(req.program, req.input, m.vocabulary, programTokenCount(req.program) + req.maxTokens);
    const graph = new GraphReplay(m, trace);
    session?.transformer?.then((t) => t.dispose(), () => {});
    if (tJob) tJob.resolve({ kind: 'superseded' });
    tJob = null;
    session = {
      reference: new ReferenceReplay(req.program, req.input, inputTokens), graph, trace, prefixTokens: trace.prefixTokens,
      model: req.model ?? null, transformer: null,
    };
    const lookups: LookupMeta[] = graph.ev.plan.lookups.map((lu, i) => ({
      index: i,
      name: lu.name,
      description: LOOKUP_DESCRIPTIONS[lu.name] ?? '',
      tieBreak: lu.tieBreak,
      heads: Math.ceil(lu.values.length / 2),
      layer: lookupLayers[i] ?? 0,
      group: graph.groupOf[i],
      positionKeyed: graph.groups[graph.groupOf[i]].positionKeyed,
    }));
    return { prefixTokens: trace.prefixTokens, lookups, layers, graphLimit: GRAPH_REPLAY_LIMIT, ms: performance.now() - t0 };
  },

  async reference(req: ReferenceRequest): Promise<ReferenceResult> {
    if (!session) return { kind: 'error', message: 'no run is open' };
    try {
      return { kind: 'view', view: session.reference.at(req.tokenIndex, req.instructionStart) };
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  },

  transformer(tokenIndex: number, onProgress: (p: GraphProgress) => void): Promise<TransformerResult> {
    if (tJob) tJob.resolve({ kind: 'superseded' });
    tJob = null;
    if (!session) return Promise.resolve({ kind: 'error', message: 'no run is open' });
    if (!session.model) return Promise.resolve({ kind: 'unavailable', reason: 'the run had no universal model' });
    return new Promise<TransformerResult>((resolve) => {
      tJob = { target: tokenIndex, resolve, onProgress, t0: performance.now() };
      void walkTransformer();
    });
  },

  graph(req: GraphRequest, onProgress: (p: GraphProgress) => void): Promise<GraphResult> {
    if (!session) return Promise.resolve({ kind: 'error', message: 'no run is open' });
    if (job) job.resolve({ kind: 'superseded' });
    job = null;
    // Replaying to a token beyond the limit would only walk to the limit: not started at all.
    if (req.tokenIndex >= GRAPH_REPLAY_LIMIT) return Promise.resolve({ kind: 'beyond', requested: req.tokenIndex, limit: GRAPH_REPLAY_LIMIT });
    return new Promise<GraphResult>((resolve) => {
      job = { req, resolve, onProgress, t0: performance.now(), restartsBefore: session!.graph.restarts };
      void walk();
    });
  },
};

Comlink.expose(api);
