/**
 * A small builder for mixed-integer linear programs in the numeric form HiGHS takes
 * (`ModelData` with a CSR matrix): columns with bounds and integrality, rows lo ≤ a·x ≤ hi.
 */
export type LinearTerm = readonly [coefficient: number, column: number];

export class LinearProgram {
  readonly colLower: number[] = [];
  readonly colUpper: number[] = [];
  readonly colCost: number[] = [];
  readonly integer: boolean[] = [];
  readonly colNames: string[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly rowStarts: number[] = [0];
  readonly rowIndex: number[] = [];
  readonly rowValue: number[] = [];

  get columns(): number {
    return this.colLower.length;
  }

  get rows(): number {
    return this.rowLower.length;
  }

  variable(name: string, lower: number, upper: number, integer: boolean, cost = 0): number {
    this.colNames.push(name);
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.integer.push(integer);
    this.colCost.push(cost);
    return this.colLower.length - 1;
  }

  binary(name: string): number {
    return this.variable(name, 0, 1, true);
  }

  /** Σ terms + constant ≥ 0, ≤ 0 or = 0. Repeated columns are merged. */
  constrain(terms: readonly LinearTerm[], sense: '>=' | '<=' | '=', constant = 0): void {
    const merged = new Map<number, number>();
    for (const [c, col] of terms) merged.set(col, (merged.get(col) ?? 0) + c);
    for (const [col, c] of merged) {
      if (c === 0) continue;
      this.rowIndex.push(col);
      this.rowValue.push(c);
    }
    this.rowStarts.push(this.rowIndex.length);
    const rhs = -constant;
    this.rowLower.push(sense === '<=' ? -Infinity : rhs);
    this.rowUpper.push(sense === '>=' ? Infinity : rhs);
  }
}
