import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Program } from '../core/program/program.ts';
import { runningBuild } from './buildInfo.ts';
import { REPO_ROOT } from './repoRoot.ts';

export const PROGRAM_CACHE_DIR = join(REPO_ROOT, '.cache', 'cli-programs');

let clangVersion: Promise<string | null> | null = null;

/** The installed @yowasp/clang package version (the compiler), or null if it cannot be read. */
function installedClangVersion(): Promise<string | null> {
  clangVersion ??= readFile(join(REPO_ROOT, 'node_modules', '@yowasp', 'clang', 'package.json'), 'utf8')
    .then((t) => (JSON.parse(t) as { version?: string }).version ?? null)
    .catch(() => null);
  return clangVersion;
}

/**
 * The cache key of a C source's compiled program: the source, its file name (it appears in
 * diagnostics and debug lines), the compiler version and the CLI build (every bundled source:
 * clang flags, the C runtime and libc, lowering and assembly). The program's argument is not
 * part of it: input bytes are placed at run time. Null when there is no build to key by.
 */
export async function programCacheKey(source: string, fileName: string): Promise<string | null> {
  const build = runningBuild();
  const clang = await installedClangVersion();
  if (!build || !clang) return null;
  return createHash('sha256').update(JSON.stringify([build.id, clang, fileName, source])).digest('hex').slice(0, 32);
}

export async function readCachedProgram(key: string): Promise<Program | null> {
  try {
    return JSON.parse(await readFile(join(PROGRAM_CACHE_DIR, `${key}.json`), 'utf8')) as Program;
  } catch {
    return null;
  }
}

/** Written to a temporary name and renamed, so a concurrent run never reads half a file. */
export async function writeCachedProgram(key: string, program: Program): Promise<void> {
  await mkdir(PROGRAM_CACHE_DIR, { recursive: true });
  const tmp = join(PROGRAM_CACHE_DIR, `${key}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(program));
  await rename(tmp, join(PROGRAM_CACHE_DIR, `${key}.json`));
}
