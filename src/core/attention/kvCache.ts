/**
 * A hard-attention KV cache for one attention head with 2-D keys (docs/original-design.md §9.4).
 *
 * Keys are points (kx, ky), values are vectors of a fixed width. A query (qx, qy) selects the
 * entries with the largest double score qx·kx + qy·ky and resolves them by the head's tie-break:
 * `latest` returns the value of the entry with the largest `seq`, `average` returns
 * sum · (1 / count) with the sum accumulated in insertion order.
 */
export type TieBreak = 'latest' | 'average';

/** What the last query matched (for inspection; overwritten by every query). */
export interface MatchInfo {
  /** Key of the best entry (for qy = 0: the extreme kx and NaN for ky, or NaN/NaN for "all keys"). */
  kx: number;
  ky: number;
  /** The winning score in double (NaN when qy = 0 selected an aggregate). */
  score: number;
  /** Number of entries merged into the answer (0 when the cache was empty). */
  count: number;
  /** The largest seq among them (-1 when none). */
  lastSeq: number;
}

export interface KvCache {
  readonly valueWidth: number;
  /** Number of inserted entries. */
  readonly length: number;
  /** Number of stored lines/entries (the hull size; for the brute cache every entry). */
  readonly storedSize: number;
  insert(kx: number, ky: number, value: ArrayLike<number>, seq: number): void;
  /** Writes the resolved value into `out[0 … valueWidth-1]`. */
  query(qx: number, qy: number, tie: TieBreak, out: Float64Array): void;
  readonly lastMatch: MatchInfo;
  clear(): void;
}
