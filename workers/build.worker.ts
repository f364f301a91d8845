/**
 * Build worker: builds models in the page with the core's `buildModel` (graph → MILP on HiGHS
 * within a time limit, warm-started from the greedy schedule → analytic weights). HiGHS is
 * loaded lazily and once. The solve is one synchronous call, so Cancel terminates this worker;
 * log lines and progress still reach the page while it runs (postMessage needs no event loop).
 */
import * as Comlink from 'comlink';
import loadHighs, { type Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { version as toolVersion } from '../package.json';
import { buildModel, specializedProvenance } from '../src/core/weights/buildModel.ts';
import { machineFingerprint } from '../src/core/weights/fingerprint.ts';
import { builtModelFile } from '../src/core/weights/modelMeta.ts';
import type { BuildApi, BuildEvent, BuildRequest, BuildResult } from '../src/protocol/build.ts';

let highs: Promise<Highs> | null = null;
const LOG_FLUSH_MS = 100;

const api: BuildApi = {
  async build(req: BuildRequest, onEvent: (e: BuildEvent) => void): Promise<BuildResult> {
    const t0 = performance.now();
    let highsMs = 0;
    let solver: Highs | undefined;
    if (!req.greedy) {
      onEvent({ kind: 'phase', text: 'Loading HiGHS…' });
      const tl = performance.now();
      highs ??= loadHighs({ locateFile: () => highsWasmUrl });
      highs.catch(() => {
        highs = null;
      });
      solver = await highs;
      highsMs = performance.now() - tl;
    }
    onEvent({
      kind: 'phase',
      text: `${req.kind === 'universal' ? 'Building the universal model' : `Specializing ${req.name}`}: ${req.greedy ? 'greedy schedule' : `MILP, time limit ${req.timeLimit} s`}…`,
    });

    let pending: string[] = [];
    let lastFlush = performance.now();
    const flush = () => {
      if (pending.length) onEvent({ kind: 'log', lines: pending });
      pending = [];
      lastFlush = performance.now();
    };
    let lastProgress = 0;
    const tb = performance.now();
    const machineOpts = req.kind === 'universal' ? { kind: 'universal' } as const : { kind: 'specialized', program: req.program } as const;
    const built = buildModel(machineOpts, {
      highs: solver,
      timeLimit: req.timeLimit,
      onLog: (line) => {
        pending.push(line);
        if (performance.now() - lastFlush > LOG_FLUSH_MS) flush();
      },
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastProgress < LOG_FLUSH_MS) return;
        lastProgress = now;
        onEvent({ kind: 'progress', ...p });
      },
    });
    flush();
    const buildMs = performance.now() - tb;

    const provenance: Record<string, string> = {
      toolVersion,
      built: new Date().toISOString(),
      builtBy: 'browser (build worker)',
      buildSeconds: (buildMs / 1000).toFixed(2),
    };
    if (req.kind === 'specialized') Object.assign(provenance, specializedProvenance(req.program, req.name));
    const { bin: bytes, meta } = builtModelFile(built, machineFingerprint(built.machine), provenance);
    const key = `${req.kind}-${req.kind === 'specialized' ? provenance.programHash + '-' : ''}${Date.now().toString(36)}`;
    const result: BuildResult = { key, bytes, meta, highsMs, totalMs: performance.now() - t0 };
    return Comlink.transfer(result, [bytes.buffer]);
  },
};

Comlink.expose(api);
