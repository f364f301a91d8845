import type { Dim } from '../graph/dim.ts';
import { alapPhases, asapPhases } from './greedy.ts';
import { LinearProgram, type LinearTerm } from './linearProgram.ts';
import { LayerPhase, PHASES_PER_LAYER, phaseFits, phaseInLayer } from './phases.ts';
import type { ScheduleProblem, SchedOp } from './problem.ts';
import type { Schedule } from './schedule.ts';

/** Σ terms + constant over LP columns. */
interface Affine {
  terms: LinearTerm[];
  constant: number;
}

export interface TimeIndexedMilp {
  lp: LinearProgram;
  layers: number;
  /** Column of D_half (d_model = 2·D_half), the objective. */
  dHalf: number;
  phaseOf(op: SchedOp, x: ArrayLike<number>): number;
  /** A complete start solution for the placement columns of a schedule with the same layer count. */
  start(schedule: Schedule): { indices: number[]; values: number[] };
}

/**
 * The scheduling MILP in time-indexed form: one binary y[op][φ] per feasible phase φ of an op
 * (within its ASAP/ALAP window), and every other quantity — born-by, death-after, needs-slot,
 * occupancy, alive, passthrough — a continuous variable bounded by linear expressions of the
 * y's. It counts exactly what the original's big-M formulation (docs/original-design.md §7.4) counts, but only the
 * placements are integer and the LP relaxation is much tighter, so HiGHS proves optimality fast.
 */
export function formulateTimeIndexedMilp(problem: ScheduleProblem, layers: number, opts: { maxFfn?: number } = {}): TimeIndexedMilp {
  const lp = new LinearProgram();
  const N = layers;
  const P = PHASES_PER_LAYER * N;
  const { ops, producerOf, consumersOf, outputDims, protectedDims } = problem;
  const pos = problem.graph.position;
  const early = asapPhases(problem);
  const late = alapPhases(problem, N);

  const dHalf = lp.variable('D_half', 0, 10_000, true, 1);
  // y[op] : phase → column
  const y: Map<number, number>[] = ops.map((op) => {
    const m = new Map<number, number>();
    for (let f = early[op.index]; f <= Math.max(early[op.index], late[op.index]); f++) {
      if (phaseFits(op.kind, f) && f < P) m.set(f, lp.binary(`y_${op.index}_${f}`));
    }
    if (m.size === 0) throw new Error(`op ${op.name} has no feasible phase in ${N} layers`);
    lp.constrain([...m.values()].map((c) => [1, c] as const), '=', -1);
    return m;
  });

  const aff = (terms: LinearTerm[] = [], constant = 0): Affine => ({ terms, constant });
  const sum = (...as: Affine[]): Affine => aff(as.flatMap((a) => a.terms), as.reduce((s, a) => s + a.constant, 0));
  const neg = (a: Affine): Affine => aff(a.terms.map(([c, v]) => [-c, v] as const), -a.constant);
  const col = (c: number, k = 1): Affine => aff([[k, c]]);
  const ge = (a: Affine, b: Affine): void => {
    const d = sum(a, neg(b));
    lp.constrain(d.terms, '>=', d.constant);
  };
  const eq = (a: Affine, b: Affine): void => {
    const d = sum(a, neg(b));
    lp.constrain(d.terms, '=', d.constant);
  };
  /** op placed at a phase ≤ t. */
  const by = (op: SchedOp, t: number): Affine => aff([...y[op.index]].filter(([f]) => f <= t).map(([, c]) => [1, c] as const));
  /** op placed at a phase ≥ t (optionally only phases satisfying `only`). */
  const from = (op: SchedOp, t: number, only?: (f: number) => boolean): Affine =>
    aff([...y[op.index]].filter(([f]) => f >= t && (!only || only(f))).map(([, c]) => [1, c] as const));
  const at = (op: SchedOp, f: number): Affine => (y[op.index].has(f) ? col(y[op.index].get(f)!) : aff());
  const cont = (name: string): number => lp.variable(name, 0, 1, false);

  // Precedence, strong form: an op placed by t needs each producer placed by t − 1.
  for (const op of ops) {
    for (const dep of op.deps) {
      for (const f of y[op.index].keys()) ge(by(dep, f - 1), by(op, f));
    }
  }
  // Tightness: consumers of average lookups share the lookup's layer.
  for (const [op, lus] of problem.tight) {
    for (const lu of lus) {
      for (let L = 0; L < N; L++) eq(sum(...[4 * L + 1, 4 * L + 2, 4 * L + 3].map((f) => at(op, f))), at(lu, 4 * L));
    }
  }

  // Optional FFN width: at most maxFfn ReGLU neurons per layer.
  if (opts.maxFfn !== undefined) {
    for (let L = 0; L < N; L++) ge(aff([], opts.maxFfn), sum(...ops.filter((o) => o.kind === 'reglu').map((o) => at(o, 4 * L + 2))));
  }

  // "Death ≥ t": some consumer sits at a phase ≥ t. Position also lives until every persist-1.
  const consumersFrom = (d: Dim, t: number): Affine[] => {
    const list = (consumersOf.get(d) ?? []).map((c) => from(c, t));
    if (d === pos) for (const p of ops) if (p.kind === 'persist') list.push(from(p, t, (f) => phaseInLayer(f) === LayerPhase.Persist1));
    return list.filter((a) => a.terms.length);
  };
  const deathCache = new Map<string, Affine>();
  const deathAtLeast = (d: Dim, t: number): Affine => {
    const key = `${d.id}:${t}`;
    let r = deathCache.get(key);
    if (r) return r;
    const list = consumersFrom(d, t);
    if (!list.length) r = aff();
    else if (list.length === 1) r = list[0];
    else {
      const a = cont(`a_${d.id}_${t}`);
      for (const e of list) ge(col(a), e);
      ge(sum(...list), col(a));
      r = col(a);
    }
    deathCache.set(key, r);
    return r;
  };
  const hasDeath = (d: Dim): boolean => !outputDims.has(d) && ((consumersOf.get(d)?.length ?? 0) > 0 || d === pos);

  // needs-slot: a lookup/ReGLU dim that outlives the persist right after its producer.
  const needsSlot = new Map<Dim, Affine>();
  for (const d of problem.dims) {
    const prod = producerOf.get(d);
    if (!prod || (d.kind !== 'lookup' && d.kind !== 'reglu') || !hasDeath(d)) continue;
    const ns = cont(`ns_${d.id}`);
    for (const [f, c] of y[prod.index]) for (const e of consumersFrom(d, f + 2)) ge(col(ns), sum(col(c), e, aff([], -1)));
    needsSlot.set(d, col(ns));
  }

  const bornBy = (d: Dim, c: number): Affine => {
    const prod = producerOf.get(d);
    return prod ? by(prod, c) : aff([], 1);
  };
  const aliveAt = new Map<number, Affine>();
  for (let c = 1; c < P; c += 2) {
    const occupied: Affine[] = [];
    const alive: Affine[] = [];
    for (const d of problem.dims) {
      if (outputDims.has(d) || protectedDims.has(d)) {
        occupied.push(bornBy(d, c));
        alive.push(bornBy(d, c));
        continue;
      }
      if (!hasDeath(d)) continue;
      const b = bornBy(d, c);
      const stillUsed = deathAtLeast(d, c - 1);
      if (d.kind === 'input') occupied.push(stillUsed);
      else {
        const parts = [b, stillUsed, ...(needsSlot.has(d) ? [needsSlot.get(d)!] : [])];
        if (parts.some((p) => p.terms.length === 0 && p.constant === 0)) {
          // never occupied at c
        } else {
          const ev = cont(`ev_${d.id}_${c}`);
          ge(col(ev), sum(...parts, aff([], 1 - parts.length)));
          occupied.push(col(ev));
        }
      }
      const after = deathAtLeast(d, c + 1);
      if (d.kind === 'input') alive.push(after);
      else if (after.terms.length) {
        const av = cont(`av_${d.id}_${c}`);
        ge(b, col(av));
        ge(after, col(av));
        ge(col(av), sum(b, after, aff([], -1)));
        alive.push(col(av));
      }
    }
    ge(col(dHalf, 2), sum(...occupied));
    aliveAt.set(c, sum(...alive));
  }

  // Heads per attention layer: lookup heads + passthrough heads for persist-1 reads and erasures.
  const persistReaders = new Map<Dim, SchedOp[]>();
  for (const op of ops) if (op.kind === 'persist') for (const d of op.reads) persistReaders.set(d, [...(persistReaders.get(d) ?? []), op]);
  for (let L = 0; L < N; L++) {
    const cAttn = 4 * L + 1;
    const lookupHeads: Affine[] = [];
    const born: Affine[] = [];
    for (const op of ops) {
      if (op.kind === 'lookup') {
        lookupHeads.push(sum(...Array(2 * Math.ceil(op.values / 2)).fill(at(op, 4 * L))));
        born.push(sum(...Array(op.values).fill(at(op, 4 * L))));
      } else if (op.kind === 'persist') born.push(at(op, cAttn));
    }
    const prev = L === 0 ? aff([], problem.inputs.length) : aliveAt.get(cAttn - 2)!;
    const dying = sum(prev, neg(aliveAt.get(cAttn)!), ...born);
    const pt: Affine[] = [];
    for (const [d, readers] of persistReaders) {
      const lu = d.kind === 'lookup' ? producerOf.get(d) : undefined;
      const lower = readers.map((p) => (lu ? sum(at(p, cAttn), neg(at(lu, 4 * L))) : at(p, cAttn))).filter((a) => a.terms.length);
      if (!lower.length) continue;
      const v = cont(`pd_${d.id}_${L}`);
      for (const e of lower) ge(col(v), e);
      pt.push(col(v));
    }
    ge(col(dHalf, 2), sum(...lookupHeads, dying, ...pt));
  }

  return {
    lp,
    layers,
    dHalf,
    phaseOf(op, x) {
      let best = -1;
      let bestV = -1;
      for (const [f, c] of y[op.index]) if (x[c] > bestV) [best, bestV] = [f, x[c]];
      return best;
    },
    start(schedule) {
      const indices: number[] = [];
      const values: number[] = [];
      for (const op of ops) {
        for (const [f, c] of y[op.index]) {
          indices.push(c);
          values.push(schedule.phase[op.index] === f ? 1 : 0);
        }
      }
      return { indices, values };
    },
  };
}
