import loadHighs from 'highs';
import { readBinModel, type Model } from '../core/weights/binFile.ts';
import { buildModel, type BuiltModel } from '../core/weights/buildModel.ts';
import type { ScheduleOptions } from '../core/schedule/solve.ts';
import { universalModelFile } from '../core/weights/universalModelCache.node.ts';
import { REPO_ROOT } from './programSource.ts';

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
  const { bin } = await universalModelFile({ root: REPO_ROOT, timeLimit: 120, builtBy: 'cli', log });
  return readBinModel(bin);
}
