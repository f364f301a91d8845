/**
 * `npm run bench:cli`: whole-process wall time of the built CLI (`bin/transformer-vm`, the way a
 * person runs it), median of several runs, for the start-up cases (README "CLI"):
 *   run hello.txt           token file: no clang, no compile cache
 *   run hello.c (cached)    the compiled program comes from .cache/cli-programs/
 *   run hello.c (cold)      a source never seen (clang runs): the cost the cache saves
 * plus `--help` (Node and the launcher alone) and `reference hello.txt`. The universal model
 * must be cached (the first `run` builds it); this script makes sure it is before timing.
 *
 * Options: --runs N (default 7).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/cli/repoRoot.ts';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 7;
const BIN = join(REPO_ROOT, 'bin', 'transformer-vm');
const HELLO = join(REPO_ROOT, 'examples', 'hello.c');
const dir = mkdtempSync(join(tmpdir(), 'tvm-cli-bench-'));

function cli(args: string[]): { seconds: number; status: number | null; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, status: r.status, stderr: r.stderr };
}

function must(args: string[]): void {
  const r = cli(args);
  if (r.status !== 0) throw new Error(`transformer-vm ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  // Up-to-date build, the universal model and hello's compiled program, before any timing.
  must(['run', HELLO]);
  must(['compile', HELLO, '-o', join(dir, 'hello')]);
  const helloTxt = join(dir, 'hello.txt');
  const source = readFileSync(HELLO, 'utf8');

  const cases: { name: string; args: () => string[]; target?: number }[] = [
    { name: '--help', args: () => ['--help'] },
    { name: 'reference hello.txt', args: () => ['reference', helloTxt] },
    { name: 'run hello.txt', args: () => ['run', helloTxt], target: 0.3 },
    { name: 'run hello.c (cached)', args: () => ['run', HELLO], target: 0.5 },
    {
      name: 'run hello.c (cold: clang runs)',
      args: () => {
        // A comment no run has seen: a cache miss with the same program.
        const fresh = join(dir, 'hello.c');
        writeFileSync(fresh, `${source}\n// ${Date.now()} ${Math.random()}\n`);
        return ['run', fresh, '--args', 'World'];
      },
    },
  ];
  console.log(`CLI start-up, whole process, median of ${RUNS} runs (${process.platform}, Node ${process.version})`);
  for (const c of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = cli(c.args());
      if (r.status !== 0 && c.name !== '--help') throw new Error(`${c.name} exited ${r.status}:\n${r.stderr}`);
      times.push(r.seconds);
    }
    const m = median(times);
    const target = c.target !== undefined ? `  (target ≤ ${c.target.toFixed(1)} s: ${m <= c.target ? 'met' : 'NOT met'})` : '';
    console.log(`${c.name.padEnd(32)} ${m.toFixed(3)} s  (min ${Math.min(...times).toFixed(3)}, max ${Math.max(...times).toFixed(3)})${target}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
