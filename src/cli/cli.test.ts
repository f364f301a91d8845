/**
 * The CLI as people run it: `bin/transformer-vm` (the built JavaScript in build/cli/, rebuilt by
 * the launcher when a bundled source is newer). Checks that the build is current and lazy (a
 * command that runs a token file never loads clang or HiGHS), that process exit codes are the
 * program's status, and that a repeated compile of the same source skips clang whatever the
 * argument.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUILD_DIR, type BuildInfo } from './buildInfo.ts';
import { REPO_ROOT } from './repoRoot.ts';

const BIN = join(REPO_ROOT, 'bin', 'transformer-vm');
const SLOW = Boolean(process.env.SLOW);
const dir = mkdtempSync(join(tmpdir(), 'tvm-cli-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// One program, many statuses chosen by the argument (so the compiled program is shared).
const PROGRAM = `#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  printf("mode %s\\n", argv[1]);
  switch (argv[1][0]) {
    case 'r': return 3;
    case 'e': exit(4);
    case 'a': abort();
    case 'd': return 100 / (argv[1][1] - '0');
  }
  return 0;
}
// ${process.pid} ${Date.now()}
`;
const prog = join(dir, 'status.c');
const model = join(dir, 'greedy.bin');

beforeAll(() => {
  writeFileSync(prog, PROGRAM);
  const b = cli('build', '--greedy', '-o', model);
  if (b.status !== 0) throw new Error(`build --greedy failed:\n${b.stderr}`);
}, 180_000);

describe('the built CLI', () => {
  it('is current: built after every source it bundles, which include the CLI, the core and the C runtime', () => {
    expect(cli('--help').status).toBe(0);
    const info = JSON.parse(readFileSync(join(CLI_BUILD_DIR, 'build-info.json'), 'utf8')) as BuildInfo;
    for (const f of info.inputs) expect(statSync(join(REPO_ROOT, f)).mtimeMs, f).toBeLessThan(info.builtAt);
    const cliSources = readdirSync(join(REPO_ROOT, 'src', 'cli')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const f of cliSources) expect(info.inputs).toContain(`src/cli/${f}`);
    expect(info.inputs).toEqual(expect.arrayContaining(['src/core/compile/runtime/libc.ts', 'src/core/lower/lower.ts', 'src/wasm/tvmcore.mjs']));
  });

  it('loads clang and HiGHS only in the commands that need them (no static import reaches them from main or run)', () => {
    const staticImports = (file: string): string[] =>
      [...readFileSync(join(CLI_BUILD_DIR, file), 'utf8').matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?"([^"]+)";/gm)].map((m) => m[1]);
    const reached = new Set<string>();
    const visit = (file: string): void => {
      for (const dep of staticImports(file)) {
        if (reached.has(dep)) continue;
        reached.add(dep);
        if (dep.startsWith('./')) visit(dep.slice(2));
      }
    };
    const runChunk = readdirSync(CLI_BUILD_DIR).find((f) => /^run-[\w]+\.mjs$/.test(f));
    expect(runChunk).toBeDefined();
    visit('main.mjs');
    visit(runChunk!);
    expect([...reached].filter((d) => /clang|highs/.test(d))).toEqual([]);
  });
});

describe('process exit status is the program status', () => {
  const cases: [string, number, RegExp | null][] = [
    ['z', 0, null],
    ['r', 3, /exited with status 3/],
    ['e', 4, /exited with status 4/],
    ['a', 134, /aborted \(status 134\)/],
    ['d0', 136, /trap: integer divide by zero \(status 136\)/],
  ];
  for (const [mode, status, said] of cases) {
    it(`mode ${mode}: reference, eval and run (Emscripten core) exit ${status}`, () => {
      for (const args of [['reference', prog], ['eval', prog], ['run', prog, '--model', model, '--check']]) {
        const r = cli(...args, '--args', mode);
        expect(r.stdout, args[0]).toBe(`mode ${mode}\n`);
        expect(r.status, `${args[0]}: ${r.stderr}`).toBe(status);
        if (said) expect(r.stderr, args[0]).toMatch(said);
      }
    }, 120_000);
  }

  // About 100 s on the 2-core machine (the specialized model's verification, the TS engine): slow tier.
  it.skipIf(!SLOW)('the TS engine and a model specialized for the program exit with the same statuses', () => {
    const spec = join(dir, 'status-spec.bin');
    const built = cli('specialize', prog, '--greedy', '--args', 'r', '-o', spec);
    expect(built.status, built.stderr).toBe(0);
    for (const [mode, status] of [['r', 3], ['a', 134], ['d0', 136]] as const) {
      expect(cli('run', prog, '--model', model, '--engine', 'ts', '--args', mode).status, `ts ${mode}`).toBe(status);
      const r = cli('run', prog, '--model', spec, '--check', '--args', mode);
      expect(r.status, `specialized ${mode}: ${r.stderr}`).toBe(status);
      expect(r.stdout).toBe(`mode ${mode}\n`);
    }
  }, 180_000);

  it('a token file of the program exits with its status too, and a pipeline failure exits 1', () => {
    const base = join(dir, 'status');
    expect(cli('compile', prog, '--args', 'r', '-o', base).status).toBe(0);
    expect(cli('run', `${base}.txt`, '--model', model).status).toBe(3);
    const cut = cli('run', `${base}.txt`, '--model', model, '--max-tokens', '50');
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/stopped: token limit/);
  });
});

describe('compiled-program cache', () => {
  it('a repeated compile skips clang, whatever the argument; a changed source compiles again', () => {
    const fresh = join(dir, 'fresh.c');
    writeFileSync(fresh, `${PROGRAM}// fresh ${Math.random()}\n`);
    const first = cli('reference', fresh, '--args', 'z');
    expect(first.stderr).toMatch(/\(compile \d+ ms\)/);
    const again = cli('reference', fresh, '--args', 'r');
    expect(again.stderr).toMatch(/compiled program from the cache/);
    expect(again.status).toBe(3);
    writeFileSync(fresh, `${PROGRAM}// changed ${Math.random()}\n`);
    expect(cli('reference', fresh, '--args', 'z').stderr).toMatch(/\(compile \d+ ms\)/);
    expect(existsSync(join(REPO_ROOT, '.cache', 'cli-programs'))).toBe(true);
  }, 120_000);
});
