export { GraphEvaluator, type EvaluatorOptions } from './evaluator.ts';
export { createLookupStore, type LookupMode, type LookupStore } from './lookupStore.ts';
export { compilePlan, type EvalPlan, type EvaluableMachine } from './plan.ts';
export { DEFAULT_EVAL_BUDGET, type EvalRun, type EvalRunOptions, runEvaluator } from './runEvaluator.ts';
export { firstDivergence, formatDivergence, type TraceDivergence } from '../tokens/traceDiff.ts';
