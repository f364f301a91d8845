/**
 * The position encoding (docs/inference-core.md, "Sequence length"): the graph's four position
 * dims always take these residual slots, and every engine adds their values at position p before
 * layer 0: p, inv_log_pos(p), (p − C)² and p − C, with the centre C = POSITION_CENTER.
 *
 * Position-keyed lookups use the centred position: key (2(s − C), −(s − C)²), query q − C. Every
 * quantity such a lookup computes stays below 2⁵³ in magnitude while |s − C| ≤ C, i.e. for
 * 0 ≤ s ≤ 2C, twice the range of the uncentred key (2s, −s²). C is the largest integer with
 * C² < 2⁵³; MAX_POSITIONS (maxPositions.json) = 2C + 1.
 */
export const POSITION_SLOTS = { position: 0, invLogPos: 1, centeredSq: 2, centered: 3 } as const;

/** ⌊√(2⁵³ − 1)⌋: (p − C)² < 2⁵³ for 0 ≤ p ≤ 2C. */
export const POSITION_CENTER = 94_906_265;

const INV_LN2 = 1 / Math.log(2);

/** inv_log_pos at position p, computed as every engine computes it. */
export function invLogPos(p: number): number {
  return INV_LN2 - 1 / Math.log(p + 2);
}

/** The centred position p − C (exact). */
export function centeredPosition(p: number): number {
  return p - POSITION_CENTER;
}
