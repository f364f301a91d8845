import { StageError } from '../errors.ts';
import { POSITION_SLOTS } from './positionSlots.ts';

/**
 * A transformer in the original's layout (docs/original-design.md §2.8, §8.5): float64 matrices, row-major in
 * PyTorch's [out_features, in_features] orientation. H = D/2 heads of dimension 2.
 */
export interface Model {
  /** Token strings in id order (sorted by code point for the machine's models). */
  vocab: string[];
  /** Vocabulary size, d_model, layers, heads (= D/2), d_ffn. */
  V: number;
  D: number;
  L: number;
  H: number;
  F: number;
  /** Generation stops after this token has been emitted (`halt`). */
  stopToken: number;
  /** V × D. */
  embed: Float64Array;
  layers: LayerWeights[];
  /** V × D: one score row per token. */
  unembed: Float64Array;
  /** Per layer, the slots zeroed at the attention / FFN boundary (informational; null = absent). */
  erase: EraseLists[] | null;
  /** L × H (row-major by layer): 1 = "latest" tie-break head, 0 = "average". null = absent (all average). */
  tieBreak: Uint8Array | null;
  /** What the .bin format cannot hold (kept by safetensors). */
  info?: ModelInfo;
}

export interface LayerWeights {
  /** 3D × D: rows 0…D−1 = Q, D…2D−1 = K, 2D…3D−1 = V; head h uses rows 2h, 2h+1 of each. */
  attnIn: Float64Array;
  /** D × D: columns 2h, 2h+1 take head h's output. */
  attnOut: Float64Array;
  /** 2F × D: rows 0…F−1 = gate, F…2F−1 = value. */
  ffnIn: Float64Array;
  /** D × F. */
  ffnOut: Float64Array;
}

export interface EraseLists {
  attention: number[];
  ffn: number[];
}

export interface ModelInfo {
  /** L × H labels from the graph's names (null for an unused head). */
  headLabels?: (string | null)[][];
  /** Tool, tool version, clang version, program hash, … */
  provenance?: Record<string, string>;
}

/** Refuses a malformed file: says what is wrong and at which byte offset. */
function bad(message: string, offset: number): never {
  throw new StageError('model', `malformed model file: ${message} at offset ${offset}`);
}

/** Reads a `.bin` weight file (docs/original-design.md §2.8). Never allocates more than the file can fill. */
export function readBinModel(bytes: Uint8Array): Model {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.byteLength;
  let off = 0;
  const need = (n: number, what: string) => {
    if (len - off < n) bad(`truncated: ${what} needs ${n} bytes, ${len - off} remain`, off);
  };
  const i32 = (what: string) => {
    need(4, what);
    const v = view.getInt32(off, true);
    off += 4;
    return v;
  };

  const [V, D, L, H, F, stop] = ['V', 'D', 'L', 'H', 'F', 'stop token'].map((n) => i32(`header field ${n}`));
  if (V < 1) bad(`vocabulary size ${V} < 1`, 0);
  if (D < 2 || D % 2 !== 0) bad(`d_model ${D} is not a positive even number`, 4);
  if (D < POSITION_SLOT_COUNT) bad(`d_model ${D} leaves no room for the position encoding (slots 0…${POSITION_SLOT_COUNT - 1})`, 4);
  if (L < 0) bad(`layer count ${L} < 0`, 8);
  if (H !== D / 2) bad(`head count ${H} is not d_model/2 = ${D / 2}`, 12);
  if (F < 0) bad(`d_ffn ${F} < 0`, 16);
  if (stop < 0 || stop >= V) bad(`stop token id ${stop} outside 0…${V - 1}`, 20);
  // Every token string takes at least its 4-byte length: bound V before allocating.
  if (V > (len - off) / 4) bad(`vocabulary size ${V} cannot fit in the ${len - off} remaining bytes`, 0);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const vocab: string[] = new Array(V);
  const seen = new Map<string, number>();
  for (let t = 0; t < V; t++) {
    const at = off;
    need(4, `length of token ${t}`);
    const n = view.getUint32(off, true);
    off += 4;
    need(n, `token ${t} (${n} bytes)`);
    let s: string;
    try {
      s = decoder.decode(bytes.subarray(off, off + n));
    } catch {
      bad(`token ${t} is not valid UTF-8`, off);
    }
    const dup = seen.get(s);
    if (dup !== undefined) bad(`token ${t} ${JSON.stringify(s)} repeats token ${dup}`, at);
    seen.set(s, t);
    vocab[t] = s;
    off += n;
  }

  const weights = 2 * V * D + L * (4 * D * D + 3 * F * D);
  if (weights * 8 > len - off) {
    bad(`truncated: the weights of a V=${V} D=${D} L=${L} F=${F} model need ${weights * 8} bytes, ${len - off} remain`, off);
  }
  const matrix = (rows: number, cols: number) => {
    const m = new Float64Array(rows * cols);
    for (let i = 0; i < m.length; i++, off += 8) m[i] = view.getFloat64(off, true);
    return m;
  };
  const embed = matrix(V, D);
  const layers: LayerWeights[] = [];
  for (let l = 0; l < L; l++) {
    layers.push({ attnIn: matrix(3 * D, D), attnOut: matrix(D, D), ffnIn: matrix(2 * F, D), ffnOut: matrix(D, F) });
  }
  const unembed = matrix(V, D);

  // The trailer must be complete: the metadata extension that ends it marks the position encoding.
  let erase: EraseLists[] | null = null;
  let tieBreak: Uint8Array | null = null;
  let info: ModelInfo | undefined;
  if (off >= len) throw oldEncoding('it ends after the unembedding');
  {
    const at = off;
    const hasErase = i32('has_erase flag');
    if (hasErase !== 0 && hasErase !== 1) bad(`has_erase flag is ${hasErase}, not 0 or 1`, at);
    if (hasErase) {
      erase = [];
      const slots = (what: string) => {
        const at2 = off;
        const n = i32(`${what} count`);
        if (n < 0 || n > D) bad(`${what} count ${n} outside 0…${D}`, at2);
        const list: number[] = [];
        for (let j = 0; j < n; j++) {
          const at3 = off;
          const s = i32(`${what} slot`);
          if (s < 0 || s >= D) bad(`${what} slot ${s} outside 0…${D - 1}`, at3);
          list.push(s);
        }
        return list;
      };
      for (let l = 0; l < L; l++) {
        const attention = slots(`layer ${l} attention erase`);
        const ffn = slots(`layer ${l} FFN erase`);
        erase.push({ attention, ffn });
      }
    }
    {
      const at2 = off;
      const hasTb = i32('has_tiebreak flag');
      if (hasTb !== 0 && hasTb !== 1) bad(`has_tiebreak flag is ${hasTb}, not 0 or 1`, at2);
      if (hasTb) {
        tieBreak = new Uint8Array(L * H);
        for (let i = 0; i < L * H; i++) {
          const at3 = off;
          const v = i32(`tie-break of layer ${Math.floor(i / H)} head ${i % H}`);
          if (v !== 0 && v !== 1) bad(`tie-break of layer ${Math.floor(i / H)} head ${i % H} is ${v}, not 0 or 1`, at3);
          tieBreak[i] = v;
        }
      }
    }
    info = readMetadataExtension(bytes, off);
  }
  return { vocab, V, D, L, H, F, stopToken: stop, embed, layers, unembed, erase, tieBreak, ...(info && Object.keys(info).length ? { info } : {}) };
}

/** Checks that a model's fields are consistent (shapes, ids, tables) before writing it. */
export function checkModelShape(m: Model): void {
  const fail = (msg: string): never => {
    throw new StageError('model', `inconsistent model: ${msg}`);
  };
  const { V, D, L, H, F } = m;
  for (const [n, v] of Object.entries({ V, D, L, H, F })) {
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) fail(`${n} = ${v}`);
  }
  if (V < 1 || D < POSITION_SLOT_COUNT || D % 2 || H !== D / 2) fail(`dimensions V=${V} D=${D} H=${H}`);
  if (m.vocab.length !== V) fail(`${m.vocab.length} token strings for V = ${V}`);
  if (m.vocab.some((s) => typeof s !== 'string')) fail('a token is not a string');
  if (new Set(m.vocab).size !== V) fail('repeated token strings');
  if (!Number.isInteger(m.stopToken) || m.stopToken < 0 || m.stopToken >= V) fail(`stop token ${m.stopToken}`);
  const shape = (a: Float64Array, rows: number, cols: number, what: string) => {
    if (a.length !== rows * cols) fail(`${what} has ${a.length} entries, expected ${rows}×${cols}`);
  };
  shape(m.embed, V, D, 'embedding');
  shape(m.unembed, V, D, 'unembedding');
  if (m.layers.length !== L) fail(`${m.layers.length} layers for L = ${L}`);
  m.layers.forEach((ly, l) => {
    shape(ly.attnIn, 3 * D, D, `layer ${l} attention input`);
    shape(ly.attnOut, D, D, `layer ${l} attention output`);
    shape(ly.ffnIn, 2 * F, D, `layer ${l} FFN input`);
    shape(ly.ffnOut, D, F, `layer ${l} FFN output`);
  });
  if (m.erase) {
    if (m.erase.length !== L) fail(`${m.erase.length} erase entries for L = ${L}`);
    for (const e of m.erase) {
      for (const s of [...e.attention, ...e.ffn]) if (!Number.isInteger(s) || s < 0 || s >= D) fail(`erase slot ${s}`);
    }
  }
  if (m.tieBreak) {
    if (m.tieBreak.length !== L * H) fail(`${m.tieBreak.length} tie-break entries for L×H = ${L * H}`);
    for (const v of m.tieBreak) if (v !== 0 && v !== 1) fail(`tie-break value ${v}`);
  }
}

/** Writes a `.bin` weight file (docs/original-design.md §2.8); both trailer flags are always written. */
export function writeBinModel(m: Model): Uint8Array {
  checkModelShape(m);
  const { V, D, L, H, F } = m;
  const encoder = new TextEncoder();
  const names = m.vocab.map((s) => encoder.encode(s));
  let size = 24 + names.reduce((a, b) => a + 4 + b.length, 0);
  size += 8 * (2 * V * D + L * (4 * D * D + 3 * F * D));
  size += 4 + (m.erase ? m.erase.reduce((a, e) => a + 8 + 4 * (e.attention.length + e.ffn.length), 0) : 0);
  size += 4 + (m.tieBreak ? 4 * L * H : 0);
  const meta = metadataExtension(m.info);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let off = 0;
  const i32 = (v: number) => {
    view.setInt32(off, v, true);
    off += 4;
  };
  const f64s = (a: Float64Array) => {
    for (let i = 0; i < a.length; i++, off += 8) view.setFloat64(off, a[i], true);
  };
  [V, D, L, H, F, m.stopToken].forEach(i32);
  for (const n of names) {
    view.setUint32(off, n.length, true);
    bytes.set(n, off + 4);
    off += 4 + n.length;
  }
  f64s(m.embed);
  for (const ly of m.layers) {
    f64s(ly.attnIn);
    f64s(ly.attnOut);
    f64s(ly.ffnIn);
    f64s(ly.ffnOut);
  }
  f64s(m.unembed);
  i32(m.erase ? 1 : 0);
  for (const e of m.erase ?? []) {
    i32(e.attention.length);
    e.attention.forEach(i32);
    i32(e.ffn.length);
    e.ffn.forEach(i32);
  }
  i32(m.tieBreak ? 1 : 0);
  if (m.tieBreak) m.tieBreak.forEach(i32);
  const out = new Uint8Array(bytes.length + meta.length);
  out.set(bytes);
  out.set(meta, bytes.length);
  return out;
}

/**
 * The extension after the tie-break table (this project's; the original's engine stops reading
 * before it): "TVMMETA2", a u32 length, then UTF-8 JSON of `ModelInfo` (head labels, provenance
 * such as the program hash of a specialized model). Its magic is the file's position-encoding
 * version: "TVMMETA2" = the centred encoding (slots 0–3: p, inv_log_pos, (p − C)², p − C), always
 * written. Files without it (the original's, whose slot 2 is p²) or with "TVMMETA1" (this
 * project's before the centred encoding) are refused by name (docs/model-formats.md).
 */
const META_MAGIC = 'TVMMETA2';
const OLD_META_MAGIC = 'TVMMETA1';

/** Number of residual slots the position encoding takes (slots 0…n−1). */
const POSITION_SLOT_COUNT = Object.keys(POSITION_SLOTS).length;

/** The refusal of a file written with the former position encoding (slot 2 = p²). */
export function oldEncoding(why: string): StageError {
  return new StageError(
    'model',
    `model file with the former position encoding (${why}): its slot 2 holds p², this project's models hold (p − C)² and p − C in slots 2–3 since position encoding 2 (docs/model-formats.md); rebuild the model with this version`,
  );
}

function metadataExtension(info: ModelInfo | undefined): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ headLabels: info?.headLabels, provenance: info?.provenance }));
  const out = new Uint8Array(12 + json.length);
  out.set(new TextEncoder().encode(META_MAGIC));
  new DataView(out.buffer).setInt32(8, json.length, true);
  out.set(json, 12);
  return out;
}

function readMetadataExtension(bytes: Uint8Array, off: number): ModelInfo {
  const left = bytes.length - off;
  if (left === 0) throw oldEncoding('no metadata extension after the tie-break table');
  const magic = left >= 8 ? new TextDecoder().decode(bytes.subarray(off, off + 8)) : '';
  if (magic === OLD_META_MAGIC) throw oldEncoding(`metadata extension ${OLD_META_MAGIC}`);
  if (left < 12 || magic !== META_MAGIC) bad(`${left} unexpected bytes after the end of the model`, off);
  const n = new DataView(bytes.buffer, bytes.byteOffset + off + 8, 4).getInt32(0, true);
  if (n !== left - 12) bad(`metadata length ${n} does not match the ${left - 12} bytes left`, off + 8);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(off + 12)));
  } catch {
    bad('metadata is not valid UTF-8 JSON', off + 12);
  }
  const o = parsed as { headLabels?: unknown; provenance?: unknown };
  const info: ModelInfo = {};
  if (o && typeof o === 'object') {
    if (Array.isArray(o.headLabels) && o.headLabels.every((l) => Array.isArray(l) && l.every((x) => x === null || typeof x === 'string'))) {
      info.headLabels = o.headLabels as (string | null)[][];
    }
    if (o.provenance && typeof o.provenance === 'object' && Object.values(o.provenance).every((v) => typeof v === 'string')) {
      info.provenance = o.provenance as Record<string, string>;
    }
  }
  return info;
}
