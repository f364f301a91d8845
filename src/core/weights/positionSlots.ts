/**
 * Residual slots the runtime adds the position encoding to (docs/schedule-and-weights.md): the
 * graph's position, inv_log_pos and position² dims always take these slots, and both engines add
 * p, inv_log_pos(p) and p² there before layer 0.
 */
export const POSITION_SLOTS = { position: 0, invLogPos: 1, positionSq: 2 } as const;
