import { StageError } from '../errors.ts';
import type { Dim } from '../graph/dim.ts';
import type { Expr } from '../graph/expr.ts';
import type { Machine } from '../machine/buildMachine.ts';
import { layerOf, phaseInLayer } from '../schedule/phases.ts';
import type { ScheduleProblem, SchedOp } from '../schedule/problem.ts';
import { liveness, type Schedule } from '../schedule/schedule.ts';
import type { Model } from './binFile.ts';
import { POSITION_SLOTS } from './positionSlots.ts';
import { allocateSlots, type SlotAllocation } from './slots.ts';

/**
 * Query scale: hard attention (docs/original-design.md §8.3, where it is 1e10·√2). A power of two, so
 * that every score an engine computes is exactly 2³⁴ times the unscaled score the graph evaluator
 * computes (no product or sum rounds differently); with 1e10·√2 the position lookups' neighbours
 * tied from about 5.4·10⁷ positions on (docs/inference-core.md, "Sequence length").
 */
export const QUERY_SCALE = 2 ** 34;

interface Contribution {
  source: number;
  dest: number;
  weight: number;
}

interface LayerPlan {
  lookups: SchedOp[];
  persist1: SchedOp[];
  reglus: SchedOp[];
  persist2: SchedOp[];
}

/**
 * Graph + schedule → transformer weights (docs/original-design.md §8): slot allocation, lookup and passthrough
 * heads, FFN neurons, embedding, unembedding, tie-break table. All float64, exact by design.
 */
export function constructWeights(machine: Machine, problem: ScheduleProblem, schedule: Schedule): Model {
  const L = schedule.layers;
  const live = liveness(problem, schedule);
  const alloc = allocateSlots(problem, live, L);
  const { slot } = alloc;
  const plans: LayerPlan[] = Array.from({ length: L }, () => ({ lookups: [], persist1: [], reglus: [], persist2: [] }));
  for (const op of problem.ops) {
    const p = schedule.phase[op.index];
    const plan = plans[layerOf(p)];
    [plan.lookups, plan.persist1, plan.reglus, plan.persist2][phaseInLayer(p)].push(op);
  }

  // Per layer: passthrough contributions (attention, FFN) and head/neuron counts decide D, H, F.
  const attnPass: Contribution[][] = [];
  const ffnPass: Contribution[][] = [];
  const headOfLookupDim = new Map<Dim, number>();
  let maxHeads = 0;
  let F = 1;
  for (let l = 0; l < L; l++) {
    const plan = plans[l];
    let h = 0;
    for (const lu of plan.lookups) {
      lu.produces.forEach((d, i) => headOfLookupDim.set(d, 2 * (h + Math.floor(i / 2)) + (i % 2)));
      h += Math.ceil(lu.values / 2);
    }
    const ap: Contribution[] = [];
    for (const p of plan.persist1) {
      const dest = slot.get(p.produces[0]);
      if (dest === undefined) continue;
      for (const [d, w] of persistExpr(p).terms) {
        if (d.kind === 'lookup' && plan.lookups.includes(problem.producerOf.get(d)!)) continue;
        ap.push({ source: needSlot(slot, d, p), dest, weight: w });
      }
    }
    for (const s of alloc.erase.get(4 * l + 1) ?? []) ap.push({ source: s, dest: s, weight: -1 });
    attnPass.push(ap);
    maxHeads = Math.max(maxHeads, h + Math.ceil(distinctSources(ap).length / 2));

    const fp: Contribution[] = [];
    for (const p of plan.persist2) {
      const dest = slot.get(p.produces[0]);
      if (dest === undefined) continue;
      for (const [d, w] of persistExpr(p).terms) {
        if (d.kind === 'reglu' && plan.reglus.includes(problem.producerOf.get(d)!)) continue;
        fp.push({ source: needSlot(slot, d, p), dest, weight: w });
      }
    }
    for (const s of alloc.erase.get(4 * l + 3) ?? []) fp.push({ source: s, dest: s, weight: -1 });
    ffnPass.push(fp);
    F = Math.max(F, plan.reglus.length + distinctSources(fp).length);
  }
  let D = alloc.used + (alloc.used % 2);
  if (2 * maxHeads > D) D = 2 * maxHeads;
  const H = D / 2;

  const vec = (e: Expr, into: Float64Array, row: number, scale = 1): void => {
    for (const [d, c] of e.terms) {
      const s = slot.get(d);
      if (s === undefined) throw new StageError('weights', `dim '${d.name}' is read at a boundary where it has no slot (schedule and allocation disagree)`);
      into[row * D + s] += c * scale;
    }
  };

  const vocab = [...machine.vocabulary.tokens];
  const V = vocab.length;
  const embed = new Float64Array(V * D);
  const unembed = new Float64Array(V * D);
  vocab.forEach((t, i) => {
    const inp = machine.inputTokens.get(t);
    if (inp) vec(inp, embed, i);
    for (let s = 0; s < Object.keys(POSITION_SLOTS).length; s++) embed[i * D + s] = 0;
    const out = machine.outputTokens.get(t);
    if (out) vec(out, unembed, i);
  });

  const tieBreak = new Uint8Array(L * H);
  const headLabels: (string | null)[][] = [];
  const layers = plans.map((plan, l) => {
    const attnIn = new Float64Array(3 * D * D);
    const attnOut = new Float64Array(D * D);
    const ffnIn = new Float64Array(2 * F * D);
    const ffnOut = new Float64Array(D * F);
    const labels: (string | null)[] = new Array(H).fill(null);
    const g = problem.graph;

    let h = 0;
    for (const op of plan.lookups) {
      if (op.op.kind !== 'lookup') continue;
      const lu = op.op.lookup;
      for (let j = 0; j < lu.heads; j++, h++) {
        vec(lu.query2D[0], attnIn, 2 * h, QUERY_SCALE);
        vec(lu.query2D[1], attnIn, 2 * h + 1, QUERY_SCALE);
        vec(lu.key2D[0], attnIn, D + 2 * h);
        vec(lu.key2D[1], attnIn, D + 2 * h + 1);
        vec(lu.values[2 * j], attnIn, 2 * D + 2 * h);
        if (2 * j + 1 < lu.values.length) vec(lu.values[2 * j + 1], attnIn, 2 * D + 2 * h + 1);
        tieBreak[l * H + h] = lu.tieBreak === 'latest' ? 1 : 0;
        const names = lu.dims.slice(2 * j, 2 * j + 2).map((d) => d.name);
        labels[h] = lu.heads > 1 ? `${lu.name} (${names.join(', ')})` : lu.name;
        for (const [i, d] of lu.dims.slice(2 * j, 2 * j + 2).entries()) {
          const s = slot.get(d);
          if (s !== undefined) attnOut[s * D + 2 * h + i] += 1;
        }
      }
    }
    for (const p of plan.persist1) {
      const dest = slot.get(p.produces[0]);
      if (dest === undefined) continue;
      for (const [d, w] of persistExpr(p).terms) {
        const col = headOfLookupDim.get(d);
        if (d.kind === 'lookup' && plan.lookups.includes(problem.producerOf.get(d)!)) attnOut[dest * D + col!] += w;
      }
    }
    // Passthrough heads read the current token: score S·(2·p·s + 1) is largest at s = p.
    const sources = distinctSources(attnPass[l]);
    for (let i = 0; i < sources.length; i += 2, h++) {
      vec(g.position.e, attnIn, 2 * h, QUERY_SCALE);
      vec(g.one.e, attnIn, 2 * h + 1, QUERY_SCALE);
      vec(g.position.e.times(2), attnIn, D + 2 * h);
      vec(g.one.e, attnIn, D + 2 * h + 1);
      labels[h] = 'passthrough';
      for (let k = 0; k < 2 && i + k < sources.length; k++) {
        const src = sources[i + k];
        attnIn[(2 * D + 2 * h + k) * D + src] = 1;
        for (const c of attnPass[l]) if (c.source === src) attnOut[c.dest * D + 2 * h + k] += c.weight;
      }
    }
    if (h > H) throw new StageError('weights', `layer ${l} needs ${h} heads but the model has ${H}`);

    let j = 0;
    const neuronOf = new Map<Dim, number>();
    for (const op of plan.reglus) {
      if (op.op.kind !== 'reglu') continue;
      const r = op.op.dim;
      vec(r.b, ffnIn, j);
      vec(r.a, ffnIn, F + j);
      const s = slot.get(r);
      if (s !== undefined) ffnOut[s * F + j] += 1;
      neuronOf.set(r, j++);
    }
    for (const p of plan.persist2) {
      const dest = slot.get(p.produces[0]);
      if (dest === undefined) continue;
      for (const [d, w] of persistExpr(p).terms) {
        const n = neuronOf.get(d);
        if (n !== undefined) ffnOut[dest * F + n] += w;
      }
    }
    for (const src of distinctSources(ffnPass[l])) {
      vec(g.one.e, ffnIn, j);
      ffnIn[(F + j) * D + src] = 1;
      for (const c of ffnPass[l]) if (c.source === src) ffnOut[c.dest * F + j] += c.weight;
      j++;
    }
    headLabels.push(labels);
    return { attnIn, attnOut, ffnIn, ffnOut };
  });

  const stopToken = machine.vocabulary.id(machine.stopToken);
  return {
    vocab,
    V,
    D,
    L,
    H,
    F,
    stopToken,
    embed,
    layers,
    unembed,
    erase: Array.from({ length: L }, (_, l) => ({ attention: alloc.erase.get(4 * l + 1) ?? [], ffn: alloc.erase.get(4 * l + 3) ?? [] })),
    tieBreak,
    info: { headLabels },
  };
}

function persistExpr(op: SchedOp): Expr {
  if (op.op.kind !== 'persist') throw new Error(`${op.name} is not a persist`);
  return op.op.dim.expr;
}

function needSlot(slot: Map<Dim, number>, d: Dim, reader: SchedOp): number {
  const s = slot.get(d);
  if (s === undefined) throw new StageError('weights', `persist '${reader.name}' reads '${d.name}', which has no slot at that point`);
  return s;
}

function distinctSources(cs: Contribution[]): number[] {
  return [...new Set(cs.map((c) => c.source))];
}

export type { SlotAllocation };
