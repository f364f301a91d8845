import { describe, expect, it } from 'vitest';
import { StageError } from '../errors.ts';
import { digitMixerModel, randomModel } from '../infer/syntheticModels.ts';
import { readBinModel, writeBinModel, type Model } from './binFile.ts';

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StageError);
    expect((e as StageError).stage).toBe('model');
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

/** First differing byte, for a readable failure. */
function firstDiff(a: Uint8Array, b: Uint8Array): string | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `byte ${i}: ${a[i]} vs ${b[i]}`;
  return a.length === b.length ? null : `lengths ${a.length} vs ${b.length}`;
}

function expectSameModel(a: Model, b: Model): void {
  expect(b.vocab).toEqual(a.vocab);
  expect([b.V, b.D, b.L, b.H, b.F, b.stopToken]).toEqual([a.V, a.D, a.L, a.H, a.F, a.stopToken]);
  const same = (x: Float64Array, y: Float64Array, what: string) => {
    const i = x.findIndex((v, j) => !Object.is(v, y[j]));
    expect(i, `${what}[${i}]: ${x[i]} vs ${y[i]}`).toBe(-1);
    expect(y.length).toBe(x.length);
  };
  same(a.embed, b.embed, 'embed');
  same(a.unembed, b.unembed, 'unembed');
  a.layers.forEach((ly, l) => {
    same(ly.attnIn, b.layers[l].attnIn, `layer ${l} attnIn`);
    same(ly.attnOut, b.layers[l].attnOut, `layer ${l} attnOut`);
    same(ly.ffnIn, b.layers[l].ffnIn, `layer ${l} ffnIn`);
    same(ly.ffnOut, b.layers[l].ffnOut, `layer ${l} ffnOut`);
  });
  expect(b.erase).toEqual(a.erase);
  expect(b.tieBreak ? [...b.tieBreak] : null).toEqual(a.tieBreak ? [...a.tieBreak] : null);
}

describe('.bin model files', () => {
  const model = digitMixerModel();
  model.erase![1] = { attention: [5, 6], ffn: [9] };
  // Values whose bits matter: negative zero, subnormals, huge and irrational numbers.
  model.layers[0].attnIn[7] = -0;
  model.layers[0].attnIn[8] = 5e-324;
  model.layers[1].ffnOut[3] = -1e300;
  model.unembed[1] = Math.PI;
  // No labels or provenance: the metadata extension is the position-encoding marker alone.
  delete model.info;
  const bytes = writeBinModel(model);
  /** "TVMMETA2", length 2, "{}" (docs/model-formats.md). */
  const EXT = 14;
  const trailerStart = bytes.length - EXT - (4 + 8 * model.L + 12 + 4 + 4 * model.L * model.H);

  it('round-trips bit-exactly', () => {
    const back = readBinModel(bytes);
    expectSameModel(model, back);
    expect(firstDiff(writeBinModel(back), bytes)).toBeNull();
    const r = randomModel(3, 11, 6, 3, 4);
    expect(firstDiff(writeBinModel(readBinModel(writeBinModel(r))), writeBinModel(r))).toBeNull();
  });

  it('has the documented size', () => {
    const { V, D, L, F } = model;
    const strings = model.vocab.reduce((a, s) => a + 4 + s.length, 0);
    const trailer = 4 + 8 * L + 4 * 3 + 4 + 4 * L * (D / 2);
    expect(bytes.length).toBe(24 + strings + 8 * (2 * V * D + L * (4 * D * D + 3 * F * D)) + trailer + EXT);
    expect(new TextDecoder().decode(bytes.subarray(bytes.length - EXT))).toBe('TVMMETA2\x02\x00\x00\x00{}');
  });

  it('refuses every truncation with the offset', () => {
    for (let n = 0; n < bytes.length; n += n < 200 ? 1 : 997) {
      const cut = bytes.subarray(0, n);
      if (n === trailerStart || n === bytes.length - EXT) continue; // the former encoding's forms, below
      expect(refusal(() => readBinModel(cut))).toMatch(/truncated|cannot fit|offset \d+/);
    }
    expect(refusal(() => readBinModel(bytes.subarray(0, bytes.length - EXT - 1)))).toMatch(/truncated: tie-break .* at offset \d+/);
    expect(refusal(() => readBinModel(bytes.subarray(0, bytes.length - 1)))).toMatch(/metadata length 2 does not match the 1 bytes left/);
    const beforeTieBreakFlag = bytes.length - EXT - 4 - 4 * model.L * model.H;
    expect(refusal(() => readBinModel(bytes.subarray(0, beforeTieBreakFlag)))).toMatch(/truncated: has_tiebreak flag needs 4 bytes, 0 remain/);
  });

  it("refuses the former position encoding (the original's files, and this project's TVMMETA1) by name", () => {
    const former = /model file with the former position encoding \((.*)\): its slot 2 holds p², .* rebuild the model/;
    expect(refusal(() => readBinModel(bytes.subarray(0, trailerStart)))).toMatch(former);
    expect(refusal(() => readBinModel(bytes.subarray(0, trailerStart)))).toMatch(/ends after the unembedding/);
    expect(refusal(() => readBinModel(bytes.subarray(0, bytes.length - EXT)))).toMatch(/no metadata extension after the tie-break table/);
    const v1 = bytes.slice();
    v1[bytes.length - EXT + 7] = '1'.charCodeAt(0);
    expect(refusal(() => readBinModel(v1))).toMatch(former);
    expect(refusal(() => readBinModel(v1))).toMatch(/metadata extension TVMMETA1/);
  });

  it('refuses absurd headers without allocating', () => {
    const patch = (at: number, v: number) => {
      const b = bytes.slice();
      new DataView(b.buffer).setInt32(at, v, true);
      return b;
    };
    expect(refusal(() => readBinModel(patch(0, 0x7fffffff)))).toMatch(/vocabulary size 2147483647 cannot fit .* at offset 0/);
    expect(refusal(() => readBinModel(patch(4, 0x7ffffffe)))).toMatch(/head count 9 is not d_model\/2/);
    expect(refusal(() => readBinModel(patch(4, 15)))).toMatch(/d_model 15 is not a positive even number at offset 4/);
    expect(refusal(() => readBinModel(patch(8, 1 << 30)))).toMatch(/weights of a .* model need \d+ bytes/);
    expect(refusal(() => readBinModel(patch(16, -1)))).toMatch(/d_ffn -1 < 0 at offset 16/);
    expect(refusal(() => readBinModel(patch(20, 12)))).toMatch(/stop token id 12 outside 0…11 at offset 20/);
    expect(refusal(() => readBinModel(patch(24, 0xffff)))).toMatch(/truncated: token 0 \(65535 bytes\)/);
  });

  it('refuses corrupted contents', () => {
    const b = bytes.slice();
    b[28] = '1'.charCodeAt(0); // token 0 "0" becomes "1", a repeat of token 1
    expect(refusal(() => readBinModel(b))).toMatch(/token 1 "1" repeats token 0 at offset 29/);
    const c = bytes.slice();
    c[28] = 0xff;
    expect(refusal(() => readBinModel(c))).toMatch(/token 0 is not valid UTF-8 at offset 28/);
    const extra = new Uint8Array(bytes.length + 3);
    extra.set(bytes);
    expect(refusal(() => readBinModel(extra))).toMatch(/metadata length 2 does not match the 5 bytes left/);
    const magic = bytes.slice();
    magic[bytes.length - EXT] = 'X'.charCodeAt(0);
    expect(refusal(() => readBinModel(magic))).toMatch(/14 unexpected bytes after the end of the model/);
    const flag = bytes.slice();
    const at = trailerStart;
    new DataView(flag.buffer).setInt32(at, 7, true);
    expect(refusal(() => readBinModel(flag))).toMatch(new RegExp(`has_erase flag is 7, not 0 or 1 at offset ${at}`));
    const tb = bytes.slice();
    new DataView(tb.buffer).setInt32(bytes.length - EXT - 4, 2, true);
    expect(refusal(() => readBinModel(tb))).toMatch(/tie-break of layer 1 head 8 is 2/);
    const slot = bytes.slice();
    new DataView(slot.buffer).setInt32(at + 16, 99, true);
    expect(refusal(() => readBinModel(slot))).toMatch(/erase slot 99 outside/);
  });

  it('refuses to write an inconsistent model', () => {
    const m = digitMixerModel();
    m.layers[1].ffnIn = new Float64Array(3);
    expect(refusal(() => writeBinModel(m))).toMatch(/layer 1 FFN input has 3 entries/);
  });
});

describe('metadata extension', () => {
  it('carries head labels and provenance through .bin, and the core accepts it', async () => {
    const { buildModel } = await import('./buildModel.ts');
    const { model } = buildModel({ kind: 'universal' });
    model.info = { ...model.info, provenance: { kind: 'universal', tool: 'transformer-vm-playground' } };
    const bytes = writeBinModel(model);
    const back = readBinModel(bytes);
    expect(back.info?.provenance).toEqual({ kind: 'universal', tool: 'transformer-vm-playground' });
    expect(back.info?.headLabels?.[0]?.length).toBe(model.H);
    const { nodeWasmEngine } = await import('../infer/wasmEngine.node.ts');
    const engine = await nodeWasmEngine();
    expect(engine.loadBytes(bytes)).toBeGreaterThan(0);
    // A damaged extension is refused by both readers.
    const bad = bytes.slice();
    bad[bad.length - 3] ^= 0xff;
    const truncated = bytes.slice(0, bytes.length - 2);
    expect(() => readBinModel(truncated)).toThrow(/metadata length/);
    expect(() => engine.loadBytes(truncated)).toThrow(/metadata length/);
    expect(() => readBinModel(bad)).toThrow(/metadata/);
  });
});
