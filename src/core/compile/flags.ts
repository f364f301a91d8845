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
 * - `-mllvm -max-store-memcpy=1 -mllvm -max-store-memset=1`: clang inlines small memcpy/memset
 *   (struct assignment, `char s[] = "…"`, `int a[4] = {0}`) as 64-bit loads and stores, which the
 *   machine lacks; with these, anything needing more than one store calls the runtime's memcpy
 *   and memset instead. (A copy of exactly 8 bytes still becomes one i64 load/store pair.)
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
  '-mllvm',
  '-max-store-memcpy=1',
  '-mllvm',
  '-max-store-memset=1',
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

