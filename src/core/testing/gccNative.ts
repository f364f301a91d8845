/**
 * Test support (Node only): a C program compiled natively by gcc (glibc is the oracle) and run
 * as the CLI runs it on the machine: the argument string's words are argv[1…] (split as the
 * machine's entry splits them, ../compile/arguments.ts) and the string is stdin; stdout and stderr
 * are unbuffered and merged in order. Returns the output bytes and the process exit status.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitArguments } from '../compile/arguments.ts';

export const hasGccNative = spawnSync('gcc', ['--version']).status === 0 && spawnSync('stdbuf', ['--version']).status === 0;

export interface NativeRun {
  output: Buffer;
  status: number;
}

/** Builds `source` in `dir` as `name` and runs it with `args` (null: no argument, empty stdin). */
export function gccNative(dir: string, name: string, source: string, args: string | null): NativeRun {
  const src = join(dir, `${name}.c`);
  const exe = join(dir, name);
  writeFileSync(src, source);
  const build = spawnSync('gcc', ['-O1', '-w', src, '-lm', '-o', exe], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gcc failed on ${name}:\n${build.stderr}`);
  const argv = args === null ? [] : splitArguments(args);
  const run = spawnSync('sh', ['-c', `stdbuf -o0 -e0 "$@" 2>&1`, 'sh', exe, ...argv], { input: args ?? '', maxBuffer: 1 << 26, timeout: 60_000 });
  if (run.status === null) throw new Error(`${name} natively: killed by ${run.signal}`);
  return { output: run.stdout, status: run.status };
}

/** null when equal, else where `actual` first differs from gcc's output, with both bytes' surroundings. */
export function outputDifference(actual: Uint8Array, expected: Uint8Array, what: string): string | null {
  const a = Buffer.from(actual).toString('latin1');
  const b = Buffer.from(expected).toString('latin1');
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `${what} differs from gcc at byte ${i}: ${JSON.stringify(a.slice(i, i + 40))} vs gcc ${JSON.stringify(b.slice(i, i + 40))}`;
}
