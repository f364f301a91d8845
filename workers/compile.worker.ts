/**
 * Compile worker: a comlink adapter over the core's pipeline (C → wasm → program).
 * The Cache API layer is installed before anything imports `@yowasp/clang`.
 */
import * as Comlink from 'comlink';
import { assetCacheStats, installClangAssetCache, pruneClangAssetCache } from './clangCache.ts';
import type { ClangLoadProgress, CompileApi, CompileResult, WireDiagnostic } from '../src/protocol/compile.ts';

installClangAssetCache();

// Imported lazily so the fetch wrapper above is in place first, whatever the core imports.
const core = () => Promise.all([
  import('../src/core/pipeline.ts'),
  import('../src/core/compile/clang.ts'),
  import('../src/core/errors.ts'),
  import('../src/core/compile/diagnostics.ts'),
]);

function wireDiagnostics(ds: readonly WireDiagnostic[]): WireDiagnostic[] {
  return ds.map(({ file, line, column, severity, message }) => ({ file, line, column, severity, message }));
}

const api: CompileApi = {
  async load(onProgress: (p: ClangLoadProgress) => void) {
    const t0 = performance.now();
    const [, clang] = await core();
    let last = 0;
    await clang.loadClang((loaded, total) => {
      const now = performance.now();
      if (now - last > 50 || loaded === total) {
        last = now;
        onProgress({ phase: 'download', loaded, total });
      }
    });
    const clangVersion = await clang.clangVersion();
    const ms = performance.now() - t0;
    void pruneClangAssetCache().catch(() => {});
    // Warm-up: the first compilation also builds the runtime libc (kept for the session), so doing
    // it now makes the user's first Run as fast as the later ones.
    onProgress({ phase: 'runtime', clangVersion });
    const t1 = performance.now();
    const [pipeline] = await core();
    await pipeline.compileToProgram('void compute(void) {}\n', { fileName: 'warmup.c' }).catch(() => {});
    return { clangVersion, ...assetCacheStats(), ms, runtimeMs: performance.now() - t1 };
  },

  async compile(source: string, fileName: string): Promise<CompileResult> {
    const t0 = performance.now();
    const [pipeline, , errors, diagnostics] = await core();
    try {
      const { program, compiled } = await pipeline.compileToProgram(source, { fileName });
      return {
        ok: true,
        program,
        clangVersion: compiled.clangVersion,
        entry: compiled.entry,
        takesInput: compiled.takesInput,
        wasmBytes: compiled.wasm.length,
        diagnostics: wireDiagnostics(compiled.diagnostics),
        clangMs: compiled.ms,
        totalMs: performance.now() - t0,
      };
    } catch (e) {
      if (e instanceof diagnostics.CompileError) {
        return {
          ok: false, stage: 'compile', message: e.format(), diagnostics: wireDiagnostics(e.diagnostics),
          line: e.where?.line, column: e.where?.column,
        };
      }
      if (e instanceof errors.StageError) {
        const d: WireDiagnostic[] = e.where?.line
          ? [{ file: e.where.file ?? fileName, line: e.where.line, column: e.where.column ?? 1, severity: 'error', message: e.message }]
          : [];
        return { ok: false, stage: e.stage, message: e.format(), diagnostics: d, line: e.where?.line, column: e.where?.column };
      }
      return { ok: false, stage: 'internal', message: `internal error: ${e instanceof Error ? e.message : String(e)}`, diagnostics: [] };
    }
  },
};

Comlink.expose(api);
