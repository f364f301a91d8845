import type { Expr, ExprContext, Term } from './expr.ts';
import type { LookUp } from './lookup.ts';

export type DimKind = 'input' | 'reglu' | 'persist' | 'lookup' | 'cumsum';

/**
 * A node of the computation graph: one real value per token position (docs/original-design.md §4.1).
 * `id` is the creation index inside its graph; creation order is a topological order.
 */
export abstract class Dim {
  abstract readonly kind: DimKind;

  constructor(
    readonly ctx: ExprContext,
    readonly id: number,
    public name: string,
  ) {}

  /** This dim as a one-term expression. */
  get e(): Expr {
    return this.ctx.expr(this);
  }

  plus(...ts: Term[]): Expr {
    return this.e.plus(...ts);
  }

  minus(t: Term): Expr {
    return this.e.minus(t);
  }

  times(c: number): Expr {
    return this.e.times(c);
  }

  neg(): Expr {
    return this.e.neg();
  }

  toString(): string {
    return `${this.kind}:${this.name}[${this.id}]`;
  }
}

/** Set by the token's embedding, or by the runtime position features for the built-ins. */
export class InputDim extends Dim {
  readonly kind = 'input' as const;
}

/** relu(b) · a: one feed-forward neuron with gate row b and value row a. */
export class ReGLUDim extends Dim {
  readonly kind = 'reglu' as const;

  constructor(ctx: ExprContext, id: number, name: string, readonly a: Expr, readonly b: Expr) {
    super(ctx, id, name);
  }
}

/** The value of a linear expression, stored in its own residual slot. */
export class PersistDim extends Dim {
  readonly kind = 'persist' as const;

  constructor(ctx: ExprContext, id: number, name: string, readonly expr: Expr) {
    super(ctx, id, name);
  }
}

/** Value `valueIndex` of a LookUp (an attention head's output coordinate). */
export class LookUpDim extends Dim {
  readonly kind = 'lookup' as const;

  constructor(ctx: ExprContext, id: number, name: string, readonly lookup: LookUp, readonly valueIndex: number) {
    super(ctx, id, name);
  }
}

/** Running sum of an expression over positions 0…p (supported by the evaluator; the machine uses fetch_sum). */
export class CumSumDim extends Dim {
  readonly kind = 'cumsum' as const;

  constructor(ctx: ExprContext, id: number, name: string, readonly expr: Expr) {
    super(ctx, id, name);
  }
}
