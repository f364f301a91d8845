/**
 * The runtime's <math.h> against glibc, natively (testing/mathDifferential.c): the maximum error
 * in ulps of every function on random inputs per range, measured against glibc's long double
 * functions, must stay below 1 (faithful), sin/cos/tan included on every exponent up to DBL_MAX and
 * near multiples of pi/2; fmod, ldexp, scalbn, frexp and modf must match glibc
 * bit for bit; special values must match glibc. A seeded fast tier; SLOW=1 runs 100 times more.
 * The measured maxima are printed. Skipped with a message when gcc or objcopy is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNativeLibc, hasNativeToolchain } from './testing/nativeLibc.ts';

if (!hasNativeToolchain) console.warn('libcMath.test.ts: gcc or objcopy not found, so the native comparisons with glibc are skipped');

const dir = mkdtempSync(join(tmpdir(), 'tvm-libc-math-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COUNT = process.env.SLOW ? 400_000 : 4_000;

describe('runtime <math.h> against glibc (native gcc build)', () => {
  it.skipIf(!hasNativeToolchain)('is faithful (< 1 ulp) on random inputs, exact where C requires, and matches glibc on special values', () => {
    const object = buildNativeLibc(dir);
    const exe = join(dir, 'mathDifferential');
    const source = new URL('./testing/mathDifferential.c', import.meta.url).pathname;
    const build = spawnSync('gcc', ['-O1', '-w', '-no-pie', source, object, '-lm', '-o', exe], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    const run = spawnSync(exe, ['11', String(COUNT)], { encoding: 'utf8', timeout: 600_000 });
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    const ulpLines = lines.filter((l) => l.startsWith('ulp '));
    console.log(ulpLines.join('\n'));
    // 32 double ranges, pow, atan2, hypot, sin/cos/tan past 2^30 (random and near multiples of pi/2),
    // 17 float functions, sinf/cosf/tanf up to 3e38 and one for powf/atan2f/hypotf.
    expect(ulpLines.length).toBe(62);
    expect(ulpLines.filter((l) => l.includes('[2^30,DBL_MAX]') || l.includes('near multiples of pi/2')).length).toBe(6);
    console.log(lines.filter((l) => l.startsWith('agree ')).join('\n'));
    const unfaithful = ulpLines.filter((l) => !(Number(/ max (\S+) /.exec(l)?.[1]) < 1));
    expect(unfaithful).toEqual([]);
    for (const family of ['exact fmod', 'exact ldexp-frexp-modf', 'special']) {
      expect(lines.find((l) => l.startsWith(`${family} checked `))).toMatch(/ checked [1-9]\d* mismatches 0$/);
    }
    expect(lines.filter((l) => l.startsWith('MISMATCH'))).toEqual([]);
  }, 600_000);
});
