import { earliestPhaseOfKind, PHASES_PER_LAYER, type ScheduleProblem } from './problem.ts';
import type { Schedule } from './schedule.ts';

/**
 * As-soon-as-possible phases with the tight constraint (a consumer of an average lookup shares
 * its layer): whenever a consumer lands in a later layer, its lookup is delayed to that layer
 * and everything is recomputed. Deterministic; a correct (possibly wider) network.
 */
export function greedySchedule(problem: ScheduleProblem, minLayers = 0): Schedule {
  const n = problem.ops.length;
  const lowerBound = new Array<number>(n).fill(0);
  for (let round = 0; round <= n; round++) {
    const phase = asap(problem, lowerBound);
    let changed = false;
    for (const [op, lus] of problem.tight) {
      const layer = Math.floor(phase[op.index] / PHASES_PER_LAYER);
      for (const lu of lus) {
        if (Math.floor(phase[lu.index] / PHASES_PER_LAYER) < layer && lowerBound[lu.index] < PHASES_PER_LAYER * layer) {
          lowerBound[lu.index] = PHASES_PER_LAYER * layer;
          changed = true;
        }
      }
    }
    if (!changed) {
      const layers = Math.max(minLayers, n ? Math.floor(Math.max(...phase) / PHASES_PER_LAYER) + 1 : 1);
      return { layers, phase, method: 'greedy', status: 'heuristic' };
    }
  }
  throw new Error('greedy schedule did not converge');
}

/** Minimum layer count: the ASAP critical path with phase classes (spec §7.2). */
export function minimumLayers(problem: ScheduleProblem): number {
  const phase = asap(problem, new Array<number>(problem.ops.length).fill(0));
  return phase.length ? Math.floor(Math.max(...phase) / PHASES_PER_LAYER) + 1 : 1;
}

function asap(problem: ScheduleProblem, lowerBound: number[]): number[] {
  // Ops are in creation order, which is topological.
  const phase = new Array<number>(problem.ops.length).fill(0);
  for (const op of problem.ops) {
    let lo = lowerBound[op.index];
    for (const d of op.deps) lo = Math.max(lo, phase[d.index] + 1);
    phase[op.index] = earliestPhaseOfKind(op.kind, lo);
  }
  return phase;
}
