/**
 * The files a model is downloaded as: the `.bin` bytes as they are, `.safetensors` with the
 * labels and provenance in its metadata, and a JSON with everything but the weights (vocabulary,
 * tie-breaks, head labels, shape, schedule, provenance). No DOM here.
 */
import { readBinModel, writeBinModel, type Model } from '../../core/weights/binFile.ts';
import { writeSafetensors, type SafetensorsOptions } from '../../core/weights/safetensors.ts';
import { shapeOf, withInfo, type ModelMeta, type ScheduleInfo } from '../../core/weights/modelMeta.ts';
import { readModelFile } from '../../core/weights/modelFile.ts';
import { isSpecializedModel } from '../../core/run/specializedModel.ts';

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

export function safetensorsFile(bin: Uint8Array, meta: ModelMeta, opts: SafetensorsOptions = {}): Uint8Array {
  return writeSafetensors(withInfo(readBinModel(bin), meta), opts);
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

/**
 * A model file a person chose (`.bin`, dense or compact `.safetensors`), read and checked as the
 * CLI reads it: a malformed file throws with what is wrong and where. Its metadata (what the
 * page's own downloads carry) names the kind, schedule and program; a file without it is still
 * run, as universal or specialized by its vocabulary.
 */
export function modelFromFile(bytes: Uint8Array, fileName: string): { bytes: Uint8Array; meta: ModelMeta } {
  const model = readModelFile(bytes);
  const provenance: Record<string, string> = { ...(model.info?.provenance ?? {}), loadedFrom: fileName };
  const kind = isSpecializedModel(model) ? 'specialized' : 'universal';
  const [method, status] = (provenance.schedule ?? '').split(' ');
  const schedule: ScheduleInfo = {
    method: method === 'milp' || method === 'greedy' ? method : 'greedy',
    status: status === 'optimal' || status === 'time-limit' || status === 'heuristic' ? status : 'heuristic',
    layers: model.L,
  };
  const bin = writeBinModel(model);
  const meta: ModelMeta = {
    kind,
    shape: shapeOf(model),
    fingerprint: provenance.fingerprint ?? '',
    schedule,
    headLabels: model.info?.headLabels ?? [],
    provenance: kind === 'specialized' ? { program: provenance.program ?? fileName, ...provenance } : provenance,
    bytes: bin.length,
    weightsMs: 0,
  };
  return { bytes: bin, meta };
}
