import { Dim } from './dim.ts';

/** What expressions need from their graph: the `one` dim that plain numbers stand for. */
export interface ExprContext {
  readonly one: Dim;
  expr(t: Term): Expr;
}

/** Anything usable where an expression is expected; a number c means c · `one`. */
export type Term = Expr | Dim | number;

/**
 * A sparse linear combination Σ c_d · d of dims (docs/original-design.md §4.1). Immutable; zero coefficients are
 * dropped. Term order is insertion order (it fixes the summation order of evaluators).
 */
export class Expr {
  readonly terms: ReadonlyMap<Dim, number>;

  constructor(
    readonly ctx: ExprContext,
    terms: Iterable<readonly [Dim, number]> = [],
  ) {
    const m = new Map<Dim, number>();
    for (const [d, c] of terms) if (c !== 0) m.set(d, c);
    this.terms = m;
  }

  static of(ctx: ExprContext, t: Term): Expr {
    if (t instanceof Expr) return t;
    if (t instanceof Dim) return new Expr(ctx, [[t, 1]]);
    return new Expr(ctx, [[ctx.one, t]]);
  }

  plus(...ts: Term[]): Expr {
    const m = new Map(this.terms);
    for (const t of ts) {
      for (const [d, c] of Expr.of(this.ctx, t).terms) {
        const v = (m.get(d) ?? 0) + c;
        if (v === 0) m.delete(d);
        else m.set(d, v);
      }
    }
    return new Expr(this.ctx, m);
  }

  minus(t: Term): Expr {
    return this.plus(Expr.of(this.ctx, t).neg());
  }

  times(c: number): Expr {
    if (c === 0) return new Expr(this.ctx);
    return new Expr(this.ctx, [...this.terms].map(([d, v]) => [d, v * c] as const));
  }

  neg(): Expr {
    return this.times(-1);
  }

  coeff(d: Dim): number {
    return this.terms.get(d) ?? 0;
  }

  get size(): number {
    return this.terms.size;
  }

  /** The only dim of a one-term expression (whatever its coefficient), else null. */
  soleDim(): Dim | null {
    if (this.terms.size !== 1) return null;
    return this.terms.keys().next().value ?? null;
  }

  dims(): Dim[] {
    return [...this.terms.keys()];
  }

  /** Canonical identity of the term set, for deduplication (docs/original-design.md §4.4). */
  key(): string {
    return [...this.terms]
      .sort((x, y) => x[0].id - y[0].id || x[1] - y[1])
      .map(([d, c]) => `${d.id}:${c}`)
      .join(',');
  }

  evaluate(valueOf: (d: Dim) => number): number {
    let s = 0;
    for (const [d, c] of this.terms) s += c * valueOf(d);
    return s;
  }

  toString(): string {
    if (this.terms.size === 0) return '0';
    return [...this.terms].map(([d, c]) => (c === 1 ? d.name : `${c}·${d.name}`)).join(' + ');
  }
}
