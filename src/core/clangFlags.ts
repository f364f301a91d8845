/**
 * The clang flags every wasm build of this project shares: the user's program and its libc
 * (compile/flags.ts) and the soft-float helpers (lower/floats/softfloatBuild.ts). Why each one:
 * - `-mcpu=mvp`: MVP wasm only; clang 22's default CPU would emit bulk-memory and sign-extension ops.
 * - `-fno-builtin`: no libc idioms (loops stay loops; printf stays printf).
 * - `-fno-jump-tables`: switch becomes compare chains, never br_table.
 * - `-fno-unroll-loops`: runtime unrolling adds `n & 7` remainder arithmetic (a lowered op) and
 *   grows the program (every instruction is 5 prefix tokens); measured on the libc: -25 % code.
 */
export const BASE_CODEGEN_FLAGS: readonly string[] = ['--target=wasm32', '-O2', '-mcpu=mvp', '-fno-builtin', '-fno-jump-tables', '-fno-unroll-loops'];

/**
 * `-fno-jump-tables` does not stop switch lowering from testing case sets with `(1 << x) & mask`,
 * a variable shift; this makes switches compare chains.
 */
export const SWITCHES_AS_COMPARES: readonly string[] = ['-mllvm', '-min-bit-test-cmps=1000'];
