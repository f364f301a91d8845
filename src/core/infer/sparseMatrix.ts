/**
 * Compressed sparse rows. A product skips the zero weights but otherwise adds the terms in
 * column order starting from +0, so for finite inputs it equals the naive dense row loop bit for
 * bit (a skipped term w·x with w = 0 is ±0, which never changes a sum that starts at +0).
 */
export interface CsrMatrix {
  rows: number;
  cols: number;
  ptr: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

export function toCsr(dense: Float64Array, rows: number, cols: number): CsrMatrix {
  let nnz = 0;
  for (let i = 0; i < rows * cols; i++) if (dense[i] !== 0) nnz++;
  const ptr = new Int32Array(rows + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    ptr[r] = k;
    for (let c = 0; c < cols; c++) {
      const w = dense[r * cols + c];
      if (w !== 0) {
        col[k] = c;
        val[k++] = w;
      }
    }
  }
  ptr[rows] = k;
  return { rows, cols, ptr, col, val };
}

/** y[r] = Σ_c m[r][c]·x[c] for every row. */
export function csrMulVec(m: CsrMatrix, x: Float64Array, y: Float64Array): void {
  const { ptr, col, val } = m;
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let k = ptr[r]; k < ptr[r + 1]; k++) s += val[k] * x[col[k]];
    y[r] = s;
  }
}

/** The naive dense row loop (the reference the sparse product must equal). */
export function denseMulVec(w: Float64Array, rows: number, cols: number, x: Float64Array, y: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const o = r * cols;
    for (let c = 0; c < cols; c++) s += w[o + c] * x[c];
    y[r] = s;
  }
}
