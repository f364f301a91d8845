import { describe, expect, it } from 'vitest';
import { clangVersion } from './clang.ts';
import { compileLibcObject, libcBuildKey, prebuiltIsCurrent } from './libcObject.ts';
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

  it('is byte-identical to a fresh compile', async () => {
    const fresh = await compileLibcObject();
    const shipped = Uint8Array.from(atob(LIBC_PREBUILT.base64), (c) => c.charCodeAt(0));
    expect(shipped.length).toBe(LIBC_PREBUILT.bytes);
    let i = 0;
    while (i < fresh.length && fresh[i] === shipped[i]) i++;
    expect({ firstDifference: i < fresh.length || i < shipped.length ? i : null, lengths: [fresh.length, shipped.length] }).toEqual({
      firstDifference: null,
      lengths: [shipped.length, shipped.length],
    });
  });
});
