import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import loadHighs from 'highs';
import { buildMachine } from '../core/machine/buildMachine.ts';
import { readBinModel, writeBinModel, type Model } from '../core/weights/binFile.ts';
import { buildModel, type BuiltModel } from '../core/weights/buildModel.ts';
import { machineFingerprint } from '../core/weights/fingerprint.ts';
import type { ScheduleOptions } from '../core/schedule/solve.ts';
import { REPO_ROOT } from './programSource.ts';

export const CACHE_DIR = join(REPO_ROOT, '.cache', 'models');

export interface BuildCliOptions {
  timeLimit?: number;
  maxLayers?: number;
  greedy?: boolean;
  log?: (line: string) => void;
}

/** Builds the universal model with the MILP on HiGHS (or greedy) and reports figures on stderr. */
export async function buildUniversal(opts: BuildCliOptions = {}): Promise<BuiltModel> {
  const scheduleOpts: ScheduleOptions = {
    highs: opts.greedy ? undefined : await loadHighs(),
    timeLimit: opts.timeLimit,
    maxLayers: opts.maxLayers,
    onLog: opts.log,
  };
  return buildModel({ kind: 'universal' }, scheduleOpts);
}

/** The cached universal model for the current graph, built (and cached) on first use. */
export async function universalModel(log: (line: string) => void): Promise<Model> {
  const fp = machineFingerprint(buildMachine({ kind: 'universal' }));
  const path = join(CACHE_DIR, `universal-${fp}.bin`);
  try {
    return readBinModel(new Uint8Array(await readFile(path)));
  } catch {
    log(`building the universal model (cached in ${path})…`);
    const built = await buildUniversal({ timeLimit: 120 });
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(path, writeBinModel(built.model));
    return built.model;
  }
}
