import type { Dim } from '../graph/dim.ts';
import type { ScheduleProblem, SchedOp } from './problem.ts';
import type { Schedule } from './schedule.ts';

/** Groups smaller than this are scheduled op by op (they barely grow the MILP, and the MILP may place them better). */
const MIN_NEURON_GROUP = 64;

/**
 * Many same-shaped neurons (a specialized model's instruction table: n ramps on the cursor,
 * docs/schedule-and-weights.md) make the scheduling MILP grow with the program. They are
 * interchangeable: every neuron of a group reads the same dims and is read only by persists.
 * Scheduled together, with their readers in the persist right after the FFN, none of their dims
 * ever holds a residual slot — any other placement would give each of them a slot, so no good
 * schedule separates them. `groupNeurons` replaces each such group by one representative neuron
 * whose readers must share its layer (the "tight" constraint); `expandGroups` maps the reduced
 * problem's schedule back to every op of the original problem.
 */
export interface GroupedProblem {
  /** The problem the scheduler sees; equal to the original when nothing was grouped. */
  reduced: ScheduleProblem;
  /** Number of neurons folded into representatives, and the groups. */
  folded: number;
  groups: number;
  /** original op index → op index in `reduced`. */
  toReduced: number[];
}

export function groupNeurons(problem: ScheduleProblem, minGroup = MIN_NEURON_GROUP): GroupedProblem {
  const identity = { reduced: problem, folded: 0, groups: 0, toReduced: problem.ops.map((o) => o.index) };
  const byReads = new Map<string, SchedOp[]>();
  for (const op of problem.ops) {
    if (op.kind !== 'reglu') continue;
    const readers = problem.consumersOf.get(op.produces[0]) ?? [];
    if (!readers.length || readers.some((r) => r.kind !== 'persist') || problem.outputDims.has(op.produces[0])) continue;
    const key = op.reads.map((d) => d.id).sort((a, b) => a - b).join(',');
    (byReads.get(key) ?? byReads.set(key, []).get(key)!).push(op);
  }
  const groups = [...byReads.values()].filter((g) => g.length >= minGroup);
  if (!groups.length) return identity;

  const repOf = new Map<SchedOp, SchedOp>();
  for (const g of groups) for (const op of g) repOf.set(op, g[0]);
  const foldedDim = new Map<Dim, Dim>();
  for (const [op, rep] of repOf) foldedDim.set(op.produces[0], rep.produces[0]);
  const mapDim = (d: Dim): Dim => foldedDim.get(d) ?? d;

  const kept = problem.ops.filter((op) => (repOf.get(op) ?? op) === op);
  const toReducedOp = new Map<SchedOp, SchedOp>();
  const ops: SchedOp[] = kept.map((op, index) => {
    const r: SchedOp = { ...op, index, reads: [...new Set(op.reads.map(mapDim))], deps: [] };
    toReducedOp.set(op, r);
    return r;
  });
  for (const op of kept) {
    const r = toReducedOp.get(op)!;
    r.deps = [...new Set(op.deps.map((d) => toReducedOp.get(repOf.get(d) ?? d)!))];
  }
  const producerOf = new Map<Dim, SchedOp>();
  for (const [d, p] of problem.producerOf) if (!foldedDim.has(d) || foldedDim.get(d) === d) producerOf.set(d, toReducedOp.get(p)!);
  const consumersOf = new Map<Dim, SchedOp[]>();
  for (const [d, list] of problem.consumersOf) {
    const m = mapDim(d);
    const into = consumersOf.get(m) ?? [];
    for (const c of list) {
      const rc = toReducedOp.get(repOf.get(c) ?? c)!;
      if (!into.includes(rc)) into.push(rc);
    }
    consumersOf.set(m, into);
  }
  const tight = new Map<SchedOp, SchedOp[]>();
  for (const [op, lus] of problem.tight) tight.set(toReducedOp.get(op)!, lus.map((l) => toReducedOp.get(l)!));
  for (const g of groups) {
    const rep = toReducedOp.get(g[0])!;
    for (const reader of consumersOf.get(rep.produces[0]) ?? []) {
      const t = tight.get(reader) ?? [];
      if (!t.includes(rep)) t.push(rep);
      tight.set(reader, t);
    }
  }
  const reduced: ScheduleProblem = {
    ...problem,
    ops,
    dims: problem.dims.filter((d) => !foldedDim.has(d) || foldedDim.get(d) === d),
    producerOf,
    consumersOf,
    tight,
  };
  return {
    reduced,
    folded: repOf.size - groups.length,
    groups: groups.length,
    toReduced: problem.ops.map((op) => toReducedOp.get(repOf.get(op) ?? op)!.index),
  };
}

/** The reduced problem's schedule as a schedule of the original problem (grouped neurons share their representative's phase). */
export function expandGroups(grouped: GroupedProblem, schedule: Schedule): Schedule {
  if (!grouped.folded) return schedule;
  return { ...schedule, phase: grouped.toReduced.map((i) => schedule.phase[i]) };
}
