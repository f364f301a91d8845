import type { Dim } from '../graph/dim.ts';
import { alapPhases, asapPhases } from './greedy.ts';
import { LinearProgram, type LinearTerm } from './linearProgram.ts';
import { PHASES_PER_LAYER, type ScheduleProblem, type SchedOp } from './problem.ts';

/** An affine expression Σ terms + constant over LP columns. */
interface Affine {
  terms: LinearTerm[];
  constant: number;
}

export interface MilpFormulation {
  lp: LinearProgram;
  layers: number;
  /** Column of D_half (d_model = 2·D_half), the objective. */
  dHalf: number;
  /** Column of each op's layer k. */
  layerCol: number[];
  /** Column of each persist's z (0 = persist-1, 1 = persist-2); -1 for other ops. */
  zCol: number[];
  /** Phase of op given a column assignment. */
  phaseOf(op: SchedOp, x: ArrayLike<number>): number;
}

/**
 * The original's MILP (spec §7.3–7.4): place every op in a layer/phase to minimise d_model,
 * counting occupied slots at each boundary with delayed reuse, and heads per attention layer.
 */
export function formulateMilp(problem: ScheduleProblem, layers: number, opts: { maxFfn?: number } = {}): MilpFormulation {
  const lp = new LinearProgram();
  const N = layers;
  const P = PHASES_PER_LAYER * N;
  const { ops, producerOf, consumersOf, outputDims, protectedDims } = problem;
  const pos = problem.graph.position;

  const dHalf = lp.variable('D_half', 0, 10_000, true, 1);
  // ASAP/ALAP windows: every op's layer lies between its earliest and latest feasible layer.
  const early = asapPhases(problem);
  const late = alapPhases(problem, N);
  const layerCol = ops.map((op) =>
    lp.variable(`k_${op.index}`, Math.floor(early[op.index] / 4), Math.max(Math.floor(early[op.index] / 4), Math.floor(late[op.index] / 4)), true),
  );
  const zCol = ops.map((op) => (op.kind === 'persist' ? lp.binary(`z_${op.index}`) : -1));

  const phase = (op: SchedOp): Affine => {
    const terms: LinearTerm[] = [[4, layerCol[op.index]]];
    if (op.kind === 'lookup') return { terms, constant: 0 };
    if (op.kind === 'reglu') return { terms, constant: 2 };
    terms.push([2, zCol[op.index]]);
    return { terms, constant: 1 };
  };
  const scaled = (a: Affine, s: number): Affine => ({ terms: a.terms.map(([c, v]) => [c * s, v] as const), constant: a.constant * s });
  const sum = (...as: Affine[]): Affine => ({ terms: as.flatMap((a) => a.terms), constant: as.reduce((s, a) => s + a.constant, 0) });
  const col = (c: number, coef = 1): Affine => ({ terms: [[coef, c]], constant: 0 });
  const num = (v: number): Affine => ({ terms: [], constant: v });
  /** a ≥ b, a ≤ b, a = b. */
  const ge = (a: Affine, b: Affine): void => lp.constrain(sum(a, scaled(b, -1)).terms, '>=', a.constant - b.constant);
  const le = (a: Affine, b: Affine): void => ge(b, a);
  const eq = (a: Affine, b: Affine): void => lp.constrain(sum(a, scaled(b, -1)).terms, '=', a.constant - b.constant);

  // 1. Precedence.
  for (const op of ops) for (const dep of op.deps) ge(phase(op), sum(phase(dep), num(1)));
  // 2. Tightness: consumers of average lookups share the lookup's layer.
  for (const [op, lus] of problem.tight) for (const lu of lus) eq(col(layerCol[op.index]), col(layerCol[lu.index]));

  // 3. Deaths.
  const death = new Map<Dim, number>();
  for (const d of problem.dims) {
    if (outputDims.has(d)) continue;
    const cons = consumersOf.get(d) ?? [];
    if (!cons.length && d !== pos) continue;
    const v = lp.variable(`death_${d.id}`, 0, P - 1, true);
    for (const c of cons) ge(col(v), phase(c));
    death.set(d, v);
  }
  const deathPos = death.get(pos);
  if (deathPos !== undefined) {
    // position feeds every passthrough head's key: it lives until the last persist-1.
    for (const op of ops) if (op.kind === 'persist') ge(col(deathPos), sum(phase(op), col(zCol[op.index], -P)));
  }

  // 8. Optional FFN width.
  if (opts.maxFfn !== undefined) {
    const reglus = ops.filter((o) => o.kind === 'reglu');
    const fb = reglus.map((r) => layerIndicators(lp, `fb_${r.index}`, N, layerCol[r.index]));
    for (let L = 0; L < N; L++) le({ terms: fb.map((f) => [1, f[L]] as const), constant: 0 }, num(opts.maxFfn));
  }

  // 4. Layer indicators, persist-1 indicators, passthrough needs.
  const luAt = new Map<SchedOp, number[]>();
  for (const op of ops) if (op.kind === 'lookup') luAt.set(op, layerIndicators(lp, `la_${op.index}`, N, layerCol[op.index]));
  const p1At = new Map<SchedOp, number[]>();
  for (const op of ops) {
    if (op.kind !== 'persist') continue;
    const pl = layerIndicators(lp, `pl_${op.index}`, N, layerCol[op.index]);
    const z = zCol[op.index];
    p1At.set(op, pl.map((plL, L) => {
      const v = lp.binary(`p1_${op.index}_${L}`);
      le(col(v), col(plL));
      le(col(v), sum(num(1), col(z, -1)));
      ge(col(v), sum(col(plL), col(z, -1)));
      return v;
    }));
  }
  const persistConsumers = new Map<Dim, SchedOp[]>();
  for (const op of ops) if (op.kind === 'persist') for (const d of op.reads) {
    const l = persistConsumers.get(d) ?? [];
    l.push(op);
    persistConsumers.set(d, l);
  }
  const passthrough: number[][] = Array.from({ length: N }, () => []);
  for (const [d, ps] of persistConsumers) {
    const lu = d.kind === 'lookup' ? producerOf.get(d) : undefined;
    for (let L = 0; L < N; L++) {
      const v = lp.binary(`pd_${d.id}_${L}`);
      le(col(v), { terms: ps.map((p) => [1, p1At.get(p)![L]] as const), constant: 0 });
      if (lu) {
        const la = luAt.get(lu)![L];
        le(col(v), sum(num(1), col(la, -1)));
        for (const p of ps) ge(col(v), sum(col(p1At.get(p)![L]), col(la, -1)));
      } else {
        for (const p of ps) ge(col(v), col(p1At.get(p)![L]));
      }
      passthrough[L].push(v);
    }
  }

  // 5. needs-slot for lookup/ReGLU dims: only if they outlive the persist right after them.
  const needsSlot = new Map<Dim, number>();
  for (const d of problem.dims) {
    const dv = death.get(d);
    const prod = producerOf.get(d);
    if (dv === undefined || !prod || (d.kind !== 'lookup' && d.kind !== 'reglu')) continue;
    const ns = lp.binary(`ns_${d.id}`);
    ge(col(dv), sum(phase(prod), num(2 - P), col(ns, P)));
    le(col(dv), sum(phase(prod), num(1), col(ns, P)));
    needsSlot.set(d, ns);
  }

  // 6. Occupied slots at each odd boundary; alive counts for the head constraint.
  const aliveSum = new Map<number, Affine>();
  const bornBy = (prod: SchedOp, c: number, name: string): number => {
    const bb = lp.binary(name);
    le(phase(prod), sum(num(c + P), col(bb, -P)));
    ge(phase(prod), sum(num(c + 1), col(bb, -P)));
    return bb;
  };
  /** Binary b with b = 1 ⇔ death ≥ threshold. */
  const deathAtLeast = (dv: number, threshold: number, name: string): number => {
    const b = lp.binary(name);
    ge(col(dv), sum(num(threshold - P), col(b, P)));
    le(col(dv), sum(num(threshold - 1), col(b, P)));
    return b;
  };
  const and = (name: string, ...xs: number[]): number => {
    const v = lp.binary(name);
    for (const x of xs) le(col(v), col(x));
    ge(col(v), { terms: xs.map((x) => [1, x] as const), constant: 1 - xs.length });
    return v;
  };
  const nInputs = problem.inputs.length;
  for (let c = 1; c < P; c += 2) {
    const occupied: Affine[] = [];
    const alive: Affine[] = [];
    for (const d of problem.dims) {
      const prod = producerOf.get(d);
      const isInput = d.kind === 'input';
      if (outputDims.has(d) || protectedDims.has(d)) {
        if (isInput) {
          occupied.push(num(1));
          alive.push(num(1));
        } else if (prod) {
          const bb = bornBy(prod, c, `b_${d.id}_${c}`);
          occupied.push(col(bb));
          alive.push(col(bb));
        }
        continue;
      }
      const dv = death.get(d);
      if (dv === undefined) continue;
      if (isInput) {
        occupied.push(col(deathAtLeast(dv, c - 1, `eu_${d.id}_${c}`)));
        alive.push(col(deathAtLeast(dv, c + 1, `au_${d.id}_${c}`)));
      } else if (prod) {
        const bb = bornBy(prod, c, `b_${d.id}_${c}`);
        const eu = deathAtLeast(dv, c - 1, `eu_${d.id}_${c}`);
        const ns = needsSlot.get(d);
        occupied.push(col(ns !== undefined ? and(`ev_${d.id}_${c}`, bb, eu, ns) : and(`ev_${d.id}_${c}`, bb, eu)));
        const au = deathAtLeast(dv, c + 1, `au_${d.id}_${c}`);
        alive.push(col(and(`av_${d.id}_${c}`, bb, au)));
      }
    }
    ge(col(dHalf, 2), sum(...occupied));
    aliveSum.set(c, sum(...alive));
  }

  // 7. Heads per attention layer: lookup heads + passthrough/erase heads (two slots each).
  for (let L = 0; L < N; L++) {
    const cAttn = 4 * L + 1;
    const cPrev = 4 * L - 1;
    const lookupHeads: Affine = { terms: [], constant: 0 };
    const born: Affine = { terms: [], constant: 0 };
    for (const [lu, at] of luAt) {
      lookupHeads.terms.push([2 * Math.ceil(lu.values / 2), at[L]]);
      born.terms.push([lu.values, at[L]]);
    }
    for (const at of p1At.values()) born.terms.push([1, at[L]]);
    const prev = aliveSum.get(cPrev) ?? num(nInputs);
    const dying = sum(prev, scaled(aliveSum.get(cAttn)!, -1), born);
    const pt: Affine = { terms: passthrough[L].map((v) => [1, v] as const), constant: 0 };
    ge(col(dHalf, 2), sum(lookupHeads, dying, pt));
  }

  return {
    lp,
    layers,
    dHalf,
    layerCol,
    zCol,
    phaseOf(op, x) {
      const k = Math.round(x[layerCol[op.index]]);
      if (op.kind === 'lookup') return 4 * k;
      if (op.kind === 'reglu') return 4 * k + 2;
      return 4 * k + 1 + 2 * Math.round(x[zCol[op.index]]);
    },
  };
}

/** One-hot layer indicators b[0…N−1] with Σ b = 1 and k = Σ L·b[L]. */
function layerIndicators(lp: LinearProgram, name: string, N: number, k: number): number[] {
  const lo = lp.colLower[k];
  const hi = lp.colUpper[k];
  const b = Array.from({ length: N }, (_, L) => lp.variable(`${name}_${L}`, 0, L >= lo && L <= hi ? 1 : 0, true));
  lp.constrain(b.map((v) => [1, v] as const), '=', -1);
  lp.constrain([[-1, k], ...b.map((v, L) => [L, v] as const)], '=', 0);
  return b;
}
