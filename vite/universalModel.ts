/**
 * Vite plugin: the universal model as a static asset, built by the same TypeScript code as the
 * CLI (graph → MILP on HiGHS with a time limit, greedy if HiGHS fails → analytic weights), read
 * from and written to the one cache the CLI uses too (`universalModelCache.node.ts`).
 *
 * `vite` serves and `vite build` emits `models/universal.bin` and `models/universal.json`.
 * Offline; when cached it costs one file read. Env: UNIVERSAL_TIME_LIMIT (seconds, default 120),
 * UNIVERSAL_GREEDY=1 (skip the MILP).
 */
import type { Plugin } from 'vite';
import type { ModelMeta } from '../src/core/weights/modelMeta.ts';
import { universalModelFile } from '../src/core/weights/universalModelCache.node.ts';

export const UNIVERSAL_BIN = 'models/universal.bin';
export const UNIVERSAL_JSON = 'models/universal.json';

interface Asset {
  bin: Uint8Array;
  meta: ModelMeta;
}

function build(root: string, log: (l: string) => void): Promise<Asset> {
  return universalModelFile({
    root,
    greedy: process.env.UNIVERSAL_GREEDY === '1',
    timeLimit: Number(process.env.UNIVERSAL_TIME_LIMIT ?? 120),
    builtBy: 'vite plugin',
    log,
    logFilter: (l) => /^MILP|greedy|warm/.test(l),
  });
}

export function universalModelPlugin(): Plugin {
  let root = process.cwd();
  let asset: Promise<Asset> | null = null;
  let log: (l: string) => void = (l) => console.log(`[universal-model] ${l}`);
  const get = () => (asset ??= build(root, log));

  return {
    name: 'universal-model',
    configResolved(config) {
      root = config.root;
      log = (l) => config.logger.info(`[universal-model] ${l}`, { timestamp: true });
    },
    configureServer(server) {
      // Start at once (a dev server's first page load needs it), answer when ready.
      void get().catch((e: unknown) => server.config.logger.error(`[universal-model] ${(e as Error).message}`));
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        const base = server.config.base;
        const path = url.startsWith(base) ? url.slice(base.length) : url.replace(/^\//, '');
        if (path !== UNIVERSAL_BIN && path !== UNIVERSAL_JSON) return next();
        get().then(
          ({ bin, meta }) => {
            const body = path === UNIVERSAL_BIN ? Buffer.from(bin.buffer, bin.byteOffset, bin.byteLength) : Buffer.from(JSON.stringify(meta));
            res.setHeader('Content-Type', path === UNIVERSAL_BIN ? 'application/octet-stream' : 'application/json');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(body);
          },
          (e: unknown) => {
            res.statusCode = 500;
            res.end(`universal model build failed: ${(e as Error).message}`);
          },
        );
      });
    },
    async buildStart() {
      if (this.environment?.config.consumer === 'client' || !this.environment) await get();
    },
    async generateBundle() {
      const { bin, meta } = await get();
      this.emitFile({ type: 'asset', fileName: UNIVERSAL_BIN, source: bin });
      this.emitFile({ type: 'asset', fileName: UNIVERSAL_JSON, source: JSON.stringify(meta) });
    },
  };
}
