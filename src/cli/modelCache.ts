import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBinModel, type Model } from '../core/weights/binFile.ts';
import type { BuiltModel } from '../core/weights/buildModel.ts';
import type { ScheduleOptions } from '../core/schedule/solve.ts';
import { runningBuild } from './buildInfo.ts';
import { REPO_ROOT } from './repoRoot.ts';
import { scheduleLogLine } from './scheduleLog.ts';

const CACHE_DIR = join(REPO_ROOT, '.cache', 'models');

export interface BuildCliOptions {
  timeLimit?: number;
  maxLayers?: number;
  greedy?: boolean;
  log?: (line: string) => void;
}

/** Builds the universal model with the MILP on HiGHS (or greedy) and reports figures on stderr. */
export async function buildUniversal(opts: BuildCliOptions = {}): Promise<BuiltModel> {
  const [{ default: loadHighs }, { buildModel }] = await Promise.all([import('highs'), import('../core/weights/buildModel.ts')]);
  const scheduleOpts: ScheduleOptions = {
    highs: opts.greedy ? undefined : await loadHighs(),
    timeLimit: opts.timeLimit,
    maxLayers: opts.maxLayers,
    onLog: opts.log,
  };
  return buildModel({ kind: 'universal' }, scheduleOpts);
}

/**
 * The universal machine's fingerprint (it names the cached model). Computing it builds the
 * machine's graph (about 0.3 s), so the built CLI remembers it per build: the graph is code.
 */
async function universalFingerprint(): Promise<string> {
  const build = runningBuild();
  const remembered = build && join(CACHE_DIR, `fingerprint-${build.id}.txt`);
  if (remembered) {
    const fp = await readFile(remembered, 'utf8').catch(() => null);
    if (fp) return fp.trim();
  }
  const { universalFingerprint: compute } = await import('../core/weights/universalModelCache.node.ts');
  const fp = await compute();
  if (remembered) await atomicWrite(remembered, fp + '\n').catch(() => undefined);
  return fp;
}

async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** The cached universal model for the current graph, built (and cached) on first use. */
export async function universalModel(log: (line: string) => void): Promise<Model> {
  const { universalModelFile } = await import('../core/weights/universalModelCache.node.ts');
  const { bin } = await universalModelFile({ root: REPO_ROOT, timeLimit: 120, builtBy: 'cli', log, logFilter: scheduleLogLine(false), fingerprint: await universalFingerprint() });
  return readBinModel(bin);
}
