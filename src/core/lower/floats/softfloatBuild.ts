/**
 * How softfloat.c becomes the wasm module the float lowering copies helpers from: the flags and
 * the build key that tells whether softfloatPrebuilt.generated.ts is current. The module is
 * prebuilt (`npm run build:softfloat`) because lowering runs without clang.
 */
import { hash53 } from '../../hash53.ts';

/**
 * MVP wasm, integer code only (the source has no float types); no unrolling (program size is
 * prompt tokens); switches as compare chains (see src/core/compile/flags.ts). Each export is
 * `noinline`, so helpers that share code (f32.sub → add) call each other rather than duplicate it.
 */
export const SOFTFLOAT_FLAGS = [
  '--target=wasm32',
  '-O2',
  '-mcpu=mvp',
  '-fno-builtin',
  '-fno-jump-tables',
  '-fno-unroll-loops',
  '-mllvm',
  '-min-bit-test-cmps=1000',
  '-nostdlib',
  '-Wl,--no-entry',
  '-Wl,--allow-undefined',
];

/** Changes whenever the source or the flags change. */
export function softfloatBuildKey(source: string): string {
  return hash53(JSON.stringify({ source, flags: SOFTFLOAT_FLAGS }));
}
