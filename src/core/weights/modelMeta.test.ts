import { describe, expect, it } from 'vitest';
import { buildModel } from './buildModel.ts';
import { machineFingerprint } from './fingerprint.ts';
import { builtModelFile } from './modelMeta.ts';

describe('model metadata', () => {
  it("records each lookup's layer in the model's schedule: the layer whose heads the weights give it", () => {
    const built = buildModel({ kind: 'universal' });
    const { meta } = builtModelFile(built, machineFingerprint(built.machine), {});
    const layers = meta.lookupLayers!;
    expect(Object.keys(layers).sort()).toEqual(built.machine.graph.lookups.map((lu) => lu.name).sort());
    for (const [name, layer] of Object.entries(layers)) {
      expect(layer).toBeGreaterThanOrEqual(0);
      expect(layer).toBeLessThan(meta.shape.L);
      expect(meta.headLabels[layer].some((label) => label === name || label?.startsWith(`${name} (`)), name).toBe(true);
    }
  });
});
