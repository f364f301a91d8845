import { StageError } from '../errors.ts';
import { exitFromTrace } from '../program/exitStatus.ts';
import { programHash } from '../program/programHash.ts';
import type { Program } from '../program/program.ts';
import { inputSectionTokens, programPrefixTokens, specInputTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { SPECIALIZED_START_TOKEN } from '../tokens/spelling.ts';
import { firstDivergence, type TraceDivergence } from '../tokens/traceDiff.ts';
import type { Model } from '../weights/binFile.ts';
import type { Engine, SessionOptions } from './session.ts';
import { tokenIds } from './vocabulary.ts';

export function isSpecializedModel(model: Model): boolean {
  return model.vocab.includes(SPECIALIZED_START_TOKEN);
}

/**
 * A specialized model runs only the program baked into it: refuse another one. Returns false
 * when the model does not say which program it holds (an original-format file without metadata).
 */
export function assertModelRunsProgram(model: Model, program: Program, name = 'this program'): boolean {
  if (!isSpecializedModel(model)) return true;
  const baked = model.info?.provenance?.programHash;
  if (!baked) return false;
  const given = programHash(program);
  if (baked !== given) {
    throw new StageError('inference', `this model is specialized for program '${model.info?.provenance?.program ?? '?'}' (hash ${baked}); ${name} is a different program (hash ${given})`);
  }
  return true;
}

/** The prompt a model needs for a program: the full prefix, or `start` + input for a specialized model. */
export function promptFor(model: Model, program: Program, input: Uint8Array | null): string[] {
  return isSpecializedModel(model) ? specInputTokens(program, input) : programPrefixTokens(program, input);
}

export interface ProgramRun {
  prompt: string[];
  /** Generated tokens (after the prompt). */
  generated: string[];
  stopped: 'stop' | 'limit';
  /** After the stop token: the exit status and trap name read from the generated tokens (program/exitStatus.ts). */
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
  const maxTokens = opts.maxTokens ?? 6_000_000;
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
  expectedTokens: number;
}

/**
 * Compares generated tokens with the reference interpreter's trace after the input section.
 * `truncated`: the run was cut by a token limit, so only the tokens it produced are compared.
 */
export function checkAgainstReference(program: Program, input: Uint8Array | null, generated: readonly string[], opts: { truncated?: boolean } = {}): TraceCheck {
  const skip = inputSectionTokens(program, input).length;
  const ref = runReference(program, input, { trace: true, maxTokens: opts.truncated ? generated.length + skip : undefined });
  let expected = ref.tokens!.slice(skip);
  if (opts.truncated) expected = expected.slice(0, generated.length);
  const divergence = firstDivergence(generated, expected);
  return { divergence, verifiedTokens: divergence ? divergence.index : generated.length, expectedTokens: expected.length };
}
