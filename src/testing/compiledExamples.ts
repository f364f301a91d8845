/**
 * Test support (Node only): the example programs compiled once and cached on disk, keyed by
 * the source, the runtime and the lowering/assembly code, so test files don't each pay for
 * loading clang. `.cache/programs/` is disposable.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileToProgram } from '../core/pipeline.ts';
import type { Program } from '../core/program/program.ts';
import { EXAMPLES_DIR, readManifest, REPO_ROOT, type ManifestEntry } from '../cli/programSource.ts';

const CACHE = join(REPO_ROOT, '.cache', 'programs');
const CODE_DIRS = ['src/core/compile', 'src/core/wasm', 'src/core/lower', 'src/core/program'];

let codeHash: Promise<string> | null = null;

async function hashDir(h: ReturnType<typeof createHash>, dir: string): Promise<void> {
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await hashDir(h, p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) h.update(p).update(await readFile(p));
  }
}

function pipelineHash(): Promise<string> {
  codeHash ??= (async () => {
    const h = createHash('sha256');
    for (const d of CODE_DIRS) await hashDir(h, join(REPO_ROOT, d));
    return h.digest('hex').slice(0, 16);
  })();
  return codeHash;
}

export interface CompiledExample {
  entry: ManifestEntry;
  program: Program;
  input: Uint8Array | null;
}

/** The examples' names, in manifest order. */
export async function exampleNames(): Promise<string[]> {
  return (await readManifest()).map((e) => e.name);
}

export async function compiledExample(name: string): Promise<CompiledExample> {
  const entry = (await readManifest()).find((e) => e.name === name);
  if (!entry) throw new Error(`no example '${name}' in examples/manifest.json`);
  return compileSourceCached(await readFile(join(EXAMPLES_DIR, entry.file), 'utf8'), entry.file, entry.args).then((r) => ({ entry, ...r }));
}

/** Compile C (cached on disk by source + pipeline code) and return the program with its input bytes. */
export async function compileSourceCached(source: string, fileName: string, args: string | null): Promise<{ program: Program; input: Uint8Array | null }> {
  const key = createHash('sha256').update(await pipelineHash()).update(fileName).update(source).digest('hex').slice(0, 24);
  const path = join(CACHE, `${fileName.replace(/\W/g, '_')}-${key}.json`);
  let program: Program;
  try {
    program = JSON.parse(await readFile(path, 'utf8')) as Program;
  } catch {
    program = (await compileToProgram(source, { fileName })).program;
    await mkdir(CACHE, { recursive: true });
    // Write-then-rename: test files run in parallel workers that share this cache.
    await writeFile(`${path}.${process.pid}.tmp`, JSON.stringify(program));
    await rename(`${path}.${process.pid}.tmp`, path);
  }
  return { program, input: args === null ? null : new TextEncoder().encode(args) };
}
