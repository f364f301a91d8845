/**
 * Vite plugin: the universal model as a static asset, built by the same TypeScript code as the
 * CLI (graph → MILP on HiGHS with a time limit, greedy if HiGHS fails → analytic weights) and
 * cached in `.cache/models/universal-<fingerprint>.bin` (the CLI's cache) next to a
 * `universal-<fingerprint>.json` with what `.bin` cannot hold (schedule, head labels, provenance).
 *
 * `vite` serves and `vite build` emits `models/universal.bin` and `models/universal.json`.
 * Offline; when cached it costs one file read. Env: UNIVERSAL_TIME_LIMIT (seconds, default 120),
 * UNIVERSAL_GREEDY=1 (skip the MILP).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildMachine } from '../src/core/machine/buildMachine.ts';
import { buildModel } from '../src/core/weights/buildModel.ts';
import { readBinModel } from '../src/core/weights/binFile.ts';
import { machineFingerprint } from '../src/core/weights/fingerprint.ts';
import { builtModelFile, shapeOf, type ModelMeta } from '../src/core/weights/modelMeta.ts';

export const UNIVERSAL_BIN = 'models/universal.bin';
export const UNIVERSAL_JSON = 'models/universal.json';

interface Asset {
  bin: Uint8Array;
  meta: ModelMeta;
}

async function readCached(binPath: string, jsonPath: string, fingerprint: string): Promise<Asset | null> {
  try {
    const [bin, json] = await Promise.all([readFile(binPath), readFile(jsonPath, 'utf8')]);
    const meta = JSON.parse(json) as ModelMeta;
    if (meta.fingerprint !== fingerprint || meta.bytes !== bin.length) return null;
    return { bin: new Uint8Array(bin), meta };
  } catch {
    return null;
  }
}

async function build(root: string, log: (l: string) => void): Promise<Asset> {
  const machine = buildMachine({ kind: 'universal' });
  const fingerprint = machineFingerprint(machine);
  const dir = join(root, '.cache', 'models');
  const binPath = join(dir, `universal-${fingerprint}.bin`);
  const jsonPath = join(dir, `universal-${fingerprint}.json`);
  const cached = await readCached(binPath, jsonPath, fingerprint);
  if (cached) {
    // The CLI caches the same graph's model under the same name: use the pair only if the .bin is
    // the one this plugin wrote next to the JSON (its metadata block names the same build).
    try {
      const m = readBinModel(cached.bin);
      const s = shapeOf(m);
      const same = Object.entries(s).every(([k, v]) => cached.meta.shape[k as keyof typeof s] === v);
      if (same && m.info?.provenance?.built === cached.meta.provenance.built) return cached;
    } catch {
      // unreadable: rebuild
    }
  }

  const greedy = process.env.UNIVERSAL_GREEDY === '1';
  const timeLimit = Number(process.env.UNIVERSAL_TIME_LIMIT ?? 120);
  log(`building the universal model (${greedy ? 'greedy' : `MILP on HiGHS, time limit ${timeLimit} s`}); cached in ${binPath}`);
  const t0 = performance.now();
  let highs;
  if (!greedy) {
    try {
      highs = await (await import('highs')).default();
    } catch (e) {
      log(`HiGHS did not load (${(e as Error).message}); using the greedy schedule`);
    }
  }
  const built = buildModel({ kind: 'universal' }, { highs, timeLimit, onLog: (l) => /^MILP|greedy|warm/.test(l) && log(l) });
  const toolVersion = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const { bin, meta } = builtModelFile(built, fingerprint, { toolVersion, built: new Date().toISOString(), builtBy: 'vite plugin' });
  await mkdir(dir, { recursive: true });
  // Write-then-rename, so a concurrent reader (the CLI) never sees half a file.
  await writeFile(binPath + '.tmp', bin);
  await rename(binPath + '.tmp', binPath);
  await writeFile(jsonPath, JSON.stringify(meta));
  const { V, D, L, H, F } = meta.shape;
  log(`universal model: V ${V}, D ${D}, L ${L}, H ${H}, F ${F}, ${meta.provenance.schedule}, ${bin.length} bytes, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { bin, meta };
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
