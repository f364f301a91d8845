/**
 * The universal model the Vite plugin builds at build/start-up time (vite/universalModel.ts):
 * `models/universal.json` (metadata) and `models/universal.bin` (weights), same origin.
 */
import type { ModelPayload } from '../../protocol/run.ts';
import type { ModelMeta } from '../../core/weights/modelMeta.ts';

export interface UniversalAsset {
  payload: ModelPayload;
  /** Fetch time of both files. */
  fetchMs: number;
}

export async function fetchUniversalModel(): Promise<UniversalAsset> {
  const base = import.meta.env.BASE_URL;
  const t0 = performance.now();
  const metaRes = await fetch(`${base}models/universal.json`);
  if (!metaRes.ok) throw new Error(`models/universal.json: HTTP ${metaRes.status}`);
  const meta = (await metaRes.json()) as ModelMeta;
  // The fingerprint in the query keeps a cached .bin of an older graph from being used.
  const binRes = await fetch(`${base}models/universal.bin?graph=${meta.fingerprint}`);
  if (!binRes.ok) throw new Error(`models/universal.bin: HTTP ${binRes.status}`);
  const bytes = new Uint8Array(await binRes.arrayBuffer());
  if (bytes.length !== meta.bytes) throw new Error(`models/universal.bin has ${bytes.length} bytes, its metadata says ${meta.bytes}`);
  return { payload: { key: `universal-${meta.fingerprint}`, bytes, meta }, fetchMs: performance.now() - t0 };
}
