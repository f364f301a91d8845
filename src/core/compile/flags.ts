import { RUNTIME_HEADER_NAME } from './runtime/runtimeHeader.ts';

/**
 * Code generation flags (checked with clang 22.1):
 * - `-mcpu=mvp`: MVP wasm only; clang 22's default CPU would emit bulk-memory and sign-extension ops.
 * - `-fno-builtin`: no libc idioms (loops stay loops; printf stays printf).
 * - `-fno-jump-tables`: switch becomes compare chains, never br_table.
 * - `-mllvm --combiner-store-merging=false`: narrow stores stay as written.
 * - `-fno-unroll-loops`: runtime unrolling adds `n & 7` remainder arithmetic (a lowered op) and
 *   grows the program (every instruction is 5 prefix tokens); measured on the libc: -25 % code.
 * - `-mllvm -min-bit-test-cmps=1000`: -fno-jump-tables does not stop switch lowering from testing
 *   case sets with `(1 << x) & mask`, a variable shift; this makes switches compare chains.
 * Not set: clang inlines small memcpy/memset (struct assignment, `char s[] = "…"`, `int a[4] = {0}`)
 * as i64 loads and stores; the lowering's i64-pair pass turns those into i32 word pairs, which is
 * cheaper than calling the runtime's byte-wise memcpy (`-mllvm -max-store-memcpy=1` would force
 * the calls: measured +13 % trace tokens on a struct-copying program).
 * - `-g`: DWARF line info, so later stages can name source lines.
 */
export const CODEGEN_FLAGS = [
  '--target=wasm32',
  '-O2',
  '-mcpu=mvp',
  '-fno-builtin',
  '-fno-jump-tables',
  '-fno-unroll-loops',
  '-g',
  '-mllvm',
  '--combiner-store-merging=false',
  '-mllvm',
  '-min-bit-test-cmps=1000',
  '-isystem',
  'include',
  '-include',
  RUNTIME_HEADER_NAME,
];

/** A 64 KiB C stack and 10 MiB of linear memory; `compute` and `__heap_base` are exported. */
export const LINK_FLAGS = [
  '-nostdlib',
  '-Wl,--no-entry',
  '-Wl,--export=compute',
  '-Wl,--export=__heap_base',
  '-Wl,-z,stack-size=65536',
  '-Wl,--initial-memory=10485760',
];

