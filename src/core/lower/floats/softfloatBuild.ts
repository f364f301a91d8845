/**
 * How softfloat.c becomes the wasm module the float lowering copies helpers from: the flags and
 * the build key that tells whether softfloatPrebuilt.generated.ts is current. The module is
 * prebuilt (`npm run build:softfloat`) because lowering runs without clang.
 */

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

/** 53-bit string hash (cyrb53): enough to notice that the source or the flags changed. */
export function softfloatBuildKey(source: string): string {
  const text = JSON.stringify({ source, flags: SOFTFLOAT_FLAGS });
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}
