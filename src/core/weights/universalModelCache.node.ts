/**
 * The one reader and writer of `.cache/models/universal-<fingerprint>.{bin,json}`: the universal
 * model of the current graph, built once (MILP on HiGHS with a time limit, the greedy schedule
 * when asked or when HiGHS does not load) and shared by the CLI and the Vite plugin. The `.bin`
 * carries head labels and provenance in its metadata block; the `.json` is its `ModelMeta`. The
 * pair is used only when the JSON names this graph and this `.bin` (size and build time).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBinModel } from './binFile.ts';
import { builtModelFile, shapeOf, type ModelMeta } from './modelMeta.ts';

export interface UniversalModelFile {
  bin: Uint8Array;
  meta: ModelMeta;
}

export interface UniversalCacheOptions {
  /** The repository root (the cache is `<root>/.cache/models`). */
  root: string;
  /** Seconds the MILP may run (default 120). */
  timeLimit?: number;
  /** Skip the MILP: the greedy schedule. */
  greedy?: boolean;
  /** Who builds it (`provenance.builtBy`). */
  builtBy: string;
  log: (line: string) => void;
  /** Which build-log lines to pass to `log` (default: all). */
  logFilter?: (line: string) => boolean;
  /** The universal machine's fingerprint when the caller already knows it (building the graph to compute it costs ~0.3 s). */
  fingerprint?: string;
}

async function readCached(binPath: string, jsonPath: string, fingerprint: string): Promise<UniversalModelFile | null> {
  try {
    const [bin, json] = await Promise.all([readFile(binPath), readFile(jsonPath, 'utf8')]);
    const meta = JSON.parse(json) as ModelMeta;
    if (meta.fingerprint !== fingerprint || meta.bytes !== bin.length || !meta.lookupLayers) return null;
    const m = readBinModel(new Uint8Array(bin));
    const s = shapeOf(m);
    const same = Object.entries(s).every(([k, v]) => meta.shape[k as keyof typeof s] === v);
    if (!same || m.info?.provenance?.built !== meta.provenance.built) return null;
    return { bin: new Uint8Array(bin), meta };
  } catch {
    return null; // missing or unreadable: rebuild
  }
}

/** The cached universal model of the current graph, built and cached on first use. */
export async function universalModelFile(opts: UniversalCacheOptions): Promise<UniversalModelFile> {
  const { root, log } = opts;
  const fingerprint = opts.fingerprint ?? (await universalFingerprint());
  const dir = join(root, '.cache', 'models');
  const binPath = join(dir, `universal-${fingerprint}.bin`);
  const jsonPath = join(dir, `universal-${fingerprint}.json`);
  const cached = await readCached(binPath, jsonPath, fingerprint);
  if (cached) return cached;

  const timeLimit = opts.timeLimit ?? 120;
  log(`building the universal model (${opts.greedy ? 'greedy' : `MILP on HiGHS, time limit ${timeLimit} s`}); cached in ${binPath}`);
  const t0 = performance.now();
  let highs;
  if (!opts.greedy) {
    try {
      highs = await (await import('highs')).default();
    } catch (e) {
      log(`HiGHS did not load (${(e as Error).message}); using the greedy schedule`);
    }
  }
  const filter = opts.logFilter ?? (() => true);
  const { buildModel } = await import('./buildModel.ts');
  const built = buildModel({ kind: 'universal' }, { highs, timeLimit, onLog: (l) => filter(l) && log(l) });
  const toolVersion = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const { bin, meta } = builtModelFile(built, fingerprint, { toolVersion, built: new Date().toISOString(), builtBy: opts.builtBy });
  await mkdir(dir, { recursive: true });
  // Write-then-rename, so a concurrent reader never sees half a file; the JSON last, so a pair
  // whose JSON names this .bin is complete.
  const tmp = `.${process.pid}.tmp`;
  await writeFile(binPath + tmp, bin);
  await rename(binPath + tmp, binPath);
  await writeFile(jsonPath + tmp, JSON.stringify(meta));
  await rename(jsonPath + tmp, jsonPath);
  const { V, D, L, H, F } = meta.shape;
  log(`universal model: V ${V}, D ${D}, L ${L}, H ${H}, F ${F}, ${meta.provenance.schedule}, ${bin.length} bytes, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { bin, meta };
}

/** The fingerprint of the current universal machine graph (names the cached model). */
export async function universalFingerprint(): Promise<string> {
  const [{ buildMachine }, { machineFingerprint }] = await Promise.all([import('../machine/buildMachine.ts'), import('./fingerprint.ts')]);
  return machineFingerprint(buildMachine({ kind: 'universal' }));
}
