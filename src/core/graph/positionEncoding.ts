/**
 * The position encoding's values (docs/inference-core.md, "Sequence length"): every engine adds
 * p, inv_log_pos(p), (p − C)² and p − C at position p, with the centre C = POSITION_CENTER.
 * Position-keyed lookups use the centred position: key (2(s − C), −(s − C)²), query q − C. Every
 * quantity such a lookup computes stays below 2⁵³ in magnitude while |s − C| ≤ C, i.e. for
 * 0 ≤ s ≤ 2C, twice the range of the uncentred key (2s, −s²). MAX_POSITIONS
 * (src/core/infer/maxPositions.json) = 2C + 1.
 */

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
