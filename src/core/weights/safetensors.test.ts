import { describe, expect, it } from 'vitest';
import { StageError } from '../errors.ts';
import { digitMixerModel } from '../infer/syntheticModels.ts';
import { writeBinModel } from './binFile.ts';
import { compiledExample } from '../../testing/compiledExamples.ts';
import { buildSpecializedModel } from './buildModel.ts';
import { isSafetensors, readSafetensors, writeSafetensors } from './safetensors.ts';

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StageError);
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

function header(bytes: Uint8Array): Record<string, unknown> {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
}

function withHeader(bytes: Uint8Array, edit: (h: Record<string, unknown>) => void): Uint8Array {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const h = header(bytes);
  edit(h);
  const json = new TextEncoder().encode(JSON.stringify(h));
  const out = new Uint8Array(8 + json.length + bytes.length - 8 - n);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(bytes.subarray(8 + n), 8 + json.length);
  return out;
}

describe('safetensors export', () => {
  const model = digitMixerModel(1234);
  model.unembed[5] = -0;
  const bytes = writeSafetensors(model);

  it('round-trips bit-exactly, metadata included', () => {
    const back = readSafetensors(bytes);
    expect(writeSafetensors(back)).toEqual(bytes);
    expect(writeBinModel(back)).toEqual(writeBinModel(model));
    expect(back.info).toEqual(model.info);
    expect(Object.is(back.unembed[5], -0)).toBe(true);
  });

  it('names the tensors and describes the model in __metadata__', () => {
    const h = header(bytes);
    expect(Object.keys(h)).toEqual([
      '__metadata__',
      'embed',
      'layers.0.attn.in_proj',
      'layers.0.attn.out_proj',
      'layers.0.ffn.in_proj',
      'layers.0.ffn.out_proj',
      'layers.1.attn.in_proj',
      'layers.1.attn.out_proj',
      'layers.1.ffn.in_proj',
      'layers.1.ffn.out_proj',
      'unembed',
    ]);
    expect(h['layers.1.ffn.in_proj']).toEqual({ dtype: 'F64', shape: [14, 18], data_offsets: [expect.any(Number), expect.any(Number)] });
    const meta = h.__metadata__ as Record<string, string>;
    expect(Object.values(meta).every((v) => typeof v === 'string')).toBe(true);
    expect(JSON.parse(meta.dims)).toEqual({ vocab: 12, d_model: 18, layers: 2, heads: 9, d_ffn: 7 });
    expect(meta.format_version).toBe('2');
    expect(meta.position_center).toBe('94906265');
    expect(meta.stop_token_name).toBe('halt');
    expect(JSON.parse(meta.tie_break)[0].slice(0, 3)).toEqual(['latest', 'latest', 'average']);
    expect(JSON.parse(meta.head_labels)[1][0]).toBe('found');
    expect((8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))) % 8).toBe(0);
  });

  it('refuses truncated and corrupted files', () => {
    for (const n of [0, 7, 8, 100, bytes.length - 1]) expect(refusal(() => readSafetensors(bytes.subarray(0, n)))).toMatch(/malformed safetensors/);
    expect(refusal(() => readSafetensors(bytes.subarray(0, bytes.length - 8)))).toMatch(/truncated: tensor unembed ends at data offset/);
    const edited = (edit: (h: Record<string, Record<string, unknown>>) => void) =>
      refusal(() => readSafetensors(withHeader(bytes, (h) => edit(h as Record<string, Record<string, unknown>>))));
    expect(edited((h) => (h.embed.dtype = 'F32'))).toMatch(/embed has dtype F32/);
    expect(edited((h) => (h.unembed.shape = [12, 15]))).toMatch(/unembed has shape \[12,15\]/);
    expect(edited((h) => delete h['layers.1.attn.out_proj'])).toMatch(/layers.1.attn.out_proj is missing/);
    expect(edited((h) => (h.__metadata__.vocab = '['))).toMatch(/vocab is not valid JSON/);
    expect(edited((h) => (h.__metadata__.format = 'other'))).toMatch(/format is "other"/);
    expect(edited((h) => (h.__metadata__.format_version = '1'))).toMatch(/former position encoding \(safetensors format_version 1\): its slot 2 holds p²/);
    expect(edited((h) => (h.__metadata__.format_version = '3'))).toMatch(/format_version is "3", expected "2"/);
    const big = bytes.slice();
    new DataView(big.buffer).setBigUint64(0, 1n << 60n, true);
    expect(refusal(() => readSafetensors(big))).toMatch(/header length \d+ at offset 0 exceeds/);
  });

  it('compact form: sparse matrices as indices + values, read back bit for bit (−0 kept)', () => {
    const compact = writeSafetensors(model, { compact: true });
    expect(isSafetensors(compact)).toBe(true);
    const back = readSafetensors(compact);
    expect(writeBinModel(back)).toEqual(writeBinModel(model));
    expect(Object.is(back.unembed[5], -0)).toBe(true);
    const h = header(compact);
    const sparse = JSON.parse((h.__metadata__ as Record<string, string>).sparse) as Record<string, number[]>;
    for (const name of Object.keys(sparse)) {
      expect(h[`${name}.indices`]).toMatchObject({ dtype: 'I32' });
      expect(h[`${name}.values`]).toMatchObject({ dtype: 'F64' });
      expect(h[name]).toBeUndefined();
    }
  });

  it('compact form: refuses indices out of order or out of range', () => {
    const compact = writeSafetensors(model, { compact: true });
    const h = header(compact);
    const name = Object.keys(JSON.parse((h.__metadata__ as Record<string, string>).sparse))[0];
    const e = h[`${name}.indices`] as { data_offsets: number[] };
    const bad = compact.slice();
    const at = 8 + Number(new DataView(compact.buffer).getBigUint64(0, true)) + e.data_offsets[0];
    new DataView(bad.buffer).setInt32(at, 1 << 30, true);
    expect(refusal(() => readSafetensors(bad))).toMatch(new RegExp(`${name.replace(/\./g, '\\.')}\\.indices\\[0\\] = 1073741824 is not ascending`));
  });
});

describe('compact form of a specialized model', () => {
  it('stores the instruction table sparse: far smaller than dense, read back exactly', async () => {
    const { program } = await compiledExample('hello');
    const { model } = buildSpecializedModel(program, {}, 'hello');
    const dense = writeSafetensors(model);
    const compact = writeSafetensors(model, { compact: true });
    console.log(`hello specialized (F ${model.F}): dense safetensors ${dense.length} bytes, compact ${compact.length} bytes`);
    expect(compact.length * 10).toBeLessThan(dense.length);
    expect(writeBinModel(readSafetensors(compact))).toEqual(writeBinModel(model));
  });
});
