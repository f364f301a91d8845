import { StageError } from '../errors.ts';
import { DEFAULT_MAX_TOKENS, type Engine, type SessionOptions } from '../infer/session.ts';
import { tokenIds } from '../infer/vocabulary.ts';
import { exitFromTrace } from '../tokens/exitStatus.ts';
import type { Program } from '../program/program.ts';
import type { TraceDivergence } from '../tokens/traceDiff.ts';
import type { Model } from '../weights/binFile.ts';
import { compareWithReference, stringTokens } from './referenceCheck.ts';
import { isSpecializedModel, promptFor, specializedProgramMatch } from './specializedModel.ts';

export { isSpecializedModel, promptFor };

/**
 * A specialized model runs only the program baked into it: refuse another one. Returns false
 * when the model does not say which program it holds (an original-format file without metadata).
 */
export function assertModelRunsProgram(model: Model, program: Program, name = 'this program'): boolean {
  if (!isSpecializedModel(model)) return true;
  const match = specializedProgramMatch(model.info?.provenance, program, name);
  if (match.kind === 'different') throw new StageError('inference', match.message);
  return match.kind === 'same';
}

export interface ProgramRun {
  prompt: string[];
  /** Generated tokens (after the prompt). */
  generated: string[];
  stopped: 'stop' | 'limit';
  /** After the stop token: the exit status and trap name read from the generated tokens (tokens/exitStatus.ts). */
  exitStatus?: number;
  trap?: string;
  seconds: number;
}

/** Feeds the program's prompt and generates until the stop token or `maxTokens`. */
export function runProgram(
  engine: Engine,
  model: Model,
  program: Program,
  input: Uint8Array | null,
  opts: SessionOptions & { batch?: number; onTokens?: (tokens: string[]) => void } = {},
): ProgramRun {
  assertModelRunsProgram(model, program);
  const prompt = promptFor(model, program, input);
  const maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
  const session = engine.createSession(model, opts);
  const t0 = performance.now();
  try {
    session.feed(tokenIds(model, prompt));
    const generated: string[] = [];
    for (;;) {
      const r = session.generate(Math.min(opts.batch ?? 65_536, maxTokens - generated.length));
      const toks = r.tokens.map((id) => model.vocab[id]);
      generated.push(...toks);
      opts.onTokens?.(toks);
      if (r.stopped) {
        const exit = r.stopped === 'stop' ? exitFromTrace(generated) : undefined;
        return { prompt, generated, stopped: r.stopped, exitStatus: exit?.exitStatus, trap: exit?.trap, seconds: (performance.now() - t0) / 1000 };
      }
      if (generated.length >= maxTokens) return { prompt, generated, stopped: 'limit', seconds: (performance.now() - t0) / 1000 };
    }
  } finally {
    session.dispose();
  }
}

export interface TraceCheck {
  /** null = the generated tokens equal the reference trace. */
  divergence: TraceDivergence | null;
  /** Generated tokens that agree with the reference before the first divergence. */
  verifiedTokens: number;
}

/**
 * Compares generated tokens with the reference interpreter's trace after the input section.
 * `truncated`: the run was cut by a token limit, so only the tokens it produced are compared.
 */
export function checkAgainstReference(program: Program, input: Uint8Array | null, generated: readonly string[], opts: { truncated?: boolean } = {}): TraceCheck {
  const c = compareWithReference(program, input, stringTokens(generated), { from: 'generated', truncated: !!opts.truncated });
  return { divergence: c.divergence, verifiedTokens: c.verifiedTokens };
}
