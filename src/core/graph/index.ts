export { CumSumDim, Dim, type DimKind, InputDim, LookUpDim, PersistDim, ReGLUDim } from './dim.ts';
export { Expr, type ExprContext, type Term } from './expr.ts';
export { CLEAR_PENALTY, type FetchOptions, Graph, type GraphOp, LATEST_ALPHA } from './graph.ts';
export { LookUp, type TieBreak } from './lookup.ts';
export { formatGraphStats, type GraphStats, graphStats } from './stats.ts';
