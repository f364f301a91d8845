import type { LookUpDim } from './dim.ts';
import type { Expr } from './expr.ts';

/** "latest": the most recent among exact ties wins; "average": the mean over exact ties. */
export type TieBreak = 'latest' | 'average';

/**
 * An attention lookup (docs/original-design.md §4.2): at position p, among all positions s ≤ p take the one that
 * maximises query2D(p) · key2D(s) and return its value expressions evaluated at s (or their
 * mean over exact ties, for "average"). One LookUpDim per value; ceil(values/2) heads.
 */
export class LookUp {
  dims: LookUpDim[] = [];

  constructor(
    readonly id: number,
    public name: string,
    readonly values: readonly Expr[],
    readonly query2D: readonly [Expr, Expr],
    readonly key2D: readonly [Expr, Expr],
    readonly tieBreak: TieBreak,
  ) {}

  /** Attention heads this lookup needs (head dimension 2). */
  get heads(): number {
    return Math.ceil(this.values.length / 2);
  }
}
