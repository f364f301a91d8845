import { StageError } from '../errors.ts';
import { POSITION_CENTER } from './positionSlots.ts';
import { checkModelShape, type EraseLists, type LayerWeights, type Model, oldEncoding } from './binFile.ts';

/**
 * safetensors export of a model (the format a PyTorch user loads): an 8-byte little-endian
 * header length, a JSON header (tensor names → dtype, shape, byte range; plus `__metadata__`,
 * a string → string map), then the raw little-endian tensor bytes. All tensors are F64.
 * See docs/model-formats.md for the names and the metadata keys.
 */

export const SAFETENSORS_FORMAT = 'transformer-vm-model';
/** 2: the centred position encoding (slots 0–3: p, inv_log_pos, (p − C)², p − C); 1 had p² in slot 2. */
export const SAFETENSORS_FORMAT_VERSION = '2';

/** The tensor names and shapes of a model, in file order. */
function tensorLayout(m: Pick<Model, 'V' | 'D' | 'L' | 'F'>): { name: string; shape: [number, number] }[] {
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

/**
 * A matrix kept sparse in the compact form: its nonzero entries (every value whose bits are not
 * those of +0, so −0 survives) as ascending row-major flat indices and their values.
 */
function sparseOf(t: Float64Array): { indices: Int32Array; values: Float64Array } {
  let n = 0;
  for (let i = 0; i < t.length; i++) if (t[i] !== 0 || Object.is(t[i], -0)) n++;
  const indices = new Int32Array(n);
  const values = new Float64Array(n);
  for (let i = 0, k = 0; i < t.length; i++) {
    if (t[i] !== 0 || Object.is(t[i], -0)) {
      indices[k] = i;
      values[k++] = t[i];
    }
  }
  return { indices, values };
}

export interface SafetensorsOptions {
  /**
   * Store each matrix sparse (`NAME.indices` I32 + `NAME.values` F64) when that is smaller than
   * dense: a specialized model is mostly zeros. Read back bit for bit (docs/model-formats.md).
   */
  compact?: boolean;
}

export function writeSafetensors(m: Model, opts: SafetensorsOptions = {}): Uint8Array {
  checkModelShape(m);
  const layout = tensorLayout(m);
  const data = tensorsOf(m);
  const metadata: Record<string, string> = {
    format: SAFETENSORS_FORMAT,
    format_version: SAFETENSORS_FORMAT_VERSION,
    position_center: String(POSITION_CENTER),
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
  // F64 tensors first, then the I32 index tensors, so every F64 tensor stays 8-byte aligned.
  const f64: { name: string; shape: number[]; t: Float64Array }[] = [];
  const i32: { name: string; shape: number[]; t: Int32Array }[] = [];
  const sparse: Record<string, [number, number]> = {};
  layout.forEach(({ name, shape }, i) => {
    const sp = opts.compact ? sparseOf(data[i]) : null;
    if (sp && sp.values.length * 12 < data[i].length * 8) {
      sparse[name] = shape;
      f64.push({ name: `${name}.values`, shape: [sp.values.length], t: sp.values });
      i32.push({ name: `${name}.indices`, shape: [sp.indices.length], t: sp.indices });
    } else f64.push({ name, shape, t: data[i] });
  });
  if (opts.compact) metadata.sparse = JSON.stringify(sparse);
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const { name, shape, t } of f64) {
    header[name] = { dtype: 'F64', shape, data_offsets: [offset, offset + t.length * 8] };
    offset += t.length * 8;
  }
  for (const { name, shape, t } of i32) {
    header[name] = { dtype: 'I32', shape, data_offsets: [offset, offset + t.length * 4] };
    offset += t.length * 4;
  }
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
  for (const { t } of f64) for (let i = 0; i < t.length; i++, pos += 8) view.setFloat64(pos, t[i], true);
  for (const { t } of i32) for (let i = 0; i < t.length; i++, pos += 4) view.setInt32(pos, t[i], true);
  return out;
}

/** A safetensors file (8-byte header length, then `{`), as opposed to a `.bin`. */
export function isSafetensors(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[8] === 0x7b;
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
  if (meta.format_version === '1') throw oldEncoding('safetensors format_version 1');
  if (meta.format_version !== SAFETENSORS_FORMAT_VERSION) bad(`__metadata__.format_version is ${JSON.stringify(meta.format_version)}, expected "${SAFETENSORS_FORMAT_VERSION}"`);
  if (meta.position_center !== String(POSITION_CENTER)) bad(`__metadata__.position_center is ${JSON.stringify(meta.position_center)}, expected "${POSITION_CENTER}"`);
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
  const sparse = typeof meta.sparse === 'string' ? field<Record<string, [number, number]>>('sparse') : {};
  if (typeof sparse !== 'object' || sparse === null) bad('__metadata__.sparse is not an object');
  const names = new Set<string>();
  for (const { name } of layout) {
    if (name in sparse) names.add(`${name}.indices`).add(`${name}.values`);
    else names.add(name);
  }
  for (const k of Object.keys(sparse)) if (!layout.some((t) => t.name === k)) bad(`__metadata__.sparse names an unknown tensor ${JSON.stringify(k)}`);
  for (const k of Object.keys(header)) {
    if (k !== '__metadata__' && !names.has(k)) bad(`unexpected tensor ${JSON.stringify(k)}`);
  }
  // Every tensor's byte range, checked to tile the data section exactly (in any order).
  const ranges: { name: string; a: number; b: number }[] = [];
  const entry = (name: string, dtype: 'F64' | 'I32', shape: number[] | null): { a: number; count: number } => {
    const e = header[name] as TensorEntry | undefined;
    if (!e || typeof e !== 'object') bad(`tensor ${name} is missing`);
    if (e.dtype !== dtype) bad(`tensor ${name} has dtype ${e.dtype}, expected ${dtype}`);
    if (!Array.isArray(e.shape) || e.shape.some((x) => !Number.isInteger(x) || x < 0)) bad(`tensor ${name} has shape ${JSON.stringify(e.shape)}`);
    if (shape && (e.shape.length !== shape.length || e.shape.some((x, i) => x !== shape[i]))) bad(`tensor ${name} has shape ${JSON.stringify(e.shape)}, expected [${shape}]`);
    if (!shape && e.shape.length !== 1) bad(`tensor ${name} has shape ${JSON.stringify(e.shape)}, expected one dimension`);
    const count = e.shape.reduce((x, y) => x * y, 1);
    const [a, b] = e.data_offsets ?? [];
    if (!Number.isInteger(a) || b !== a + count * (dtype === 'F64' ? 8 : 4)) bad(`tensor ${name} has data_offsets ${JSON.stringify(e.data_offsets)} for ${count} ${dtype} values`);
    if (b > dataLen) bad(`truncated: tensor ${name} ends at data offset ${b} (file offset ${dataStart + b}), the data section has ${dataLen} bytes`);
    ranges.push({ name, a, b });
    return { a: dataStart + a, count };
  };
  const tensors = layout.map(({ name, shape }) => {
    const t = new Float64Array(shape[0] * shape[1]);
    if (name in sparse) {
      const sh = sparse[name];
      if (!Array.isArray(sh) || sh[0] !== shape[0] || sh[1] !== shape[1]) bad(`__metadata__.sparse gives ${name} the shape ${JSON.stringify(sh)}, expected [${shape}]`);
      const iv = entry(`${name}.indices`, 'I32', null);
      const vv = entry(`${name}.values`, 'F64', null);
      if (iv.count !== vv.count) bad(`tensor ${name}: ${iv.count} indices but ${vv.count} values`);
      let last = -1;
      for (let k = 0; k < iv.count; k++) {
        const i = view.getInt32(iv.a + 4 * k, true);
        if (i <= last || i >= t.length) bad(`tensor ${name}.indices[${k}] = ${i} is not ascending inside 0…${t.length - 1}`);
        t[i] = view.getFloat64(vv.a + 8 * k, true);
        last = i;
      }
    } else {
      const { a } = entry(name, 'F64', shape);
      for (let i = 0, p = a; i < t.length; i++, p += 8) t[i] = view.getFloat64(p, true);
    }
    return t;
  });
  ranges.sort((x, y) => x.a - y.a);
  let expected = 0;
  for (const r of ranges) {
    if (r.a !== expected) bad(`tensor ${r.name} starts at data offset ${r.a}, expected ${expected} (tensors must tile the data section)`);
    expected = r.b;
  }

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
