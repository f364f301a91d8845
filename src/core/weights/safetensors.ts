import { StageError } from '../errors.ts';
import { checkModelShape, type EraseLists, type LayerWeights, type Model } from './binFile.ts';

/**
 * safetensors export of a model (the format a PyTorch user loads): an 8-byte little-endian
 * header length, a JSON header (tensor names → dtype, shape, byte range; plus `__metadata__`,
 * a string → string map), then the raw little-endian tensor bytes. All tensors are F64.
 * See docs/model-formats.md for the names and the metadata keys.
 */

export const SAFETENSORS_FORMAT = 'transformer-vm-model';
export const SAFETENSORS_FORMAT_VERSION = '1';

/** The tensor names and shapes of a model, in file order. */
export function tensorLayout(m: Pick<Model, 'V' | 'D' | 'L' | 'F'>): { name: string; shape: [number, number] }[] {
  const { V, D, L, F } = m;
  const out: { name: string; shape: [number, number] }[] = [{ name: 'embed', shape: [V, D] }];
  for (let l = 0; l < L; l++) {
    out.push(
      { name: `layers.${l}.attn.in_proj`, shape: [3 * D, D] },
      { name: `layers.${l}.attn.out_proj`, shape: [D, D] },
      { name: `layers.${l}.ffn.in_proj`, shape: [2 * F, D] },
      { name: `layers.${l}.ffn.out_proj`, shape: [D, F] },
    );
  }
  out.push({ name: 'unembed', shape: [V, D] });
  return out;
}

function tensorsOf(m: Model): Float64Array[] {
  const t: Float64Array[] = [m.embed];
  for (const ly of m.layers) t.push(ly.attnIn, ly.attnOut, ly.ffnIn, ly.ffnOut);
  t.push(m.unembed);
  return t;
}

export function writeSafetensors(m: Model): Uint8Array {
  checkModelShape(m);
  const layout = tensorLayout(m);
  const data = tensorsOf(m);
  const metadata: Record<string, string> = {
    format: SAFETENSORS_FORMAT,
    format_version: SAFETENSORS_FORMAT_VERSION,
    dims: JSON.stringify({ vocab: m.V, d_model: m.D, layers: m.L, heads: m.H, d_ffn: m.F }),
    vocab: JSON.stringify(m.vocab),
    stop_token: String(m.stopToken),
    stop_token_name: m.vocab[m.stopToken],
    tie_break: JSON.stringify(
      m.tieBreak ? Array.from({ length: m.L }, (_, l) => Array.from(m.tieBreak!.subarray(l * m.H, (l + 1) * m.H), (v) => (v ? 'latest' : 'average'))) : null,
    ),
    erase: JSON.stringify(m.erase ? m.erase.map((e) => ({ attention: e.attention, ffn: e.ffn })) : null),
  };
  if (m.info?.headLabels) metadata.head_labels = JSON.stringify(m.info.headLabels);
  if (m.info?.provenance) metadata.provenance = JSON.stringify(m.info.provenance);
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  layout.forEach(({ name, shape }, i) => {
    const bytes = data[i].length * 8;
    header[name] = { dtype: 'F64', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  });
  let json = new TextEncoder().encode(JSON.stringify(header));
  // Pad with spaces so the tensor data starts 8-byte aligned.
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const t of data) {
    for (let i = 0; i < t.length; i++, pos += 8) view.setFloat64(pos, t[i], true);
  }
  return out;
}

function bad(message: string): never {
  throw new StageError('model', `malformed safetensors model: ${message}`);
}

interface TensorEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function readSafetensors(bytes: Uint8Array): Model {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) bad(`file is ${bytes.length} bytes, shorter than the 8-byte header length at offset 0`);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) bad(`header length ${n} at offset 0 exceeds the ${bytes.length - 8} bytes that follow`);
  const headerLen = Number(n);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    bad(`header at offset 8 is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) bad('header is not a JSON object');
  const meta = header.__metadata__ as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object') bad('no __metadata__');
  if (meta.format !== SAFETENSORS_FORMAT) bad(`__metadata__.format is ${JSON.stringify(meta.format)}, expected "${SAFETENSORS_FORMAT}"`);
  const field = <T>(key: string): T => {
    const v = meta[key];
    if (typeof v !== 'string') bad(`__metadata__.${key} is missing or not a string`);
    try {
      return JSON.parse(v) as T;
    } catch {
      bad(`__metadata__.${key} is not valid JSON`);
    }
  };
  const dims = field<Record<string, number>>('dims');
  const V = dims?.vocab, D = dims?.d_model, L = dims?.layers, H = dims?.heads, F = dims?.d_ffn;
  for (const [k, v] of Object.entries({ V, D, L, H, F })) {
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) bad(`__metadata__.dims: ${k} = ${v}`);
  }
  const vocab = field<string[]>('vocab');
  if (!Array.isArray(vocab) || vocab.length !== V || vocab.some((s) => typeof s !== 'string')) bad(`vocab is not an array of ${V} strings`);
  const stopToken = Number(meta.stop_token);
  const tie = field<string[][] | null>('tie_break');
  const erase = field<EraseLists[] | null>('erase');
  const isSlots = (a: unknown) => Array.isArray(a) && a.every((x) => Number.isInteger(x));
  if (erase !== null && (!Array.isArray(erase) || erase.some((e) => !e || !isSlots(e.attention) || !isSlots(e.ffn)))) {
    bad('erase is not a list of {attention, ffn} slot lists');
  }

  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const layout = tensorLayout({ V, D, L, F });
  const names = new Set(layout.map((t) => t.name));
  for (const k of Object.keys(header)) {
    if (k !== '__metadata__' && !names.has(k)) bad(`unexpected tensor ${JSON.stringify(k)}`);
  }
  let expected = 0;
  const tensors = layout.map(({ name, shape }) => {
    const e = header[name] as TensorEntry | undefined;
    if (!e || typeof e !== 'object') bad(`tensor ${name} is missing`);
    if (e.dtype !== 'F64') bad(`tensor ${name} has dtype ${e.dtype}, expected F64`);
    if (!Array.isArray(e.shape) || e.shape.length !== 2 || e.shape[0] !== shape[0] || e.shape[1] !== shape[1]) {
      bad(`tensor ${name} has shape ${JSON.stringify(e.shape)}, expected [${shape}]`);
    }
    const [a, b] = e.data_offsets ?? [];
    const bytesNeeded = shape[0] * shape[1] * 8;
    if (a !== expected || b !== a + bytesNeeded) bad(`tensor ${name} has data_offsets ${JSON.stringify(e.data_offsets)}, expected [${expected}, ${expected + bytesNeeded}]`);
    if (b > dataLen) bad(`truncated: tensor ${name} ends at data offset ${b} (file offset ${dataStart + b}), the data section has ${dataLen} bytes`);
    expected = b;
    const t = new Float64Array(shape[0] * shape[1]);
    for (let i = 0, p = dataStart + a; i < t.length; i++, p += 8) t[i] = view.getFloat64(p, true);
    return t;
  });
  if (expected !== dataLen) bad(`${dataLen - expected} unexpected bytes after the last tensor at offset ${dataStart + expected}`);

  const layers: LayerWeights[] = [];
  for (let l = 0; l < L; l++) {
    const [attnIn, attnOut, ffnIn, ffnOut] = tensors.slice(1 + 4 * l, 5 + 4 * l);
    layers.push({ attnIn, attnOut, ffnIn, ffnOut });
  }
  let tieBreak: Uint8Array | null = null;
  if (tie !== null) {
    if (!Array.isArray(tie) || tie.length !== L || tie.some((r) => !Array.isArray(r) || r.length !== H)) bad(`tie_break is not ${L}×${H}`);
    tieBreak = new Uint8Array(L * H);
    tie.forEach((row, l) =>
      row.forEach((v, h) => {
        if (v !== 'latest' && v !== 'average') bad(`tie_break[${l}][${h}] is ${JSON.stringify(v)}`);
        tieBreak![l * H + h] = v === 'latest' ? 1 : 0;
      }),
    );
  }
  const model: Model = {
    vocab,
    V,
    D,
    L,
    H,
    F,
    stopToken,
    embed: tensors[0],
    layers,
    unembed: tensors[tensors.length - 1],
    erase: erase === null ? null : erase.map((e) => ({ attention: [...e.attention], ffn: [...e.ffn] })),
    tieBreak,
  };
  const info: Model['info'] = {};
  if (typeof meta.head_labels === 'string') info.headLabels = field('head_labels');
  if (typeof meta.provenance === 'string') info.provenance = field('provenance');
  if (info.headLabels || info.provenance) model.info = info;
  try {
    checkModelShape(model);
  } catch (e) {
    bad((e as Error).message);
  }
  return model;
}
