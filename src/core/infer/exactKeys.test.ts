/**
 * The latest-write lookups keyed by depths and addresses (operand stack, locals, call stack,
 * memory) tell the newest write of a key from an older one only by the recency term 0.3·inv_log_pos,
 * which separates writes 15 positions apart by ~4.5·10⁻¹⁰ at 3.3·10⁷ positions: a key a few ulps
 * off its integer (a running sum computed as mean · position) is then enough to return the older
 * value, silently (a float program diverged from the reference there). So every query of those
 * heads must be an exact integer (times the query scale) at every position
 * (docs/inference-core.md, "Exact integer keys"); the core's inspection shows each head's query.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledExample } from '../../testing/compiledExamples.ts';
import { promptFor } from '../run/specializedModel.ts';
import type { Model } from '../weights/binFile.ts';
import { buildModel, buildSpecializedModel } from '../weights/buildModel.ts';
import { QUERY_SCALE } from '../weights/construct.ts';
import type { WasmEngine } from './wasmEngine.ts';
import { nodeWasmEngine } from './wasmEngine.node.ts';
import { tokenIds } from './vocabulary.ts';

const KEYED_BY_DEPTH_OR_ADDRESS = /^(stack_top|stack_second|stack_third|local_read|call_stack|memory_read)\b/;

let wasm: WasmEngine;
beforeAll(async () => {
  wasm = await nodeWasmEngine();
});

/** Inspects every position from the prompt's end for `tokens` tokens; returns the non-integer queries found. */
function nonIntegerQueries(model: Model, prompt: string[], tokens: number): string[] {
  const labels = model.info?.headLabels;
  if (!labels) throw new Error('the model has no head labels');
  const session = wasm.createSession(model, { attention: 'fast' });
  const bad: string[] = [];
  let checked = 0;
  try {
    session.feed(tokenIds(model, prompt));
    for (let k = 0; k < tokens; k++) {
      const pos = session.position;
      session.inspectAt(pos);
      if (session.generate(1).stopped) break;
      const ins = session.takeInspection()!;
      ins.layers.forEach((layer, l) =>
        layer.heads.forEach((h) => {
          const label = labels[l]?.[h.head];
          if (!label || !KEYED_BY_DEPTH_OR_ADDRESS.test(label)) return;
          checked++;
          const q = h.query[0] / QUERY_SCALE;
          if (!Number.isInteger(q) && bad.length < 5) bad.push(`position ${pos}, ${label}: query ${q}`);
        }),
      );
    }
  } finally {
    session.dispose();
  }
  expect(checked).toBeGreaterThan(tokens);
  return bad;
}

describe('queries of latest-write lookups keyed by depths and addresses are exact integers', () => {
  it('universal model, a recursive program (calls, locals, the operand stack)', async () => {
    const ex = await compiledExample('recursion');
    const model = buildModel({ kind: 'universal' }).model;
    expect(nonIntegerQueries(model, promptFor(model, ex.program, ex.input), 6000)).toEqual([]);
  });

  it('specialized model, the same program', async () => {
    const ex = await compiledExample('recursion');
    const model = buildSpecializedModel(ex.program, {}, 'recursion').model;
    expect(nonIntegerQueries(model, promptFor(model, ex.program, ex.input), 6000)).toEqual([]);
  });
});
