import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { StageError } from '../core/errors.ts';
import type { Program } from '../core/program/program.ts';
import { parseTokenFile } from '../core/program/tokenFiles.ts';
import { programCacheKey, readCachedProgram, writeCachedProgram } from './programCache.ts';
import { REPO_ROOT } from './repoRoot.ts';

export { REPO_ROOT };
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export interface ManifestEntry {
  name: string;
  file: string;
  args: string;
  description?: string;
  tier?: 'fast' | 'slow';
}

export async function readManifest(): Promise<ManifestEntry[]> {
  return JSON.parse(await readFile(join(EXAMPLES_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

export interface LoadedProgram {
  name: string;
  program: Program;
  /** Argument bytes (from --args, the token file's input section, or the manifest's default). */
  input: Uint8Array | null;
  source?: string;
  /** Time in clang and the pipeline; undefined when the program came from the cache. */
  compileMs?: number;
  /** The compiled program was read from `.cache/cli-programs/` (clang did not run). */
  cached?: boolean;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * PROG.c (compiled), PROG.wasm (decoded and lowered) or PROG.txt (parsed). `--args` overrides the
 * input; for a manifest example given as .c without --args, the manifest's default args apply.
 */
export async function loadProgram(path: string, args: string | undefined): Promise<LoadedProgram> {
  const ext = extname(path);
  const name = basename(path, ext).replace(/_ref$/, '');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new StageError('compile', `cannot read '${path}'`);
  }
  if (ext === '.c') {
    const source = bytes.toString('utf8');
    const { program, compileMs } = await compileC(source, basename(path));
    let arg = args;
    if (arg === undefined) {
      const entry = (await readManifest().catch(() => [])).find((e) => e.file === basename(path) || e.name === name);
      arg = entry?.args;
    }
    return { name, program, input: arg === undefined ? null : enc(arg), source, compileMs, cached: compileMs === undefined };
  }
  if (ext === '.wasm') {
    const { wasmToProgram } = await import('../core/pipeline.ts');
    const { program } = wasmToProgram(new Uint8Array(bytes));
    return { name, program, input: args === undefined ? null : enc(args) };
  }
  if (ext === '.txt') {
    const parsed = parseTokenFile(bytes.toString('utf8'));
    return { name, program: parsed.program, input: args === undefined ? parsed.input : enc(args) };
  }
  throw new StageError('compile', `'${path}': expected a .c, .wasm or .txt file`);
}

/** C → program, through the compiled-program cache when the CLI runs built (clang loads only on a miss). */
async function compileC(source: string, fileName: string): Promise<{ program: Program; compileMs?: number }> {
  const key = await programCacheKey(source, fileName);
  const hit = key ? await readCachedProgram(key) : null;
  if (hit) return { program: hit };
  const { compileToProgram } = await import('../core/pipeline.ts');
  const t0 = performance.now();
  const { program } = await compileToProgram(source, { fileName });
  const compileMs = performance.now() - t0;
  // Best effort: a read-only checkout still runs, only without the cache.
  if (key) await writeCachedProgram(key, program).catch(() => undefined);
  return { program, compileMs };
}
