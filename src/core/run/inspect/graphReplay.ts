/**
 * The graph evaluator walked along a run's token stream (teacher forcing: each token of the
 * recorded trace is fed in turn), so the page can read what the transformer computes at any
 * token: named machine-state values, and per lookup its query, the key it selected and where.
 * A ring keeps the full state of the last RING positions, so stepping back a little is free;
 * further back the evaluator restarts from token 0. Walks happen in time slices (`advance`)
 * so the worker can take new requests between them.
 */
import { GraphEvaluator } from '../../evaluate/evaluator.ts';
import type { Machine } from '../../machine/buildMachine.ts';
import { LOOKUP_DESCRIPTIONS, MACHINE_STATE_NODES } from '../../machine/stateNodes.ts';
import { OPCODE_TABLE } from '../../program/opcodes.ts';
import type { Dim } from '../../graph/dim.ts';
import { evalPlanExpr, keyGroups, type KeyGroup } from './keyHistory.ts';
import type { TraceIds } from './traceIds.ts';

/**
 * Positions the evaluator replays at most: its exact hull stores keep every position of the
 * position-keyed lookups (≈ 0.7 GB of attention state at 2^20 positions, ~25 s of replay; one
 * position more and each of those stores doubles its capacity).
 */
export const GRAPH_REPLAY_LIMIT = 1 << 20;
/** Positions whose full state is kept for instant stepping back. */
export const RING = 4096;

export interface LookupAt {
  index: number;
  name: string;
  description: string;
  tieBreak: 'latest' | 'average';
  /** Attention heads (2 values a head). */
  heads: number;
  /** Index of the shared key history (lookups with equal keys draw the same points). */
  group: number;
  query: [number, number];
  /** The winning key (NaN when the history was empty). */
  key: [number, number];
  score: number;
  /** Entries merged into the answer (ties; every position for an average lookup). */
  matches: number;
  /** Position of the latest matched entry (−1 if none). */
  winner: number;
  /** Lines the evaluator's hull store keeps for this lookup. */
  stored: number;
  values: number[];
  valueNames: string[];
}

export interface NamedValue {
  name: string;
  value: number;
  description: string;
}

export interface GraphView {
  position: number;
  /** The token at this position (what was fed). */
  token: string;
  values: NamedValue[];
  /** The opcode whose dispatch point (fetched_opcode_x, _y) the machine fetched. */
  fetchedOpcode: string | null;
  /** The evaluator's argmax prediction of the next token, and what the trace has there. */
  prediction: string;
  next: string | null;
  lookups: LookupAt[];
}

export type AdvanceResult = 'reached' | 'running' | 'limit' | 'end';

export class GraphReplay {
  readonly ev: GraphEvaluator;
  readonly groups: KeyGroup[];
  readonly groupOf: Int32Array;
  /** Times the evaluator restarted from token 0 (for figures). */
  restarts = 0;
  private readonly dimCount: number;
  private readonly ringValues: Float64Array;
  private readonly ringMatch: Float64Array;
  private readonly ringStored: Int32Array;
  private readonly ringPrediction: Int32Array;
  /** Key histories are recorded up to (not including) this position. */
  private recordedUpTo = 0;
  private readonly lookupCount: number;
  private readonly dimIndex: Map<Dim, number>;
  /** The last position the trace lets the evaluator feed (a stop token is predicted, not fed). */
  private lastFeedable = Infinity;

  constructor(
    readonly machine: Machine,
    readonly trace: TraceIds,
  ) {
    this.ev = new GraphEvaluator(machine);
    const plan = this.ev.plan;
    this.dimCount = plan.dimCount;
    this.lookupCount = plan.lookups.length;
    this.ringValues = new Float64Array(RING * this.dimCount);
    this.ringMatch = new Float64Array(RING * this.lookupCount * 5);
    this.ringStored = new Int32Array(RING * this.lookupCount);
    this.ringPrediction = new Int32Array(RING);
    ({ groups: this.groups, groupOf: this.groupOf } = keyGroups(plan));
    this.dimIndex = new Map(machine.graph.dims.map((d, i) => [d, i]));
  }

  /** The last position whose state the evaluator has computed (−1 before any). */
  get head(): number {
    return this.ev.position - 1;
  }

  /** Whether the state of position p is at hand (in the ring). */
  has(p: number): boolean {
    return p >= 0 && p <= this.head && p > this.head - RING;
  }

  /** The position a request for p is answered at: p, clamped to what can be replayed. */
  reachable(p: number): number {
    return Math.max(0, Math.min(p, GRAPH_REPLAY_LIMIT - 1, this.lastFeedable));
  }

  /**
   * Feeds tokens toward `target` until it is reached or `deadline` (performance.now()) passes.
   * 'limit': the target is beyond GRAPH_REPLAY_LIMIT; 'end': beyond the end of the trace.
   */
  advance(target: number, deadline: number): AdvanceResult {
    const goal = this.reachable(target);
    if (this.has(goal)) return goal < target ? (target >= GRAPH_REPLAY_LIMIT ? 'limit' : 'end') : 'reached';
    if (goal < this.head) {
      this.ev.reset();
      this.restarts++;
    }
    const ev = this.ev;
    const plan = ev.plan;
    while (ev.position <= goal) {
      const need = Math.min(goal + 2, ev.position + (1 << 16));
      if (this.trace.ensure(need) <= ev.position) {
        this.lastFeedable = ev.position - 1;
        break;
      }
      const stop = Math.min(goal + 1, this.trace.length);
      for (let n = 0; ev.position < stop; n++) {
        const id = this.trace.id(ev.position);
        if (plan.embedding[id] < 0) {
          this.lastFeedable = ev.position - 1;
          break;
        }
        ev.feedId(id);
        this.record(ev.position - 1);
        if ((n & 255) === 255 && performance.now() > deadline) return 'running';
      }
      if (this.lastFeedable < goal) break;
      if (ev.position <= goal && performance.now() > deadline) return 'running';
    }
    const final = this.reachable(target);
    if (final < target) return target >= GRAPH_REPLAY_LIMIT ? 'limit' : 'end';
    return 'reached';
  }

  private record(p: number): void {
    const ev = this.ev;
    const slot = p % RING;
    this.ringValues.set(ev.values, slot * this.dimCount);
    const matches = ev.lookupMatches();
    const m = this.ringMatch;
    for (let i = 0; i < this.lookupCount; i++) {
      const o = (slot * this.lookupCount + i) * 5;
      const x = matches[i].match;
      m[o] = x.kx;
      m[o + 1] = x.ky;
      m[o + 2] = x.score;
      m[o + 3] = x.count;
      m[o + 4] = x.lastSeq;
      this.ringStored[slot * this.lookupCount + i] = matches[i].stored;
    }
    this.ringPrediction[slot] = ev.predictId();
    if (p >= this.recordedUpTo) {
      for (const g of this.groups) g.record(ev.values, p);
      this.recordedUpTo = p + 1;
    }
  }

  /** The values vector of position p (must be in the ring). */
  valuesAt(p: number): Float64Array {
    if (!this.has(p)) throw new Error(`position ${p} is not in the replay ring (head ${this.head})`);
    const slot = p % RING;
    return this.ringValues.subarray(slot * this.dimCount, (slot + 1) * this.dimCount);
  }

  valueOf(v: Float64Array, name: string): number {
    const i = this.ev.plan.dimNames.indexOf(name);
    if (i >= 0) return v[i];
    const e = this.machine.graph.labels.get(name);
    if (!e) throw new Error(`the graph has no node named '${name}'`);
    return e.evaluate((d) => v[this.dimIndex.get(d)!]);
  }

  lookupAt(p: number, li: number): LookupAt {
    const v = this.valuesAt(p);
    const plan = this.ev.plan;
    const lu = plan.lookups[li];
    const slot = p % RING;
    const o = (slot * this.lookupCount + li) * 5;
    const m = this.ringMatch;
    return {
      index: li,
      name: lu.name,
      description: LOOKUP_DESCRIPTIONS[lu.name] ?? '',
      tieBreak: lu.tieBreak,
      heads: Math.ceil(lu.values.length / 2),
      group: this.groupOf[li],
      query: [evalPlanExpr(plan, lu.qx, v), evalPlanExpr(plan, lu.qy, v)],
      key: [m[o], m[o + 1]],
      score: m[o + 2],
      matches: m[o + 3],
      winner: m[o + 4],
      stored: this.ringStored[slot * this.lookupCount + li],
      values: Array.from(lu.dims, (d) => v[d]),
      valueNames: Array.from(lu.dims, (d) => plan.dimNames[d]),
    };
  }

  viewAt(p: number): GraphView {
    const v = this.valuesAt(p);
    const vocab = this.machine.vocabulary;
    const values = MACHINE_STATE_NODES.map((n) => ({ name: n.name, value: this.valueOf(v, n.name), description: n.description }));
    const ox = this.valueOf(v, 'fetched_opcode_x');
    const oy = this.valueOf(v, 'fetched_opcode_y');
    const op = OPCODE_TABLE.find((o) => Math.abs(o.x - ox) < 0.5 && Math.abs(o.y - oy) < 0.5);
    return {
      position: p,
      token: vocab.tokens[this.trace.id(p)],
      values,
      fetchedOpcode: op ? op.name : null,
      prediction: vocab.tokens[this.ringPrediction[p % RING]],
      next: p + 1 < this.trace.length ? vocab.tokens[this.trace.id(p + 1)] : null,
      lookups: this.ev.plan.lookups.map((_, li) => this.lookupAt(p, li)),
    };
  }
}
