import { describe, expect, it } from 'vitest';
import { readBinModel } from '../../core/weights/binFile.ts';
import { buildModel } from '../../core/weights/buildModel.ts';
import { machineFingerprint } from '../../core/weights/fingerprint.ts';
import { readSafetensors } from '../../core/weights/safetensors.ts';
import { builtModelFile, scheduleNote } from '../../core/weights/modelMeta.ts';
import { binFile, metadataFile, metaWith, modelFileStem, modelFromFile, safetensorsFile } from './modelFiles.ts';

describe('model downloads', () => {
  const built = buildModel({ kind: 'universal' });
  const { bin, meta } = builtModelFile(built, machineFingerprint(built.machine), { built: 'test' });

  it('the built .bin carries head labels and provenance, and its size is in the metadata', () => {
    const m = readBinModel(bin);
    expect(meta.bytes).toBe(bin.length);
    expect(m.info?.headLabels).toEqual(meta.headLabels);
    expect(m.info?.provenance).toMatchObject({ kind: 'universal', fingerprint: meta.fingerprint, schedule: 'greedy heuristic', built: 'test' });
    expect(modelFileStem(meta)).toBe('transformer-vm-universal');
  });

  it('.bin and .safetensors downloads parse back to the same weights with the extra provenance', () => {
    const extra = metaWith(meta, { verifiedTokens: '1320' });
    const a = readBinModel(binFile(bin, extra));
    const b = readSafetensors(safetensorsFile(bin, extra));
    const base = readBinModel(bin);
    for (const m of [a, b]) {
      expect(m.info?.provenance?.verifiedTokens).toBe('1320');
      expect(m.vocab).toEqual(base.vocab);
      expect(m.layers[2].attnIn).toEqual(base.layers[2].attnIn);
      expect(m.tieBreak).toEqual(base.tieBreak);
    }
  });

  it('the metadata JSON holds vocabulary, tie-breaks, head labels and shape', () => {
    const j = JSON.parse(metadataFile(bin, meta));
    const m = readBinModel(bin);
    expect(j.vocab).toEqual(m.vocab);
    expect(j.shape).toEqual({ vocab: m.V, d_model: m.D, layers: m.L, heads: m.H, d_ffn: m.F });
    expect(j.tie_break.flat().filter((t: string) => t === 'latest').length).toBe([...m.tieBreak!].filter((v) => v === 1).length);
    expect(j.head_labels).toEqual(meta.headLabels);
    expect(j.stop_token_name).toBe('halt');
  });
});

describe('a model file chosen from disk', () => {
  const built = buildModel({ kind: 'universal' });
  const { bin, meta } = builtModelFile(built, machineFingerprint(built.machine), { built: 'test' });

  it('a compact .safetensors reads back to the same weights, kind, schedule and labels', () => {
    const compact = safetensorsFile(bin, meta, { compact: true });
    const loaded = modelFromFile(compact, 'm.compact.safetensors');
    expect(loaded.meta.kind).toBe('universal');
    expect(loaded.meta.shape).toEqual(meta.shape);
    expect(loaded.meta.schedule).toMatchObject({ method: meta.schedule.method, status: meta.schedule.status });
    expect(loaded.meta.headLabels).toEqual(meta.headLabels);
    expect(loaded.meta.provenance.loadedFrom).toBe('m.compact.safetensors');
    const a = readBinModel(loaded.bytes);
    const b = readBinModel(bin);
    for (let l = 0; l < b.L; l++) expect(a.layers[l].ffnIn).toEqual(b.layers[l].ffnIn);
    expect(a.unembed).toEqual(b.unembed);
  });

  it('a truncated or foreign file is refused with what is wrong', () => {
    expect(() => modelFromFile(bin.subarray(0, bin.length - 100), 'cut.bin')).toThrow(/malformed model file/);
    expect(() => modelFromFile(new TextEncoder().encode('int main(void) { return 0; }\n'), 'prog.c')).toThrow(/malformed|model/);
  });
});

describe('how far from optimal a schedule is', () => {
  it('says optimal, the proven gap, or that greedy has no bound', () => {
    expect(scheduleNote({ method: 'milp', status: 'optimal', layers: 7, solveMs: 5400 }, 38)).toMatch(/optimal in 5.4 s: d_model 38 is the smallest/);
    expect(scheduleNote({ method: 'milp', status: 'time-limit', layers: 8, dModelLowerBound: 40 }, 44)).toMatch(/optimum ≥ 40 \(at most 10.0% wider/);
    expect(scheduleNote({ method: 'milp', status: 'time-limit', layers: 8 }, 68)).toMatch(/no lower bound proven/);
    expect(scheduleNote({ method: 'greedy', status: 'heuristic', layers: 8 }, 68)).toMatch(/no optimality bound/);
  });
});
