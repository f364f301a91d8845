import type { Highs } from 'highs';
import { StageError } from '../errors.ts';
import { alapPhases, asapPhases, greedySchedule, minimumLayers } from './greedy.ts';
import { layerOf } from './phases.ts';
import { formulateTimeIndexedMilp, type TimeIndexedMilp } from './milpTimeIndexed.ts';
import { expandGroups, groupNeurons } from './neuronGroups.ts';
import type { ScheduleProblem } from './problem.ts';
import { checkSchedule, type Schedule } from './schedule.ts';

export interface ScheduleOptions {
  /** Loaded HiGHS runtime (Node: `await loadHighs()`; browser: with `locateFile`). Without it: greedy only. */
  highs?: Highs;
  /** Seconds; the best schedule found so far is used when it runs out. Default 60. */
  timeLimit?: number;
  maxLayers?: number;
  maxFfn?: number;
  /** Largest MILP handed to the solver (default `MILP_LIMITS`); beyond it, the greedy schedule. */
  milpLimits?: typeof MILP_LIMITS;
  onLog?: (line: string) => void;
  onProgress?: (p: { seconds: number; best?: number; bound?: number; gap?: number }) => void;
}

/**
 * Largest MILP handed to HiGHS-in-wasm: beyond it the solver cannot prove much within a time
 * limit of seconds and its 32-bit heap may run out (a 1M-row model aborted it). The universal
 * graph is 428 binaries, 10.7K rows; a specialized one, its instruction table grouped, about as many.
 */
export const MILP_LIMITS = { binaries: 5_000, rows: 200_000, nonzeros: 2_000_000 };

/**
 * Schedules the graph: large groups of interchangeable neurons are folded into one
 * representative (neuronGroups.ts), then the greedy ASAP schedule (always correct, and the MILP's
 * warm start), then — when the problem is within `MILP_LIMITS` — the MILP on HiGHS within the
 * time limit. A non-optimal schedule is still a correct network, only wider; the result says how
 * far from optimal it may be, or why the greedy one was used. A solver abort is caught: the
 * greedy schedule is returned with `solverFailed` so the caller discards that HiGHS instance.
 */
export function solveSchedule(full: ScheduleProblem, opts: ScheduleOptions = {}): Schedule {
  const log = opts.onLog ?? (() => {});
  const grouped = groupNeurons(full);
  const problem = grouped.reduced;
  const folded = grouped.folded ? { neurons: grouped.folded, groups: grouped.groups } : undefined;
  if (folded) log(`grouped ${folded.neurons + folded.groups} same-shaped neurons into ${folded.groups} group(s): ${problem.ops.length} ops to schedule (was ${full.ops.length})`);
  const finish = (s: Schedule): Schedule => {
    const out = expandGroups(grouped, { ...s, ...(folded ? { folded } : {}) });
    checkSchedule(full, out);
    return out;
  };
  const layers = opts.maxLayers ?? minimumLayers(problem);
  const greedy = greedySchedule(problem, layers);
  if (greedy.layers > layers) {
    if (opts.maxLayers !== undefined) throw new StageError('schedule', `the graph needs at least ${greedy.layers} layers with its average-lookup constraints; --max-layers ${opts.maxLayers} is too few`);
  }
  if (!opts.highs) {
    log(`greedy schedule: ${greedy.layers} layers (no MILP solver given)`);
    return finish(greedy);
  }
  const N = Math.max(layers, greedy.layers);
  const limits = opts.milpLimits ?? MILP_LIMITS;
  const binaries = milpBinaries(problem, N);
  if (binaries > limits.binaries) {
    const why = `MILP too large (${binaries} placement binaries > ${limits.binaries}): greedy schedule`;
    log(why);
    return finish({ ...greedy, fallback: why });
  }
  const f = formulateTimeIndexedMilp(problem, N, { maxFfn: opts.maxFfn });
  const { lp } = f;
  log(`MILP: ${problem.ops.length} ops, ${problem.dims.length} dims, ${N} layers, ${lp.rows} rows × ${lp.columns} columns`);
  if (lp.rows > limits.rows || lp.rowIndex.length > limits.nonzeros) {
    const why = `MILP too large (${lp.rows} rows, ${lp.rowIndex.length} nonzeros; limits ${limits.rows}, ${limits.nonzeros}): greedy schedule`;
    log(why);
    return finish({ ...greedy, rows: lp.rows, columns: lp.columns, fallback: why });
  }
  const t0 = performance.now();
  let solved: Schedule;
  try {
    solved = runMilp(problem, f, greedy, opts, log, t0);
  } catch (e) {
    const why = `MILP solver failed (${(e as Error).message || String(e)}): greedy schedule`;
    log(why);
    return finish({ ...greedy, solveMs: performance.now() - t0, rows: lp.rows, columns: lp.columns, fallback: why, solverFailed: true });
  }
  return finish(solved);
}

/** Placement binaries of the time-indexed MILP (one per op and feasible phase), counted without building it. */
function milpBinaries(problem: ScheduleProblem, layers: number): number {
  const early = asapPhases(problem);
  const late = alapPhases(problem, layers);
  let n = 0;
  for (const op of problem.ops) n += Math.max(1, Math.floor((late[op.index] - early[op.index]) / (op.kind === 'persist' ? 2 : 4)) + 1);
  return n;
}

function runMilp(problem: ScheduleProblem, f: TimeIndexedMilp, greedy: Schedule, opts: ScheduleOptions, log: (l: string) => void, t0: number): Schedule {
  const { lp } = f;
  const N = f.layers;
  const h = opts.highs!;
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
      const why = `MILP gave no solution (model status ${status}); using the greedy schedule`;
      log(why);
      return { ...greedy, solveMs, rows: lp.rows, columns: lp.columns, fallback: why };
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
    log(`MILP ${schedule.status}: d_model ≤ ${schedule.dModelBound} (lower bound ${schedule.dModelLowerBound ?? '?'}), ${layersUsed} layers, ${(solveMs / 1000).toFixed(1)} s`);
    return schedule;
  } finally {
    try {
      model.dispose();
    } catch {
      // an aborted solver cannot free its model either; the caller discards the instance
    }
  }
}
