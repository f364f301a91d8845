import { exitFromTrace } from '../tokens/exitStatus.ts';
import { HALT_TOKEN, parseOutToken } from '../tokens/spelling.ts';
import { GraphEvaluator, type EvaluatorOptions } from './evaluator.ts';
import type { EvaluableMachine } from './plan.ts';

/** Generated tokens allowed by default (the reference interpreter's default budget). */
export const DEFAULT_EVAL_BUDGET = 20_000_000;

export interface EvalRunOptions extends EvaluatorOptions {
  /** Stop after this many generated tokens (the prompt is not counted). */
  maxTokens?: number;
  onOutput?: (byte: number) => void;
  /** Called after every generated token is fed back (not for `halt`), with the evaluator at it. */
  onToken?: (token: string, ev: GraphEvaluator) => void;
}

export interface EvalRun {
  /** Tokens predicted after the prompt, `halt` included when reached. */
  generated: string[];
  output: Uint8Array;
  stop: 'halt' | 'budget';
  /** After `halt`: the exit status and trap name read from the generated tokens (see tokens/exitStatus.ts). */
  exitStatus?: number;
  trap?: string;
  /** Wall time of prompt + generation. */
  ms: number;
  /** Prompt and generated tokens processed per second. */
  tokensPerSecond: number;
  evaluator: GraphEvaluator;
}

/**
 * Feeds the prompt (program prefix and input section, or `start` and the input section), then
 * predicts and feeds back greedily until `halt` or the budget.
 */
export function runEvaluator(machine: EvaluableMachine, prompt: readonly string[], opts: EvalRunOptions = {}): EvalRun {
  const maxTokens = opts.maxTokens ?? DEFAULT_EVAL_BUDGET;
  const ev = new GraphEvaluator(machine, opts);
  const vocab = machine.vocabulary;
  const haltId = vocab.id(HALT_TOKEN);
  const outByte = new Int16Array(vocab.size).fill(-1);
  vocab.tokens.forEach((t, i) => {
    const b = parseOutToken(t);
    if (b !== null) outByte[i] = b;
  });
  const generated: string[] = [];
  const output: number[] = [];
  const t0 = performance.now();
  for (const t of prompt) ev.feed(t);
  let stop: EvalRun['stop'] = 'budget';
  while (generated.length < maxTokens) {
    const id = ev.predictId();
    const tok = vocab.tokens[id];
    generated.push(tok);
    if (id === haltId) {
      stop = 'halt';
      break;
    }
    const b = outByte[id];
    if (b >= 0) {
      output.push(b);
      opts.onOutput?.(b);
    }
    ev.feedId(id);
    opts.onToken?.(tok, ev);
  }
  const ms = performance.now() - t0;
  const exit = stop === 'halt' ? exitFromTrace(generated) : undefined;
  return {
    generated,
    output: Uint8Array.from(output),
    stop,
    exitStatus: exit?.exitStatus,
    trap: exit?.trap,
    ms,
    tokensPerSecond: ((prompt.length + generated.length) * 1000) / Math.max(ms, 1e-9),
    evaluator: ev,
  };
}
