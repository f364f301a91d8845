import { StageError } from '../errors.ts';
import type { Dim } from '../graph/dim.ts';
import type { Expr } from '../graph/expr.ts';
import type { Graph, GraphOp } from '../graph/graph.ts';

import type { SchedOpKind } from './phases.ts';

export interface SchedOp {
  /** Index in `ScheduleProblem.ops` (graph creation order). */
  index: number;
  kind: SchedOpKind;
  name: string;
  op: GraphOp;
  produces: readonly Dim[];
  /** Dims read (for lookups: query, key and values, plus inv_log_pos). */
  reads: readonly Dim[];
  /** Producer ops of the dims read. */
  deps: SchedOp[];
  /** LookUp: number of values (dims produced); 1 otherwise. */
  values: number;
  /** LookUp with the "average" tie-break. */
  average: boolean;
}

/**
 * What the scheduler needs from a graph: ops, their dependencies, which dims the output scores
 * read (they live forever) and the "tight" pairs (a consumer of an average lookup sits in the
 * lookup's layer: docs/original-design.md §7.4 constraint 2).
 */
export interface ScheduleProblem {
  graph: Graph;
  ops: SchedOp[];
  dims: readonly Dim[];
  inputs: Dim[];
  producerOf: Map<Dim, SchedOp>;
  consumersOf: Map<Dim, SchedOp[]>;
  outputDims: Set<Dim>;
  /** The position encoding's dims: fixed slots 0–3, never freed. */
  protectedDims: Set<Dim>;
  /** op → the average lookups it must share a layer with. */
  tight: Map<SchedOp, SchedOp[]>;
}

export function scheduleProblem(graph: Graph, outputScores: Iterable<Expr>): ScheduleProblem {
  const outputDims = new Set<Dim>();
  for (const e of outputScores) for (const d of e.terms.keys()) outputDims.add(d);
  const gops = liveOps(graph.ops(), outputDims);
  const ops: SchedOp[] = [];
  const producerOf = new Map<Dim, SchedOp>();
  for (const op of gops) {
    if (op.kind === 'cumsum') throw new StageError('schedule', `cumulative-sum dim '${op.name}' has no transformer realisation: use fetchSum`);
    const reads = op.kind === 'lookup' ? [...new Set([...op.reads, graph.invLogPos])] : [...op.reads];
    const s: SchedOp = {
      index: ops.length,
      kind: op.kind,
      name: op.name,
      op,
      produces: op.produces,
      reads,
      deps: [],
      values: op.produces.length,
      average: op.kind === 'lookup' && op.lookup.tieBreak === 'average',
    };
    ops.push(s);
    for (const d of op.produces) producerOf.set(d, s);
  }
  const consumersOf = new Map<Dim, SchedOp[]>();
  const tight = new Map<SchedOp, SchedOp[]>();
  for (const op of ops) {
    const deps = new Set<SchedOp>();
    for (const d of op.reads) {
      let list = consumersOf.get(d);
      if (!list) consumersOf.set(d, (list = []));
      list.push(op);
      const p = producerOf.get(d);
      if (p && p !== op) {
        deps.add(p);
        if (p.average && op.kind !== 'lookup') {
          const t = tight.get(op) ?? [];
          if (!t.includes(p)) t.push(p);
          tight.set(op, t);
        }
      }
    }
    op.deps = [...deps];
  }
  const inputs = graph.dims.filter((d) => d.kind === 'input');
  return {
    graph,
    ops,
    dims: [...graph.dims.filter((d) => producerOf.has(d) || d.kind === 'input')],
    inputs,
    producerOf,
    consumersOf,
    outputDims,
    protectedDims: new Set([graph.position, graph.invLogPos, graph.positionCenteredSq, graph.positionCentered]),
    tight,
  };
}

/**
 * The ops the output scores depend on, in creation order. A specialized machine drops the terms of
 * opcodes its program never executes (their gates are 0 on every instruction), which can leave a
 * lookup or neuron that nothing reads; it gets no head, neuron or slot. The universal graph has no
 * such op (machine.test.ts).
 */
function liveOps(gops: GraphOp[], outputDims: Set<Dim>): GraphOp[] {
  const producer = new Map<Dim, GraphOp>();
  for (const op of gops) for (const d of op.produces) producer.set(d, op);
  const live = new Set<GraphOp>();
  const stack: Dim[] = [...outputDims];
  while (stack.length) {
    const op = producer.get(stack.pop()!);
    if (!op || live.has(op)) continue;
    live.add(op);
    for (const d of op.reads) stack.push(d);
  }
  return gops.filter((op) => live.has(op));
}
