/**
 * The 2-D keys each lookup has stored up to a position, for drawing. Lookups with the same key
 * expressions share one history. Keys that are a function of the position alone (2·(p − C),
 * −(p − C)² + 0.3·inv_log_pos) are computed on demand; the others are recorded while the evaluator
 * replays, one entry per position whose key is live (cleared entries, key y ≈ −1e30, can never
 * win and are not drawn).
 */
import type { EvalPlan } from '../../evaluate/plan.ts';
import { centeredPosition, invLogPos } from '../../weights/positionSlots.ts';

/** Keys below this are cleared entries (the graph's clear penalty is 1e30). */
const CLEARED = -1e29;

export interface KeyPoints {
  xs: Float64Array;
  ys: Float64Array;
  /** Number of points (a prefix of xs/ys). */
  n: number;
  /** Position of point i. */
  positionOf(i: number): number;
  /** True when the points are in position order with increasing x (position-keyed). */
  sortedByX: boolean;
}

interface Terms {
  dims: Int32Array;
  coefs: Float64Array;
}

function termsOf(plan: EvalPlan, e: number): Terms {
  const a = plan.exprStart[e];
  const b = plan.exprStart[e + 1];
  return { dims: plan.termDim.slice(a, b), coefs: plan.termCoef.slice(a, b) };
}

function sameTerms(a: Terms, b: Terms): boolean {
  if (a.dims.length !== b.dims.length) return false;
  for (let i = 0; i < a.dims.length; i++) if (a.dims[i] !== b.dims[i] || a.coefs[i] !== b.coefs[i]) return false;
  return true;
}

function evalTerms(t: Terms, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < t.dims.length; i++) s += t.coefs[i] * v[t.dims[i]];
  return s;
}

/** One key history (shared by the lookups with the same key expressions). */
export class KeyGroup {
  /** Recorded entries (stored groups): key and position, in position order. */
  private xs = new Float64Array(1024);
  private ys = new Float64Array(1024);
  private pos = new Int32Array(1024);
  private count = 0;
  /** Position-keyed groups: keys generated for positions [0, generated). */
  private genX = new Float64Array(0);
  private genY = new Float64Array(0);
  private generated = 0;

  constructor(
    readonly kx: Terms,
    readonly ky: Terms,
    readonly positionKeyed: boolean,
    private readonly plan: EvalPlan,
    readonly lookups: number[],
  ) {}

  record(values: Float64Array, position: number): void {
    if (this.positionKeyed) return;
    const y = evalTerms(this.ky, values);
    if (!(y > CLEARED)) return;
    if (this.count === this.xs.length) {
      const n = this.count * 2;
      const grow = <T extends Float64Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
      this.xs = grow(this.xs, new Float64Array(n));
      this.ys = grow(this.ys, new Float64Array(n));
      this.pos = grow(this.pos, new Int32Array(n));
    }
    this.xs[this.count] = evalTerms(this.kx, values);
    this.ys[this.count] = y;
    this.pos[this.count] = position;
    this.count++;
  }

  /** Recorded entries (stored groups). */
  get stored(): number {
    return this.count;
  }

  /** The live keys of positions 0..p (p must have been recorded for stored groups). */
  pointsUpTo(p: number): KeyPoints {
    if (this.positionKeyed) {
      this.generate(p + 1);
      return { xs: this.genX, ys: this.genY, n: p + 1, positionOf: (i) => i, sortedByX: true };
    }
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pos[mid] <= p) lo = mid + 1;
      else hi = mid;
    }
    const pos = this.pos;
    return { xs: this.xs, ys: this.ys, n: lo, positionOf: (i) => pos[i], sortedByX: false };
  }

  /** The key of position s computed from s alone (position-keyed groups). */
  private generate(n: number): void {
    if (n <= this.generated) return;
    if (n > this.genX.length) {
      let cap = Math.max(1024, this.genX.length);
      while (cap < n) cap *= 2;
      const x = new Float64Array(cap);
      const y = new Float64Array(cap);
      x.set(this.genX.subarray(0, this.generated));
      y.set(this.genY.subarray(0, this.generated));
      this.genX = x;
      this.genY = y;
    }
    const P = this.plan;
    const v = new Float64Array(P.dimCount);
    // `one` is 1 at every token but the first (where the history is that single entry).
    v[P.oneDim] = 1;
    for (let s = this.generated; s < n; s++) {
      v[P.positionDim] = s;
      const c = centeredPosition(s);
      v[P.positionCenteredSqDim] = c * c;
      v[P.positionCenteredDim] = c;
      v[P.invLogPosDim] = invLogPos(s);
      this.genX[s] = evalTerms(this.kx, v);
      this.genY[s] = evalTerms(this.ky, v);
    }
    this.generated = n;
  }
}

/** Groups the plan's lookups by key expressions; says which groups are position-keyed. */
export function keyGroups(plan: EvalPlan): { groups: KeyGroup[]; groupOf: Int32Array } {
  const groups: KeyGroup[] = [];
  const groupOf = new Int32Array(plan.lookups.length);
  const positional = new Set([plan.positionDim, plan.positionCenteredSqDim, plan.positionCenteredDim, plan.invLogPosDim, plan.oneDim]);
  plan.lookups.forEach((lu, li) => {
    const kx = termsOf(plan, lu.kx);
    const ky = termsOf(plan, lu.ky);
    let g = groups.findIndex((x) => sameTerms(x.kx, kx) && sameTerms(x.ky, ky));
    if (g < 0) {
      const onlyPosition = [...kx.dims, ...ky.dims].every((d) => positional.has(d));
      groups.push(new KeyGroup(kx, ky, onlyPosition, plan, []));
      g = groups.length - 1;
    }
    groups[g].lookups.push(li);
    groupOf[li] = g;
  });
  return { groups, groupOf };
}

/** Evaluates plan expression `e` on a values vector (query and key expressions at a position). */
export function evalPlanExpr(plan: EvalPlan, e: number, v: Float64Array): number {
  let s = 0;
  for (let t = plan.exprStart[e]; t < plan.exprStart[e + 1]; t++) s += plan.termCoef[t] * v[plan.termDim[t]];
  return s;
}
