import { type CumSumDim, type Dim, LookUpDim, type PersistDim, ReGLUDim } from '../graph/dim.ts';
import type { Expr } from '../graph/expr.ts';
import type { Graph } from '../graph/graph.ts';
import type { TieBreak } from '../graph/lookup.ts';
import type { Vocabulary } from '../tokens/vocabulary.ts';

/** What the evaluator needs from a machine: a graph and its token interface. */
export interface EvaluableMachine {
  graph: Graph;
  inputTokens: ReadonlyMap<string, Expr>;
  outputTokens: ReadonlyMap<string, Expr>;
  vocabulary: Vocabulary;
}

export const OP_REGLU = 0;
export const OP_PERSIST = 1;
export const OP_LOOKUP = 2;
export const OP_CUMSUM = 3;
/** a·relu(b) where a = c·(an "average" lookup value): computed as c·Σv·relu(b)/count. */
export const OP_REGLU_OF_MEAN = 4;

export interface PlanLookup {
  name: string;
  tieBreak: TieBreak;
  kx: number;
  ky: number;
  qx: number;
  qy: number;
  /** Expression index per value. */
  values: Int32Array;
  /** Dim index per value. */
  dims: Int32Array;
}

/**
 * The graph flattened for evaluation (docs/original-design.md §4.8): expressions as index/coefficient arrays, ops
 * in creation order, embeddings and output scores per vocabulary id. No Maps in the inner loop.
 */
export interface EvalPlan {
  dimCount: number;
  dimNames: string[];
  /** Expression e is terms exprStart[e] … exprStart[e+1]−1. */
  exprStart: Int32Array;
  termDim: Int32Array;
  termCoef: Float64Array;

  opKind: Uint8Array;
  /** Target dim (or lookup index for OP_LOOKUP). */
  opTarget: Int32Array;
  opA: Int32Array;
  opB: Int32Array;
  /** OP_REGLU_OF_MEAN: the coefficient c of the mean. */
  opCoef: Float64Array;
  lookups: PlanLookup[];

  inputDims: Int32Array;
  oneDim: number;
  positionDim: number;
  invLogPosDim: number;
  positionCenteredSqDim: number;
  positionCenteredDim: number;
  /** Per vocabulary id: embedding expression index, −1 if the token is not an input token. */
  embedding: Int32Array;
  /** Output tokens in vocabulary-id order and their score expressions. */
  outputIds: Int32Array;
  outputScore: Int32Array;
  /**
   * The same scores column by column (score[k] = Σ over dims d of coef · value(d)), so dims
   * that are 0 at a token (most emit gates) cost nothing: the constant column (`one`) densely,
   * then the other dims' rows and coefficients.
   */
  scoreOne: Float64Array;
  scoreColDim: Int32Array;
  scoreColStart: Int32Array;
  scoreColRow: Int32Array;
  scoreColCoef: Float64Array;
}

/**
 * `exactMeans` (default): a ReGLU whose value side is an "average" lookup is computed from the
 * exact tied sum (OP_REGLU_OF_MEAN); false evaluates it like an engine, mean · relu(b).
 */
export function compilePlan(m: EvaluableMachine, opts: { exactMeans?: boolean } = {}): EvalPlan {
  const exactMeans = opts.exactMeans ?? true;
  const g = m.graph;
  const dimIndex = new Map<Dim, number>(g.dims.map((d, i) => [d, i]));
  const starts: number[] = [0];
  const termDim: number[] = [];
  const termCoef: number[] = [];
  const addExpr = (e: Expr): number => {
    for (const [d, c] of e.terms) {
      const i = dimIndex.get(d);
      if (i === undefined) throw new Error(`expression refers to '${d.name}', which is not a dim of this graph`);
      termDim.push(i);
      termCoef.push(c);
    }
    starts.push(termDim.length);
    return starts.length - 2;
  };

  const opKind: number[] = [];
  const opTarget: number[] = [];
  const opA: number[] = [];
  const opB: number[] = [];
  const opCoef: number[] = [];
  const lookups: PlanLookup[] = [];
  const lookupIndex = new Map<unknown, number>();
  const inputDims: number[] = [];

  g.dims.forEach((d, i) => {
    switch (d.kind) {
      case 'input':
        inputDims.push(i);
        return;
      case 'reglu': {
        const r = d as ReGLUDim;
        const meanDim = r.a.soleDim();
        if (exactMeans && meanDim instanceof LookUpDim && meanDim.lookup.tieBreak === 'average') {
          opKind.push(OP_REGLU_OF_MEAN);
          opA.push(dimIndex.get(meanDim)!);
          opCoef.push(r.a.coeff(meanDim));
        } else {
          opKind.push(OP_REGLU);
          opA.push(addExpr(r.a));
          opCoef.push(0);
        }
        opTarget.push(i);
        opB.push(addExpr(r.b));
        return;
      }
      case 'persist':
      case 'cumsum': {
        opKind.push(d.kind === 'persist' ? OP_PERSIST : OP_CUMSUM);
        opTarget.push(i);
        opA.push(addExpr((d as PersistDim | CumSumDim).expr));
        opB.push(-1);
        opCoef.push(0);
        return;
      }
      case 'lookup': {
        const lu = (d as LookUpDim).lookup;
        if (lookupIndex.has(lu)) return;
        lookupIndex.set(lu, lookups.length);
        lookups.push({
          name: lu.name,
          tieBreak: lu.tieBreak,
          kx: addExpr(lu.key2D[0]),
          ky: addExpr(lu.key2D[1]),
          qx: addExpr(lu.query2D[0]),
          qy: addExpr(lu.query2D[1]),
          values: Int32Array.from(lu.values.map(addExpr)),
          dims: Int32Array.from(lu.dims.map((x) => dimIndex.get(x)!)),
        });
        opKind.push(OP_LOOKUP);
        opTarget.push(lookups.length - 1);
        opA.push(-1);
        opB.push(-1);
        opCoef.push(0);
        return;
      }
    }
  });

  const vocab = m.vocabulary;
  const embedding = new Int32Array(vocab.size).fill(-1);
  for (const [tok, e] of m.inputTokens) embedding[vocab.id(tok)] = addExpr(e);
  const outs = [...m.outputTokens].map(([tok, e]) => [vocab.id(tok), e] as const).sort((a, b) => a[0] - b[0]);
  const outputIds = Int32Array.from(outs.map((o) => o[0]));
  const outputScore = Int32Array.from(outs.map((o) => addExpr(o[1])));
  const oneDim = dimIndex.get(g.one)!;
  const scoreOne = new Float64Array(outs.length);
  const columns = new Map<number, { rows: number[]; coefs: number[] }>();
  outs.forEach(([, e], row) => {
    for (const [d, c] of e.terms) {
      const di = dimIndex.get(d)!;
      if (di === oneDim) scoreOne[row] = c;
      else {
        let col = columns.get(di);
        if (!col) columns.set(di, (col = { rows: [], coefs: [] }));
        col.rows.push(row);
        col.coefs.push(c);
      }
    }
  });
  const cols = [...columns].sort((a, b) => a[0] - b[0]);
  const scoreColStart = [0];
  for (const [, c] of cols) scoreColStart.push(scoreColStart[scoreColStart.length - 1] + c.rows.length);

  return {
    dimCount: g.dims.length,
    dimNames: g.dims.map((d) => d.name),
    exprStart: Int32Array.from(starts),
    termDim: Int32Array.from(termDim),
    termCoef: Float64Array.from(termCoef),
    opKind: Uint8Array.from(opKind),
    opTarget: Int32Array.from(opTarget),
    opA: Int32Array.from(opA),
    opB: Int32Array.from(opB),
    opCoef: Float64Array.from(opCoef),
    lookups,
    inputDims: Int32Array.from(inputDims),
    oneDim,
    positionDim: dimIndex.get(g.position)!,
    invLogPosDim: dimIndex.get(g.invLogPos)!,
    positionCenteredSqDim: dimIndex.get(g.positionCenteredSq)!,
    positionCenteredDim: dimIndex.get(g.positionCentered)!,
    embedding,
    outputIds,
    outputScore,
    scoreOne,
    scoreColDim: Int32Array.from(cols.map((c) => c[0])),
    scoreColStart: Int32Array.from(scoreColStart),
    scoreColRow: Int32Array.from(cols.flatMap((c) => c[1].rows)),
    scoreColCoef: Float64Array.from(cols.flatMap((c) => c[1].coefs)),
  };
}
