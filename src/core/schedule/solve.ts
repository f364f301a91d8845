import type { Highs } from 'highs';
import { StageError } from '../errors.ts';
import { greedySchedule, minimumLayers } from './greedy.ts';
import { layerOf } from './phases.ts';
import { formulateTimeIndexedMilp } from './milpTimeIndexed.ts';
import type { ScheduleProblem } from './problem.ts';
import { checkSchedule, type Schedule } from './schedule.ts';

export interface ScheduleOptions {
  /** Loaded HiGHS runtime (Node: `await loadHighs()`; browser: with `locateFile`). Without it: greedy only. */
  highs?: Highs;
  /** Seconds; the best schedule found so far is used when it runs out. Default 60. */
  timeLimit?: number;
  maxLayers?: number;
  maxFfn?: number;
  onLog?: (line: string) => void;
  onProgress?: (p: { seconds: number; best?: number; bound?: number; gap?: number }) => void;
}

/**
 * Schedules the graph: the greedy ASAP schedule first (always correct, and the MILP's warm
 * start), then the MILP on HiGHS within the time limit. A non-optimal schedule is still a
 * correct network, only wider; the result says how far from optimal it may be.
 */
export function solveSchedule(problem: ScheduleProblem, opts: ScheduleOptions = {}): Schedule {
  const log = opts.onLog ?? (() => {});
  const layers = opts.maxLayers ?? minimumLayers(problem);
  const greedy = greedySchedule(problem, layers);
  if (greedy.layers > layers) {
    if (opts.maxLayers !== undefined) throw new StageError('schedule', `the graph needs at least ${greedy.layers} layers with its average-lookup constraints; --max-layers ${opts.maxLayers} is too few`);
  }
  if (!opts.highs) {
    log(`greedy schedule: ${greedy.layers} layers (no MILP solver given)`);
    return greedy;
  }
  const N = Math.max(layers, greedy.layers);
  const f = formulateTimeIndexedMilp(problem, N, { maxFfn: opts.maxFfn });
  const { lp } = f;
  log(`MILP: ${problem.ops.length} ops, ${problem.dims.length} dims, ${N} layers, ${lp.rows} rows × ${lp.columns} columns`);
  const t0 = performance.now();
  const h = opts.highs;
  const model = h.createModel({
    numCols: lp.columns,
    numRows: lp.rows,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: { format: 'csr', numRows: lp.rows, numCols: lp.columns, starts: lp.rowStarts, indices: lp.rowIndex, values: lp.rowValue },
    integrality: lp.integer.map((i) => (i ? 1 : 0)),
  });
  try {
    model.options.set({ time_limit: opts.timeLimit ?? 60, output_flag: true, log_to_console: false, mip_rel_gap: 0, random_seed: 1 });
    // Warm start: the greedy schedule is a complete placement; HiGHS derives the rest.
    if (greedy.layers === N) {
      try {
        model.setSolution(f.start(greedy));
      } catch (e) {
        log(`warm start not accepted: ${(e as Error).message}`);
      }
    }
    model.run({
      0: (ev) => {
        const line = ev.message.replace(/\n$/, '');
        if (line) log(line);
        return undefined;
      },
      5: (ev) => {
        opts.onProgress?.({ seconds: ev.data.running_time ?? 0, best: ev.data.mip_primal_bound, bound: ev.data.mip_dual_bound, gap: ev.data.mip_gap });
        return undefined;
      },
    });
    const status = model.getModelStatus();
    const solveMs = performance.now() - t0;
    const S = h.constants.modelStatus;
    const sol = model.getSolution().colValue;
    const hasSolution = sol.length === lp.columns && (status === S.optimal || status === S.timeLimit || status === S.interrupted);
    if (!hasSolution || !Number.isFinite(sol[f.dHalf])) {
      log(`MILP gave no solution (model status ${status}); using the greedy schedule`);
      return { ...greedy, solveMs, rows: lp.rows, columns: lp.columns };
    }
    const phase = problem.ops.map((op) => f.phaseOf(op, sol));
    const layersUsed = Math.max(...phase.map(layerOf)) + 1;
    const bound = Number(model.info.get('mip_dual_bound'));
    const schedule: Schedule = {
      layers: layersUsed,
      phase,
      method: 'milp',
      status: status === S.optimal ? 'optimal' : 'time-limit',
      dModelBound: 2 * Math.round(sol[f.dHalf]),
      dModelLowerBound: Number.isFinite(bound) ? 2 * Math.ceil(bound - 1e-6) : undefined,
      solveMs,
      rows: lp.rows,
      columns: lp.columns,
    };
    checkSchedule(problem, schedule);
    log(`MILP ${schedule.status}: d_model ≤ ${schedule.dModelBound} (lower bound ${schedule.dModelLowerBound ?? '?'}), ${layersUsed} layers, ${(solveMs / 1000).toFixed(1)} s`);
    return schedule;
  } finally {
    model.dispose();
  }
}
