import type { Dim } from '../graph/dim.ts';
import { layerOf, PHASES_PER_LAYER, phaseFits } from './phases.ts';
import type { ScheduleProblem } from './problem.ts';

/** A schedule: the phase of every op (docs/original-design.md §7.1), and how it was found. */
export interface Schedule {
  layers: number;
  /** Phase per op, indexed like `ScheduleProblem.ops`. */
  phase: number[];
  method: 'milp' | 'greedy';
  /** milp: 'optimal' when proven, 'time-limit' when the best found so far; greedy: 'heuristic'. */
  status: 'optimal' | 'time-limit' | 'heuristic';
  /** The MILP's d_model bound (2·D_half) and its best proven lower bound, when solved. */
  dModelBound?: number;
  dModelLowerBound?: number;
  solveMs?: number;
  rows?: number;
  columns?: number;
  /** Neurons folded into group representatives before solving (neuronGroups.ts). */
  folded?: { neurons: number; groups: number };
  /** Why the MILP was not used or gave nothing (problem too large, solver failure, no solution). */
  fallback?: string;
  /** The HiGHS instance aborted (wasm abort, out of memory): the caller must not reuse it. */
  solverFailed?: boolean;
}

/** Births, deaths and the live sets at each odd boundary c (docs/original-design.md §7.6). */
export interface Liveness {
  birth: Map<Dim, number>;
  death: Map<Dim, number>;
  /** aliveAfter[c] for odd c: { d : birth ≤ c < death }, in dim creation order. */
  aliveAfter: Map<number, Dim[]>;
}

export function liveness(problem: ScheduleProblem, schedule: Schedule): Liveness {
  const { layers, phase } = schedule;
  const forever = PHASES_PER_LAYER * layers;
  const birth = new Map<Dim, number>();
  const death = new Map<Dim, number>();
  for (const d of problem.dims) {
    const p = problem.producerOf.get(d);
    const b = p ? phase[p.index] : -1;
    birth.set(d, b);
    if (problem.outputDims.has(d) || problem.protectedDims.has(d)) death.set(d, forever);
    else {
      const cons = problem.consumersOf.get(d) ?? [];
      death.set(d, cons.length ? Math.max(...cons.map((c) => phase[c.index])) : b);
    }
  }
  const aliveAfter = new Map<number, Dim[]>();
  for (let c = 1; c < forever; c += 2) {
    aliveAfter.set(c, problem.dims.filter((d) => birth.get(d)! <= c && c < death.get(d)!));
  }
  return { birth, death, aliveAfter };
}

/** Checks the schedule's invariants; throws with the first violation (used by tests and builds). */
export function checkSchedule(problem: ScheduleProblem, s: Schedule): void {
  for (const op of problem.ops) {
    const p = s.phase[op.index];
    if (!phaseFits(op.kind, p) || p < 0 || p >= PHASES_PER_LAYER * s.layers) throw new Error(`op ${op.name} (${op.kind}) at invalid phase ${p}`);
    for (const dep of op.deps) if (s.phase[dep.index] >= p) throw new Error(`op ${op.name} at phase ${p} precedes its input ${dep.name} at ${s.phase[dep.index]}`);
    for (const lu of problem.tight.get(op) ?? []) {
      if (layerOf(s.phase[lu.index]) !== layerOf(p)) throw new Error(`op ${op.name} must share a layer with average lookup ${lu.name}`);
    }
  }
}
