/**
 * How softfloat.c becomes the wasm module the float lowering copies helpers from: the flags and
 * the build key that tells whether softfloatPrebuilt.generated.ts is current. The module is
 * prebuilt (`npm run build:softfloat`) because lowering runs without clang.
 */
import { BASE_CODEGEN_FLAGS, SWITCHES_AS_COMPARES } from '../../clangFlags.ts';
import { hash53 } from '../../hash53.ts';

/**
 * The flags of every wasm build (src/core/clangFlags.ts), integer code only (the source has no
 * float types), linked without libc. Each export is `noinline`, so helpers that share code
 * (f32.sub → add) call each other rather than duplicate it.
 */
export const SOFTFLOAT_FLAGS = [
  ...BASE_CODEGEN_FLAGS,
  ...SWITCHES_AS_COMPARES,
  '-nostdlib',
  '-Wl,--no-entry',
  '-Wl,--allow-undefined',
];

/** Changes whenever the source or the flags change. */
export function softfloatBuildKey(source: string): string {
  return hash53(JSON.stringify({ source, flags: SOFTFLOAT_FLAGS }));
}
