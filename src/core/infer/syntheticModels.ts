import type { Model } from '../weights/binFile.ts';
import { seededRandom } from '../testing/seededRandom.ts';
import { QUERY_SCALE } from '../weights/construct.ts';
import { POSITION_CENTER, POSITION_SLOTS } from '../weights/positionSlots.ts';

/**
 * Small hand-built models for engine tests and the benchmark, made of the same head kinds as the
 * machine's models: position-keyed "previous token" lookups, a cumulative-average head,
 * passthrough heads, a value-keyed "latest" lookup, ReGLU step functions, a stop token.
 */

const S = QUERY_SCALE;
const C = POSITION_CENTER;

/** Zero-initialised model with the given shape. */
function emptyModel(vocab: string[], D: number, L: number, F: number, stopToken: number): Model {
  const V = vocab.length;
  return {
    vocab,
    V,
    D,
    L,
    H: D / 2,
    F,
    stopToken,
    embed: new Float64Array(V * D),
    layers: Array.from({ length: L }, () => ({
      attnIn: new Float64Array(3 * D * D),
      attnOut: new Float64Array(D * D),
      ffnIn: new Float64Array(2 * F * D),
      ffnOut: new Float64Array(D * F),
    })),
    unembed: new Float64Array(V * D),
    erase: Array.from({ length: L }, () => ({ attention: [], ffn: [] })),
    tieBreak: new Uint8Array(L * (D / 2)),
  };
}

/** Slot numbers of the digit-mixer model: the position encoding's, then the model's own. */
const { position: POS, invLogPos: ILP, centeredSq: CSQ, centered: CENT } = POSITION_SLOTS;
const ONE = 4, VALUE = 5, PREV = 6, PREV2 = 7, AVG = 8, CUR = 9, SUM = 10;
const FOUND = 11, NEXT = 12, HALT = 13, AVG_POS = 14, VALUE_SQ = 15, SUM_COPY = 16;

/**
 * The digit mixer: vocabulary `0`…`9`, `halt`, `{` (the start token). With prev2, prev, cur the
 * last three digits, it emits (cur + prev + c) mod 10 where c is the digit that preceded the
 * latest occurrence of prev2, and emits `halt` once the running digit sum reaches `haltSum`
 * (about haltSum / 4.5 tokens). Layer 0: previous and second-previous token (position-keyed,
 * latest), running average of digits and positions (average), current digit via a passthrough
 * head, sum = position · average (one ReGLU). Layer 1: the value-keyed lookup (latest, reading a
 * slot written by layer 0), a passthrough head, mod 10 and the halt step as ReGLU steps.
 * D = 18 (9 heads per layer, most unused), F = 7.
 */
export function digitMixerModel(haltSum = 2000): Model {
  const vocab = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'halt', '{'];
  const D = 18, F = 7;
  const m = emptyModel(vocab, D, 2, F, 10);
  const e = (t: number, slot: number, v: number) => (m.embed[t * D + slot] = v);
  for (let d = 0; d <= 9; d++) {
    e(d, ONE, 1);
    e(d, VALUE, d);
    e(d, VALUE_SQ, d * d);
  }
  e(10, ONE, 1);
  // `{` (id 11) embeds all zero: its `one` is 0, so it is every lookup's "nothing found" default.

  const [l0, l1] = m.layers;
  const q = (ly: typeof l0, h: number, c: number, slot: number, v: number) => (ly.attnIn[(2 * h + c) * D + slot] = v);
  const k = (ly: typeof l0, h: number, c: number, slot: number, v: number) => (ly.attnIn[(D + 2 * h + c) * D + slot] = v);
  const val = (ly: typeof l0, h: number, c: number, slot: number, v: number) => (ly.attnIn[(2 * D + 2 * h + c) * D + slot] = v);
  const out = (ly: typeof l0, h: number, c: number, slot: number, v = 1) => (ly.attnOut[slot * D + 2 * h + c] = v);
  // The machine's position key (2(p − C), −(p − C)² + 0.3·inv_log_pos); its queries are centred (− C·one).
  const positionKey = (ly: typeof l0, h: number) => {
    k(ly, h, 0, CENT, 2);
    k(ly, h, 1, CSQ, -1);
    k(ly, h, 1, ILP, 0.3);
  };
  const latest = (l: number, h: number) => (m.tieBreak![l * (D / 2) + h] = 1);

  // Layer 0, head 0: previous digit (query position − 1, key position).
  q(l0, 0, 0, POS, S);
  q(l0, 0, 0, ONE, -(1 + C) * S);
  q(l0, 0, 1, ONE, S);
  positionKey(l0, 0);
  val(l0, 0, 0, VALUE, 1);
  out(l0, 0, 0, PREV);
  latest(0, 0);
  // Head 1: second-previous digit.
  q(l0, 1, 0, POS, S);
  q(l0, 1, 0, ONE, -(2 + C) * S);
  q(l0, 1, 1, ONE, S);
  positionKey(l0, 1);
  val(l0, 1, 0, VALUE, 1);
  out(l0, 1, 0, PREV2);
  latest(0, 1);
  // Head 2: running average of digits and of positions (key (0, one), query (0, one)).
  q(l0, 2, 1, ONE, S);
  k(l0, 2, 1, ONE, 1);
  val(l0, 2, 0, VALUE, 1);
  val(l0, 2, 1, POS, 1);
  out(l0, 2, 0, AVG);
  out(l0, 2, 1, AVG_POS);
  // Head 3: passthrough of the current digit (query (position, one), key (2·position, one)).
  q(l0, 3, 0, POS, S);
  q(l0, 3, 1, ONE, S);
  k(l0, 3, 0, POS, 2);
  k(l0, 3, 1, ONE, 1);
  val(l0, 3, 0, VALUE, 1);
  out(l0, 3, 0, CUR);
  // FFN 0: sum = relu(position) · average.
  l0.ffnIn[0 * D + POS] = 1;
  l0.ffnIn[(F + 0) * D + AVG] = 1;
  l0.ffnOut[SUM * F + 0] = 1;

  // Layer 1, head 0: latest position whose digit equals prev2; returns the digit before it.
  q(l1, 0, 0, PREV2, S);
  q(l1, 0, 1, ONE, S);
  k(l1, 0, 0, VALUE, 2);
  k(l1, 0, 1, VALUE_SQ, -1);
  k(l1, 0, 1, ILP, 0.3);
  val(l1, 0, 0, PREV, 1);
  out(l1, 0, 0, FOUND);
  latest(1, 0);
  // Head 1: passthrough of two slots written by layer 0.
  q(l1, 1, 0, POS, S);
  q(l1, 1, 1, ONE, S);
  k(l1, 1, 0, POS, 2);
  k(l1, 1, 1, ONE, 1);
  val(l1, 1, 0, SUM, 1);
  val(l1, 1, 1, CUR, 1);
  out(l1, 1, 0, SUM_COPY);
  out(l1, 1, 1, SUM_COPY, 0.5);
  // FFN 1: s = cur + prev + found; next = s − 10·[s ≥ 10] − 10·[s ≥ 20]; halt = [sum ≥ haltSum].
  const gate = (j: number, terms: [number, number][]) => terms.forEach(([slot, v]) => (l1.ffnIn[j * D + slot] = v));
  const value = (j: number, terms: [number, number][]) => terms.forEach(([slot, v]) => (l1.ffnIn[(F + j) * D + slot] = v));
  const s: [number, number][] = [[CUR, 1], [PREV, 1], [FOUND, 1]];
  [9, 10, 19, 20].forEach((c, j) => {
    gate(j, [...s, [ONE, -c]]);
    value(j, [[ONE, 1]]);
    l1.ffnOut[NEXT * F + j] = j % 2 === 0 ? -10 : 10;
  });
  gate(4, [[ONE, 1]]);
  value(4, s);
  l1.ffnOut[NEXT * F + 4] = 1;
  gate(5, [[SUM, 1], [ONE, 1 - haltSum]]);
  gate(6, [[SUM, 1], [ONE, -haltSum]]);
  value(5, [[ONE, 1]]);
  value(6, [[ONE, 1]]);
  l1.ffnOut[HALT * F + 5] = 1;
  l1.ffnOut[HALT * F + 6] = -1;

  // Unembedding: digit d scores 2d·next − d² (largest at d = next); halt scores ±500.
  for (let d = 0; d <= 9; d++) {
    m.unembed[d * D + NEXT] = 2 * d;
    m.unembed[d * D + ONE] = -d * d;
  }
  m.unembed[10 * D + HALT] = 1000;
  m.unembed[10 * D + ONE] = -500;
  m.info = {
    headLabels: [
      ['prev', 'prev2', 'avg', 'cur', null, null, null, null, null],
      ['found', 'sum_copy', null, null, null, null, null, null, null],
    ],
    provenance: { tool: 'transformer-vm-playground', model: 'digit-mixer', halt_sum: String(haltSum) },
  };
  return m;
}

const rng = seededRandom;

/**
 * A random sparse model with small integer and binary-fraction weights (no structure): every
 * head goes through the general hull. For engine-vs-engine identity tests.
 */
export function randomModel(seed: number, V = 9, D = 8, L = 2, F = 5, density = 0.3): Model {
  const r = rng(seed);
  const vocab = Array.from({ length: V }, (_, i) => `t${String(i).padStart(2, '0')}`);
  const m = emptyModel(vocab, D, L, F, V - 1);
  const fill = (a: Float64Array, scale: number) => {
    for (let i = 0; i < a.length; i++) if (r() < density) a[i] = (Math.floor(r() * 9) - 4) * scale;
  };
  fill(m.embed, 1);
  for (let t = 0; t < V; t++) for (let s = 0; s < Object.keys(POSITION_SLOTS).length; s++) m.embed[t * D + s] = 0;
  for (const ly of m.layers) {
    fill(ly.attnIn, 0.5);
    fill(ly.attnOut, 0.25);
    fill(ly.ffnIn, 0.5);
    fill(ly.ffnOut, 0.125);
  }
  fill(m.unembed, 1);
  for (let i = 0; i < m.tieBreak!.length; i++) m.tieBreak![i] = r() < 0.5 ? 1 : 0;
  return m;
}

/**
 * Exercises every path of position-keyed heads: queries from above (qy > 0), from below
 * (qy < 0, the lower envelope), level (qy = 0, the aggregates), half-integer queries (exact or
 * recency-decided ties between neighbours), keys without the recency term, a non-power-of-two
 * key scale, and values from a per-token table, recomputed from the position, or stored. Token
 * features are random small integers; the unembedding is random, so the sequence is chaotic and
 * any difference between engines shows up in the tokens. No reachable stop token.
 */
export function positionProbeModel(seed: number): Model {
  const r = rng(seed);
  const V = 10;
  const vocab = Array.from({ length: V - 1 }, (_, i) => `p${i}`).concat('{');
  const D = 16, F = 1;
  const m = emptyModel(vocab, D, 2, F, V - 1);
  const R = 5, R2 = 6, CUR2 = 7;
  for (let t = 0; t < V - 1; t++) {
    m.embed[t * D + ONE] = 1;
    m.embed[t * D + R] = Math.floor(r() * 44) - 3;
    m.embed[t * D + R2] = Math.floor(r() * 10);
  }
  const [l0, l1] = m.layers;
  type Ly = typeof l0;
  const set = (ly: Ly, block: number, h: number, c: number, slot: number, v: number) => (ly.attnIn[(block * D + 2 * h + c) * D + slot] = v);
  const out = (ly: Ly, h: number, c: number, slot: number) => (ly.attnOut[slot * D + 2 * h + c] = 1);
  const latest = (l: number, h: number) => (m.tieBreak![l * (D / 2) + h] = 1);
  // Key (β(p − C), γ(p − C)² + δ·inv_log_pos); a query x·position + y·one … is centred by
  // adding 2γC/β per unit of the query's y (the optimum of the uncentred key stays put).
  const positionKey = (h: number, beta = 2, gamma = -1, delta = 0.3) => {
    set(l1, 1, h, 0, CENT, beta);
    set(l1, 1, h, 1, CSQ, gamma);
    if (delta) set(l1, 1, h, 1, ILP, delta);
  };
  // Layer 0, head 0: passthrough of R2, so slot CUR2 is written by a layer (stored values later).
  set(l0, 0, 0, 0, POS, S);
  set(l0, 0, 0, 1, ONE, S);
  set(l0, 1, 0, 0, POS, 2);
  set(l0, 1, 0, 1, ONE, 1);
  set(l0, 2, 0, 0, R2, 1);
  out(l0, 0, 0, CUR2);
  // h0: query position − R from above (R tokens back); values R2 + inv_log_pos (recomputed from the position) and R2.
  set(l1, 0, 0, 0, POS, S);
  set(l1, 0, 0, 0, R, -S);
  set(l1, 0, 0, 0, ONE, -C * S);
  set(l1, 0, 0, 1, ONE, S);
  positionKey(0);
  set(l1, 2, 0, 0, ILP, 1);
  set(l1, 2, 0, 0, R2, 1);
  set(l1, 2, 0, 1, R2, 1);
  out(l1, 0, 0, 8);
  out(l1, 0, 1, 9);
  latest(1, 0);
  // h1: query from below (qy < 0); stored values.
  set(l1, 0, 1, 0, R, S);
  set(l1, 0, 1, 0, ONE, C * S);
  set(l1, 0, 1, 1, ONE, -S);
  positionKey(1);
  set(l1, 2, 1, 0, CUR2, 1);
  out(l1, 1, 0, 10);
  // h2: level query (qy = 0): the largest / smallest key or the average of all.
  set(l1, 0, 2, 0, R, S);
  positionKey(2);
  set(l1, 2, 2, 0, CUR2, 1);
  set(l1, 2, 2, 1, ILP, 1);
  out(l1, 2, 0, 11);
  out(l1, 2, 1, 12);
  // h3: half-integer queries (neighbours differ only by the recency term); table values.
  set(l1, 0, 3, 0, POS, S);
  set(l1, 0, 3, 0, R, -S);
  set(l1, 0, 3, 0, ONE, (0.5 - C) * S);
  set(l1, 0, 3, 1, ONE, S);
  positionKey(3);
  set(l1, 2, 3, 0, R2, 1);
  out(l1, 3, 0, 13);
  latest(1, 3);
  // h4: unscaled half-integer queries on keys without the recency term: exact ties, averaged.
  set(l1, 0, 4, 0, POS, 1);
  set(l1, 0, 4, 0, R, -1);
  set(l1, 0, 4, 0, ONE, 0.5 - C);
  set(l1, 0, 4, 1, ONE, 1);
  positionKey(4, 2, -1, 0);
  set(l1, 2, 4, 0, R2, 1);
  set(l1, 2, 4, 0, ILP, 1);
  out(l1, 4, 0, 14);
  // h5: key scale 3 (not a power of two), optimum at 2(1.5·position − R)/3.
  set(l1, 0, 5, 0, POS, 1.5 * S);
  set(l1, 0, 5, 0, R, -S);
  set(l1, 0, 5, 0, ONE, -1.5 * C * S);
  set(l1, 0, 5, 1, ONE, S);
  positionKey(5, 3, -2.25, 0.5);
  set(l1, 2, 5, 0, R2, 1);
  out(l1, 5, 0, 15);
  latest(1, 5);
  // Decode z = Σ w·(head outputs): token t scores 2·c_t·z − c_t², i.e. the nearest centre c_t.
  const w = [R2, 8, 9, 10, 11, 12, 13, 14, 15].map((slot) => [slot, Math.floor(r() * 7) - 3]);
  for (let t = 0; t < V - 1; t++) {
    const c = -32 + 8 * t;
    for (const [slot, wj] of w) m.unembed[t * D + slot] = 2 * c * wj;
    m.unembed[t * D + ONE] = -c * c;
  }
  m.unembed[(V - 1) * D + ONE] = -1e9;
  return m;
}
