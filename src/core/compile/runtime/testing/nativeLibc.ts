/**
 * Builds the runtime libc natively with gcc, every symbol prefixed with `tvm_` (objcopy), so a
 * test program can call the runtime's functions and glibc's side by side (libcDifferential.c).
 * The runtime's headers are used for the libc itself (-nostdinc, plus gcc's own stddef/stdarg).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeIncludeTree } from '../includeTree.ts';
import { LIBC_SOURCE } from '../libc.ts';
import { RUNTIME_HEADER_NAME } from '../runtimeHeader.ts';

export const hasNativeToolchain = spawnSync('gcc', ['--version']).status === 0 && spawnSync('objcopy', ['--version']).status === 0;

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout.trim();
}

/** Compiles the libc into dir/tvm_libc.o with prefixed symbols; returns the object's path. */
export function buildNativeLibc(dir: string): string {
  const include = join(dir, 'include');
  mkdirSync(include, { recursive: true });
  for (const [name, text] of Object.entries(runtimeIncludeTree())) writeFileSync(join(include, name), text);
  writeFileSync(join(dir, 'libc.c'), LIBC_SOURCE);
  const gccInclude = run('gcc', ['-print-file-name=include']);
  const raw = join(dir, 'libc_raw.o');
  const object = join(dir, 'tvm_libc.o');
  run('gcc', ['-c', '-O1', '-w', '-fno-builtin', '-fno-stack-protector', '-fno-pic', '-nostdinc', '-isystem', include, '-isystem', gccInclude,
    '-include', RUNTIME_HEADER_NAME, join(dir, 'libc.c'), '-o', raw]);
  run('objcopy', ['--prefix-symbols=tvm_', raw, object]);
  return object;
}
