import { earliestPhaseOfKind, latestPhaseOfKind, layerOf, PHASES_PER_LAYER } from './phases.ts';
import type { ScheduleProblem } from './problem.ts';
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
      const layer = layerOf(phase[op.index]);
      for (const lu of lus) {
        if (layerOf(phase[lu.index]) < layer && lowerBound[lu.index] < PHASES_PER_LAYER * layer) {
          lowerBound[lu.index] = PHASES_PER_LAYER * layer;
          changed = true;
        }
      }
    }
    if (!changed) {
      const layers = Math.max(minLayers, n ? layerOf(Math.max(...phase)) + 1 : 1);
      return { layers, phase, method: 'greedy', status: 'heuristic' };
    }
  }
  throw new Error('greedy schedule did not converge');
}

/** Minimum layer count: the ASAP critical path with phase classes (docs/original-design.md §7.2). */
export function minimumLayers(problem: ScheduleProblem): number {
  const phase = asap(problem, new Array<number>(problem.ops.length).fill(0));
  return phase.length ? layerOf(Math.max(...phase)) + 1 : 1;
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

/**
 * Latest phase of every op in an N-layer schedule (as-late-as-possible): each op must precede
 * all its consumers. Together with ASAP this bounds every op's layer in the MILP.
 */
export function alapPhases(problem: ScheduleProblem, layers: number): number[] {
  const last = PHASES_PER_LAYER * layers - 1;
  const consumers = new Map<number, number[]>();
  for (const op of problem.ops) for (const d of op.deps) (consumers.get(d.index) ?? consumers.set(d.index, []).get(d.index)!).push(op.index);
  const phase = new Array<number>(problem.ops.length).fill(last);
  for (let i = problem.ops.length - 1; i >= 0; i--) {
    const op = problem.ops[i];
    let hi = last;
    for (const c of consumers.get(i) ?? []) hi = Math.min(hi, phase[c] - 1);
    phase[i] = latestPhaseOfKind(op.kind, hi);
  }
  return phase;
}

export function asapPhases(problem: ScheduleProblem): number[] {
  return asap(problem, new Array<number>(problem.ops.length).fill(0));
}
