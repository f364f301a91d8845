import { StageError } from '../errors.ts';
import type { Model } from '../weights/binFile.ts';

const indexCache = new WeakMap<Model, Map<string, number>>();

function index(model: Model): Map<string, number> {
  let m = indexCache.get(model);
  if (!m) {
    m = new Map(model.vocab.map((s, i) => [s, i]));
    indexCache.set(model, m);
  }
  return m;
}

/** Token strings → ids; an unknown token is refused with its index and spelling. */
export function tokenIds(model: Model, tokens: readonly string[]): number[] {
  const m = index(model);
  return tokens.map((t, i) => {
    const id = m.get(t);
    if (id === undefined) throw new StageError('inference', `unknown token ${JSON.stringify(t)} at index ${i}: not in the model's vocabulary of ${model.V} tokens`);
    return id;
  });
}

/** Checks engine input ids (integers inside the vocabulary). */
export function checkTokenIds(model: Model, ids: ArrayLike<number>): void {
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i];
    if (!Number.isInteger(t) || t < 0 || t >= model.V) {
      throw new StageError('inference', `token id ${t} at index ${i} is outside the vocabulary (0…${model.V - 1})`);
    }
  }
}
