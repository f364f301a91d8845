import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmEngine } from '../../infer/wasmEngine.node.ts';
import type { WasmEngine } from '../../infer/wasmEngine.ts';
import { buildMachine } from '../../machine/buildMachine.ts';
import { handPrograms } from '../../machine/testing/handPrograms.ts';
import { buildModel } from '../../weights/buildModel.ts';
import type { Model } from '../../weights/binFile.ts';
import { TraceIds } from './traceIds.ts';
import { GraphReplay } from './graphReplay.ts';
import { TransformerReplay } from './transformerReplay.ts';

const machine = buildMachine();
const h = handPrograms().find((x) => x.name === 'echo_and_call')!;
let model: Model;
let engine: WasmEngine;

beforeAll(async () => {
  model = buildModel({ kind: 'universal' }).model;
  engine = await nodeWasmEngine();
});

describe('transformer replay', () => {
  it('each labelled head attends where the graph evaluator says its lookup does, forward and back', () => {
    const trace = () => new TraceIds(h.program, h.input!, machine.vocabulary, 1 << 30);
    const t = new TransformerReplay(model, (m) => engine.createSession(m, { attention: 'fast' }), machine.vocabulary, trace());
    const g = new GraphReplay(machine, trace());
    const last = 5 * h.program.instructions.length + 2 + 900;
    for (const p of [last, 5 * h.program.instructions.length + 40, last - 3]) {
      let v;
      while ((v = t.advance(p, Infinity)) === 'running');
      expect(v).not.toBe('end');
      if (v === 'end') return;
      expect(v.position).toBe(p);
      while (g.advance(p, Infinity) === 'running');
      const lookups = new Map(g.viewAt(p).lookups.map((l) => [l.name, l]));
      let compared = 0;
      v.layers.forEach((heads, li) => heads.forEach((hd) => {
        const name = hd.label?.replace(/ \(.*\)$/, '');
        const l = name ? lookups.get(name) : undefined;
        if (!l || hd.kind === 'unused' || hd.lastPosition < 0) return;
        expect(hd.lastPosition, `layer ${li} head ${hd.head} (${hd.label}) at token ${p}`).toBe(l.winner);
        compared++;
      }));
      expect(compared).toBeGreaterThan(15);
      expect(v.prediction).toBe(g.viewAt(p).prediction);
    }
    t.dispose();
  });
});
