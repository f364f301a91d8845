/**
 * The residual slots the position encoding (src/core/graph/positionEncoding.ts) is added to: the
 * graph's four position dims always take these slots, and every engine adds p, inv_log_pos(p),
 * (p − C)² and p − C there before layer 0 (docs/inference-core.md, "Sequence length").
 */
export const POSITION_SLOTS = { position: 0, invLogPos: 1, centeredSq: 2, centered: 3 } as const;

export { centeredPosition, invLogPos, POSITION_CENTER } from '../graph/positionEncoding.ts';
