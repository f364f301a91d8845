import type { MatchInfo } from '../attention/kvCache.ts';
import type { Dim } from '../graph/dim.ts';
import { centeredPosition, invLogPos } from '../graph/positionEncoding.ts';
import { createLookupStore, type LookupMode, type LookupStore } from './lookupStore.ts';
import * as Plan from './plan.ts';
import { compilePlan, type EvalPlan, type EvaluableMachine } from './plan.ts';

// Local copies: imported bindings are live and can cost a lookup in the hot switch.
const OP_REGLU = Plan.OP_REGLU;
const OP_PERSIST = Plan.OP_PERSIST;
const OP_LOOKUP = Plan.OP_LOOKUP;
const OP_CUMSUM = Plan.OP_CUMSUM;
const OP_REGLU_OF_MEAN = Plan.OP_REGLU_OF_MEAN;

export interface EvaluatorOptions {
  /** Lookups answered by the O(log n) hull (default) or by brute force. */
  lookup?: LookupMode;
  /**
   * 'exact' (default): running sums p · mean are computed as Σv · p / count, the real value.
   * 'float': as the transformer engines compute them, (Σv · (1/count)) · p — for studying
   * how their rounding propagates.
   */
  cumulativeSums?: 'exact' | 'float';
}


/**
 * Runs a graph token by token with exact graph semantics and no weights (docs/original-design.md §4.8, §11.1):
 * feed a token → every dim gets its value at that position; `predict` → the argmax output
 * token. After each `feed`, `valueOf(name)` reads any named dim or label at that token.
 */
export class GraphEvaluator {
  readonly plan: EvalPlan;
  /** Value of every dim at the last fed token, indexed like graph.dims. */
  readonly values: Float64Array;
  /** Number of tokens fed so far (the position the next token will take). */
  position = 0;
  private stores: LookupStore[] = [];
  private readonly cumsum: Float64Array;
  private readonly meanSum: Float64Array;
  private readonly meanCount: Float64Array;
  private readonly scratch: Float64Array;
  private readonly answer: Float64Array;
  private readonly scores: Float64Array;
  private readonly dimIndex: Map<Dim, number>;
  private readonly nameIndex: Map<string, number>;

  constructor(
    readonly machine: EvaluableMachine,
    private readonly opts: EvaluatorOptions = {},
  ) {
    this.plan = compilePlan(machine, { exactMeans: opts.cumulativeSums !== 'float' });
    const n = this.plan.dimCount;
    this.values = new Float64Array(n);
    this.cumsum = new Float64Array(n);
    this.meanSum = new Float64Array(n);
    this.meanCount = new Float64Array(n);
    const width = Math.max(1, ...this.plan.lookups.map((l) => l.values.length));
    this.scratch = new Float64Array(width);
    this.answer = new Float64Array(width);
    this.scores = new Float64Array(this.plan.outputIds.length);
    this.dimIndex = new Map(machine.graph.dims.map((d, i) => [d, i]));
    this.nameIndex = new Map(this.plan.dimNames.map((name, i) => [name, i]));
    this.reset();
  }

  get lookupMode(): LookupMode {
    return this.opts.lookup ?? 'hull';
  }

  /** Forget every token: back to position 0. */
  reset(): void {
    this.position = 0;
    this.values.fill(0);
    this.cumsum.fill(0);
    this.stores = this.plan.lookups.map((l) => createLookupStore(l.tieBreak, l.values.length, this.lookupMode));
  }

  feed(token: string): void {
    const id = this.machine.vocabulary.idOf(token);
    if (id === undefined || this.plan.embedding[id] < 0) throw new Error(`'${token}' is not an input token of this machine`);
    this.feedId(id);
  }

  /** Processes the token with vocabulary id `id` at the next position. */
  feedId(id: number): void {
    const P = this.plan;
    const v = this.values;
    const start = P.exprStart;
    const td = P.termDim;
    const tc = P.termCoef;
    const emb = P.embedding[id];
    if (emb < 0) throw new Error(`'${this.machine.vocabulary.tokens[id]}' is not an input token of this machine`);
    const inputs = P.inputDims;
    for (let i = 0; i < inputs.length; i++) v[inputs[i]] = 0;
    for (let t = start[emb]; t < start[emb + 1]; t++) v[td[t]] = tc[t];
    const p = this.position;
    v[P.positionDim] = p;
    const c = centeredPosition(p);
    v[P.positionCenteredSqDim] = c * c;
    v[P.positionCenteredDim] = c;
    v[P.invLogPosDim] = invLogPos(p);

    const kind = P.opKind;
    const target = P.opTarget;
    const opA = P.opA;
    const opB = P.opB;
    const nOps = kind.length;
    for (let o = 0; o < nOps; o++) {
      switch (kind[o]) {
        case OP_REGLU: {
          const b = evalExpr(opB[o], start, td, tc, v);
          v[target[o]] = b > 0 ? evalExpr(opA[o], start, td, tc, v) * b : 0;
          break;
        }
        case OP_PERSIST:
          v[target[o]] = evalExpr(opA[o], start, td, tc, v);
          break;
        case OP_LOOKUP:
          this.lookup(target[o], p);
          break;
        case OP_REGLU_OF_MEAN: {
          const b = evalExpr(opB[o], start, td, tc, v);
          const d = opA[o];
          const c = P.opCoef[o];
          if (b <= 0) v[target[o]] = 0;
          else if (this.meanCount[d] > 0) v[target[o]] = (c * this.meanSum[d] * b) / this.meanCount[d];
          else v[target[o]] = c * v[d] * b;
          break;
        }
        case OP_CUMSUM: {
          const t = target[o];
          this.cumsum[t] += evalExpr(opA[o], start, td, tc, v);
          v[t] = this.cumsum[t];
          break;
        }
      }
    }
    this.position = p + 1;
  }

  /** Insert this position's key and values into the lookup's history, then answer its query. */
  private lookup(li: number, p: number): void {
    const P = this.plan;
    const v = this.values;
    const start = P.exprStart;
    const td = P.termDim;
    const tc = P.termCoef;
    const lu = P.lookups[li];
    const store = this.stores[li];
    const vals = lu.values;
    const w = vals.length;
    const scratch = this.scratch;
    for (let i = 0; i < w; i++) scratch[i] = evalExpr(vals[i], start, td, tc, v);
    store.insert(evalExpr(lu.kx, start, td, tc, v), evalExpr(lu.ky, start, td, tc, v), scratch, p);
    const out = this.answer;
    store.query(evalExpr(lu.qx, start, td, tc, v), evalExpr(lu.qy, start, td, tc, v), out);
    const dims = lu.dims;
    for (let i = 0; i < w; i++) v[dims[i]] = out[i];
    if (lu.tieBreak === 'average') {
      const sum = store.lastSum;
      for (let i = 0; i < w; i++) {
        this.meanSum[dims[i]] = sum ? sum[i] : 0;
        this.meanCount[dims[i]] = sum ? store.lastCount : 0;
      }
    }
  }

  /** Vocabulary id of the output token with the largest score (the lowest id on ties). */
  predictId(): number {
    const P = this.plan;
    const v = this.values;
    const scores = this.scores;
    const one = v[P.oneDim];
    if (one === 1) scores.set(P.scoreOne);
    else for (let k = 0; k < scores.length; k++) scores[k] = P.scoreOne[k] * one;
    const colDim = P.scoreColDim;
    const colStart = P.scoreColStart;
    const rows = P.scoreColRow;
    const coefs = P.scoreColCoef;
    for (let c = 0; c < colDim.length; c++) {
      const x = v[colDim[c]];
      if (x === 0) continue;
      const end = colStart[c + 1];
      for (let t = colStart[c]; t < end; t++) scores[rows[t]] += coefs[t] * x;
    }
    let best = -Infinity;
    let bestK = -1;
    for (let k = 0; k < scores.length; k++) {
      if (scores[k] > best) {
        best = scores[k];
        bestK = k;
      }
    }
    return P.outputIds[bestK];
  }

  predict(): string {
    return this.machine.vocabulary.tokens[this.predictId()];
  }

  /** Score of one output token at the last fed token. */
  scoreOf(token: string): number {
    const id = this.machine.vocabulary.id(token);
    const k = this.plan.outputIds.indexOf(id);
    if (k < 0) throw new Error(`'${token}' is not an output token`);
    const P = this.plan;
    return evalExpr(P.outputScore[k], P.exprStart, P.termDim, P.termCoef, this.values);
  }

  /** Value of a named dim or label (see Graph.label) at the last fed token. */
  valueOf(name: string): number {
    const i = this.nameIndex.get(name);
    if (i !== undefined) return this.values[i];
    const e = this.machine.graph.labels.get(name);
    if (!e) throw new Error(`the graph has no node named '${name}'`);
    return e.evaluate((d) => this.values[this.dimIndex.get(d)!]);
  }

  /** Every named dim and label with its value at the last fed token. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    this.plan.dimNames.forEach((n, i) => (out[n] = this.values[i]));
    for (const n of this.machine.graph.labels.keys()) out[n] = this.valueOf(n);
    return out;
  }

  /** What each lookup matched at the last fed token (position = lastSeq), by lookup name. */
  lookupMatches(): { name: string; match: MatchInfo; stored: number }[] {
    return this.plan.lookups.map((l, i) => ({ name: l.name, match: this.stores[i].lastMatch, stored: this.stores[i].size }));
  }
}

function evalExpr(e: number, start: Int32Array, td: Int32Array, tc: Float64Array, v: Float64Array): number {
  let s = 0;
  const end = start[e + 1];
  for (let t = start[e]; t < end; t++) s += tc[t] * v[td[t]];
  return s;
}
