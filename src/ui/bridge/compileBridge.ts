/** Page side of the compile worker: one long-lived worker (clang stays loaded in it). */
import * as Comlink from 'comlink';
import type { ClangLoaded, ClangLoadProgress, CompileApi, CompileResult } from '../../protocol/compile.ts';

export class CompileBridge {
  private readonly api: Comlink.Remote<CompileApi>;
  private loading: Promise<ClangLoaded> | null = null;
  private readonly progressListeners = new Set<(p: ClangLoadProgress) => void>();

  constructor() {
    const worker = new Worker(new URL('../../../workers/compile.worker.ts', import.meta.url), { type: 'module', name: 'compile' });
    this.api = Comlink.wrap<CompileApi>(worker);
  }

  /** Loads clang once; every caller gets the same promise and progress reports. */
  load(onProgress?: (p: ClangLoadProgress) => void): Promise<ClangLoaded> {
    if (onProgress) this.progressListeners.add(onProgress);
    if (!this.loading) {
      this.loading = this.api.load(Comlink.proxy((p: ClangLoadProgress) => {
        for (const l of this.progressListeners) l(p);
      }));
      this.loading.catch(() => {
        this.loading = null;
      });
      void this.loading.finally(() => this.progressListeners.clear()).catch(() => {});
    }
    return this.loading;
  }

  async compile(source: string, fileName = 'program.c'): Promise<CompileResult> {
    await this.load();
    return this.api.compile(source, fileName);
  }
}
