/**
 * The machine's call frame (docs/lowering.md, "Resources the pass uses"): one source for
 * validation, the i64-pair pass, assembly and the reference interpreter.
 */

/** Locals a call frame addresses (parameters + declared + the assembler's scratch local). */
export const MAX_LOCALS_PER_FRAME = 64;

/** The flattener's own scratch local (used by global.set), past every declared one. */
const FRAME_SCRATCH_LOCALS = 1;

/** Parameters + declared locals a function may have: validation and assembly refuse more. */
export const MAX_FUNCTION_LOCALS = MAX_LOCALS_PER_FRAME - FRAME_SCRATCH_LOCALS;
