import { describe, expect, it } from 'vitest';
import { clangVersion } from './clang.ts';
import { compileLibcObject, LIBC_VARIANTS, libcBuildKey, prebuiltIsCurrent, prebuiltObject } from './libcObject.ts';
import { LIBC_PREBUILT } from './runtime/libcPrebuilt.generated.ts';

describe('prebuilt runtime libc', () => {
  it('is current: built from this runtime by the bundled clang (else run `npm run build:libc`)', async () => {
    const version = await clangVersion();
    expect({ buildKey: LIBC_PREBUILT.buildKey, clangVersion: LIBC_PREBUILT.clangVersion }).toEqual({
      buildKey: libcBuildKey(),
      clangVersion: version,
    });
    expect(prebuiltIsCurrent(version)).toBe(true);
  });

  it.each(LIBC_VARIANTS)('%s variant is byte-identical to a fresh compile', async (variant) => {
    const fresh = await compileLibcObject(variant);
    const shipped = prebuiltObject(variant);
    expect(shipped.length).toBe(LIBC_PREBUILT.variants[variant].bytes);
    let i = 0;
    while (i < fresh.length && fresh[i] === shipped[i]) i++;
    expect({ firstDifference: i < fresh.length || i < shipped.length ? i : null, lengths: [fresh.length, shipped.length] }).toEqual({
      firstDifference: null,
      lengths: [shipped.length, shipped.length],
    });
  });
});
