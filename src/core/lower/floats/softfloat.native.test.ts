/**
 * softfloat.c compiled natively by gcc and checked against the hardware FPU (testing/nativeCheck.c):
 * every op on every edge pair plus seeded random operands; SLOW=1 runs 250× more.
 * Also: the prebuilt wasm module is built from the current softfloat.c.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { softfloatBuildKey } from './softfloatBuild.ts';
import { SOFTFLOAT_PREBUILT } from './softfloatPrebuilt.generated.ts';

const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'tvm-softfloat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('softfloat.c', () => {
  it('the prebuilt module is current (else run `npm run build:softfloat`)', () => {
    const source = readFileSync(join(import.meta.dirname, 'softfloat.c'), 'utf8');
    expect(SOFTFLOAT_PREBUILT.buildKey).toBe(softfloatBuildKey(source));
  });

  it.skipIf(!hasGcc)('matches the hardware FPU bit for bit (natively, gcc)', () => {
    const count = process.env.SLOW ? 10_000_000 : 40_000;
    const exe = join(dir, 'check');
    const build = spawnSync('gcc', ['-O1', '-Wall', `-DSEED=${7}`, `-DCOUNT=${count}`, join(import.meta.dirname, 'testing', 'nativeCheck.c'), '-lm', '-o', exe], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 600_000 });
    const last = run.stdout.trim().split('\n').pop() ?? '';
    expect(run.stdout.split('\n').filter((l) => l.startsWith('MISMATCH')).slice(0, 5)).toEqual([]);
    expect(last).toMatch(/^checked \d+ mismatches 0$/);
    expect(Number(/checked (\d+)/.exec(last)?.[1])).toBeGreaterThan(count * 40);
    expect(run.status).toBe(0);
  });
});
