/**
 * Lazy, once-only loading of the in-process clang (`@yowasp/clang`, LLVM compiled to WebAssembly).
 * The same module runs in Node and in a browser module worker: it has no Node imports, and the
 * package fetches its ~105 MB of assets relative to its own URL.
 */
import type { Tree } from '@yowasp/clang';

export type FetchProgress = (loaded: number, total: number) => void;

type ClangModule = typeof import('@yowasp/clang');

let loading: Promise<ClangModule> | null = null;
const progressListeners = new Set<FetchProgress>();
let lastProgress: [number, number] | null = null;

/**
 * Imports the package and prefetches its assets (only the first call does work; later calls share it).
 * Prefetching with our own callback also stops the package printing `fetched N%` lines per run.
 */
export function loadClang(fetchProgress?: FetchProgress): Promise<ClangModule> {
  if (fetchProgress) {
    progressListeners.add(fetchProgress);
    if (lastProgress) fetchProgress(lastProgress[0], lastProgress[1]);
  }
  if (!loading) {
    loading = (async () => {
      const mod = await import('@yowasp/clang');
      // A null argument list only fetches the assets (the typings omit null).
      await mod.runClang(null as unknown as string[], {}, {
        fetchProgress: ({ doneLength, totalLength }) => {
          lastProgress = [doneLength, totalLength];
          for (const listener of progressListeners) listener(doneLength, totalLength);
        },
      });
      return mod;
    })();
    loading.catch(() => {
      loading = null; // let a later call retry (e.g. after a network failure)
    });
  }
  const done = loading;
  if (fetchProgress) void done.finally(() => progressListeners.delete(fetchProgress)).catch(() => {});
  return done;
}

export interface ClangRun {
  /** Every file of the virtual file system after the run: inputs plus outputs. */
  files: Tree;
  /** Everything clang and the linker wrote to stderr and stdout. */
  log: string;
  /** 0 on success. */
  exitCode: number;
}

/** Runs `clang <args>` on an in-memory file tree; never throws for a failing compilation. */
export async function runClang(args: string[], files: Tree, fetchProgress?: FetchProgress): Promise<ClangRun> {
  const mod = await loadClang(fetchProgress);
  const decoder = new TextDecoder();
  let log = '';
  const collect = (bytes: Uint8Array | null) => {
    if (bytes) log += decoder.decode(bytes, { stream: true });
  };
  try {
    const out = await mod.runClang(['clang', ...args], files, { stdout: collect, stderr: collect, decodeASCII: false });
    return { files: out ?? {}, log, exitCode: 0 };
  } catch (e) {
    if (e instanceof mod.Exit) return { files: e.files ?? {}, log, exitCode: e.code || 1 };
    throw e;
  }
}

let versionLine: Promise<string> | null = null;

/** The `clang version …` line of the bundled compiler (computed once). */
export function clangVersion(fetchProgress?: FetchProgress): Promise<string> {
  if (!versionLine) {
    versionLine = runClang(['--version'], {}, fetchProgress).then((run) => {
      const line = run.log.split('\n').find((l) => l.includes('clang version'));
      if (!line) throw new Error(`could not read the clang version from: ${run.log.slice(0, 200)}`);
      return line.trim();
    });
    versionLine.catch(() => {
      versionLine = null;
    });
  }
  return versionLine;
}
