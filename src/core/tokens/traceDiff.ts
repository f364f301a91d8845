/** The first index where two token sequences differ; a missing token reads as `<end>`. */
export interface TraceDivergence {
  index: number;
  got: string;
  expected: string;
}

export function firstDivergence(got: readonly string[], expected: readonly string[]): TraceDivergence | null {
  const n = Math.max(got.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (got[i] !== expected[i]) return { index: i, got: got[i] ?? '<end>', expected: expected[i] ?? '<end>' };
  }
  return null;
}

export function formatDivergence(d: TraceDivergence | null, what = 'token'): string {
  return d ? `diverges at ${what} ${d.index}: got '${d.got}', expected '${d.expected}'` : 'match';
}
