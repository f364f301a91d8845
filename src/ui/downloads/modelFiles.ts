/**
 * The files a model is downloaded as: the `.bin` bytes as they are, `.safetensors` with the
 * labels and provenance in its metadata, and a JSON with everything but the weights (vocabulary,
 * tie-breaks, head labels, shape, schedule, provenance). No DOM here.
 */
import { readBinModel, writeBinModel, type Model } from '../../core/weights/binFile.ts';
import { writeSafetensors } from '../../core/weights/safetensors.ts';
import { withInfo, type ModelMeta } from '../../core/weights/modelMeta.ts';

/** A file name stem: `universal`, or `specialized-<program>`. */
export function modelFileStem(meta: ModelMeta): string {
  if (meta.kind === 'universal') return 'transformer-vm-universal';
  const name = (meta.provenance.program ?? 'program').replace(/\.c$/, '').replace(/[^A-Za-z0-9_-]+/g, '_');
  return `transformer-vm-specialized-${name}`;
}

/** The metadata with extra provenance entries (e.g. the verified length of the last run). */
export function metaWith(meta: ModelMeta, extra: Record<string, string>): ModelMeta {
  return { ...meta, provenance: { ...meta.provenance, ...extra } };
}

/** The `.bin` again with `meta`'s labels and provenance in its metadata block. */
export function binFile(bin: Uint8Array, meta: ModelMeta): Uint8Array {
  return writeBinModel(withInfo(readBinModel(bin), meta));
}

export function safetensorsFile(bin: Uint8Array, meta: ModelMeta): Uint8Array {
  return writeSafetensors(withInfo(readBinModel(bin), meta));
}

export function metadataFile(bin: Uint8Array, meta: ModelMeta): string {
  const m: Model = readBinModel(bin);
  const tieBreak = m.tieBreak
    ? Array.from({ length: m.L }, (_, l) => Array.from(m.tieBreak!.subarray(l * m.H, (l + 1) * m.H), (v) => (v ? 'latest' : 'average')))
    : null;
  return JSON.stringify({
    format: 'transformer-vm-model-metadata',
    format_version: 1,
    kind: meta.kind,
    shape: { vocab: m.V, d_model: m.D, layers: m.L, heads: m.H, d_ffn: m.F },
    stop_token: m.stopToken,
    stop_token_name: m.vocab[m.stopToken],
    vocab: m.vocab,
    tie_break: tieBreak,
    head_labels: meta.headLabels,
    schedule: meta.schedule,
    fingerprint: meta.fingerprint,
    provenance: meta.provenance,
  }, null, 1);
}
