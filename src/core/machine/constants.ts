import { CIRCLE_RADIUS_SQ } from '../program/opcodes.ts';

/** Key stride of one call depth in the locals lookup: 64 locals of 4 bytes per frame (docs/original-design.md §5.6). */
export const LOCAL_STRIDE = 256;

/** Bonus of the output category whose emit flag is 1; exceeds every within-category quadratic (≤ 255²). */
export const OUTPUT_BONUS = 1e5;

/** Stack depth the `}` token (universal) or `start` token (specialized; uncounted) contributes. */
export const INITIAL_STACK_DEPTH = 3;

/**
 * delta_stack written by `out(..)` tokens. The original writes none, so its machine leaves the
 * printed value on the stack and any value held on the operand stack across an `output` is then
 * addressed one slot off. −1 makes the machine's depth follow WebAssembly's exactly.
 */
export const OUTPUT_STACK_DELTA = -1;

/** op_dot(o) = px·fx + py·fy − R² + 1: exactly 1 for the current opcode, ≤ −7 for any other. */
export const OP_DOT_OFFSET = 1 - CIRCLE_RADIUS_SQ;
