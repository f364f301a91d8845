/**
 * The runtime libc against glibc, natively: testing/libcDifferential.c calls both on random
 * inputs (printf float and 64-bit integer formats, strtod/strtof, strtoll/strtoull, sscanf,
 * qsort, rand) and reports every mismatch with both outputs. A seeded fast tier; SLOW=1 runs
 * many more cases. Skipped with a message when gcc or objcopy is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNativeLibc, hasNativeToolchain } from './testing/nativeLibc.ts';

if (!hasNativeToolchain) console.warn('libcDifferential.test.ts: gcc or objcopy not found, so the native comparisons with glibc are skipped');

const dir = mkdtempSync(join(tmpdir(), 'tvm-libc-native-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COUNT = process.env.SLOW ? 300_000 : 4_000;

describe('runtime libc against glibc (native gcc build)', () => {
  it.skipIf(!hasNativeToolchain)('formats, parses, sorts and draws random numbers exactly as glibc', () => {
    const object = buildNativeLibc(dir);
    const exe = join(dir, 'differential');
    const source = new URL('./testing/libcDifferential.c', import.meta.url).pathname;
    const build = spawnSync('gcc', ['-O1', '-w', '-no-pie', source, object, '-lm', '-o', exe], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    const run = spawnSync(exe, ['7', String(COUNT)], { encoding: 'utf8', timeout: 600_000 });
    const summary = run.stdout.split('\n').filter((l) => / checked \d+ mismatches \d+$/.test(l));
    expect(summary.map((l) => l.split(' ')[0])).toEqual(['printf-float', 'printf-int', 'strtod', 'strtoll', 'sscanf', 'qsort', 'rand']);
    const mismatches = run.stdout.split('\n').filter((l) => l.startsWith('MISMATCH'));
    expect(mismatches).toEqual([]);
    expect(run.status).toBe(0);
  }, 600_000);
});
