import { BASE_CODEGEN_FLAGS, SWITCHES_AS_COMPARES } from '../clangFlags.ts';
import { RUNTIME_HEADER_NAME } from './runtime/runtimeHeader.ts';

/**
 * Code generation flags (checked with clang 22.1): the shared ones (src/core/clangFlags.ts), and
 * - `-mllvm --combiner-store-merging=false`: narrow stores stay as written.
 * Not set: clang inlines small memcpy/memset (struct assignment, `char s[] = "…"`, `int a[4] = {0}`)
 * as i64 loads and stores; the lowering's i64-pair pass turns those into i32 word pairs, which is
 * cheaper than calling the runtime's byte-wise memcpy (`-mllvm -max-store-memcpy=1` would force
 * the calls: measured +13 % trace tokens on a struct-copying program).
 * - `-g`: DWARF line info, so later stages can name source lines.
 */
export const CODEGEN_FLAGS = [
  ...BASE_CODEGEN_FLAGS,
  '-g',
  '-mllvm',
  '--combiner-store-merging=false',
  ...SWITCHES_AS_COMPARES,
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

