import type { DimKind } from './dim.ts';
import type { Graph } from './graph.ts';

export interface GraphStats {
  dims: number;
  dimsByKind: Record<DimKind, number>;
  /** ReGLU + persist + cumsum dims + LookUps: the units the scheduler places. */
  ops: number;
  lookups: number;
  /** Attention heads: ceil(values / 2) per LookUp. */
  heads: number;
  lookupsByTieBreak: { latest: number; average: number };
}

export function graphStats(g: Graph): GraphStats {
  const dimsByKind: Record<DimKind, number> = { input: 0, reglu: 0, persist: 0, lookup: 0, cumsum: 0 };
  for (const d of g.dims) dimsByKind[d.kind]++;
  const lookupsByTieBreak = { latest: 0, average: 0 };
  for (const lu of g.lookups) lookupsByTieBreak[lu.tieBreak]++;
  return {
    dims: g.dims.length,
    dimsByKind,
    ops: g.ops().length,
    lookups: g.lookups.length,
    heads: g.lookups.reduce((s, lu) => s + lu.heads, 0),
    lookupsByTieBreak,
  };
}

export function formatGraphStats(s: GraphStats): string {
  const k = s.dimsByKind;
  return (
    `graph: ${s.ops} ops, ${s.dims} dims (input ${k.input}, reglu ${k.reglu}, persist ${k.persist}, lookup ${k.lookup}` +
    (k.cumsum ? `, cumsum ${k.cumsum}` : '') +
    `), ${s.lookups} lookups (${s.lookupsByTieBreak.latest} latest, ${s.lookupsByTieBreak.average} average), ${s.heads} attention heads`
  );
}
