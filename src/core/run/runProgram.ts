import { StageError } from '../errors.ts';
import { DEFAULT_MAX_TOKENS, type Engine, type SessionOptions } from '../infer/session.ts';
import { tokenIds } from '../infer/vocabulary.ts';
import { EXIT_TAIL_TOKENS, exitFromTrace } from '../tokens/exitStatus.ts';
import type { Program } from '../program/program.ts';
import type { TraceDivergence } from '../tokens/traceDiff.ts';
import type { Model } from '../weights/binFile.ts';
import { compareWithReference, StreamingReferenceCheck, stringTokens, type ReferenceComparison, type TokenSource } from './referenceCheck.ts';
import { TokenIdBuffer } from './tokenIdBuffer.ts';
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
  /** Generated tokens (after the prompt), 2 bytes a token. */
  generated: GeneratedTokens;
  /** 'diverged': `check` was asked for and the run was stopped at its first divergence. */
  stopped: 'stop' | 'limit' | 'diverged';
  /** After the stop token: the exit status and trap name read from the generated tokens (tokens/exitStatus.ts). */
  exitStatus?: number;
  trap?: string;
  /** With `check`: the run against the reference interpreter, compared as it was generated. */
  check?: ReferenceComparison;
  seconds: number;
}

/** A run's generated tokens as vocabulary ids (a run of 10^8 tokens is not held as strings). */
export class GeneratedTokens implements TokenSource {
  private readonly ids = new TokenIdBuffer();
  constructor(private readonly vocab: readonly string[]) {}
  get length(): number {
    return this.ids.length;
  }
  at(i: number): string {
    return this.vocab[this.ids.at(i)];
  }
  push(ids: ArrayLike<number>): void {
    this.ids.push(ids);
  }
  /** The last `n` tokens (or all, if fewer). */
  tail(n: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, this.length - n); i < this.length; i++) out.push(this.at(i));
    return out;
  }
  toArray(): string[] {
    return this.tail(this.length);
  }
}

/**
 * Feeds the program's prompt and generates until the stop token or `maxTokens`. With `check`, the
 * reference interpreter runs alongside and the run stops at the first token that differs.
 */
export function runProgram(
  engine: Engine,
  model: Model,
  program: Program,
  input: Uint8Array | null,
  opts: SessionOptions & { batch?: number; check?: boolean; onTokens?: (tokens: string[]) => void } = {},
): ProgramRun {
  assertModelRunsProgram(model, program);
  const prompt = promptFor(model, program, input);
  const maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
  const session = engine.createSession(model, opts);
  const check = opts.check ? new StreamingReferenceCheck(program, input, 'generated') : null;
  const generated = new GeneratedTokens(model.vocab);
  const t0 = performance.now();
  const end = (stopped: ProgramRun['stopped']): ProgramRun => {
    const seconds = (performance.now() - t0) / 1000;
    const exit = stopped === 'stop' ? exitFromTrace(generated.tail(EXIT_TAIL_TOKENS)) : undefined;
    const checked = check?.finish(stopped !== 'stop');
    return { prompt, generated, stopped, exitStatus: exit?.exitStatus, trap: exit?.trap, check: checked, seconds };
  };
  try {
    session.feed(tokenIds(model, prompt));
    for (;;) {
      const r = session.generate(Math.min(opts.batch ?? 65_536, maxTokens - generated.length));
      generated.push(r.tokens);
      const toks = r.tokens.map((id) => model.vocab[id]);
      if (check?.push(toks)) {
        // Only what agrees with the reference, and the first token that does not, is shown.
        opts.onTokens?.(toks.slice(0, check.divergence!.index - (generated.length - toks.length) + 1));
        return end('diverged');
      }
      opts.onTokens?.(toks);
      if (r.stopped) return end(r.stopped);
      if (generated.length >= maxTokens) return end('limit');
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
export function checkAgainstReference(program: Program, input: Uint8Array | null, generated: readonly string[] | TokenSource, opts: { truncated?: boolean } = {}): TraceCheck {
  const source = Array.isArray(generated) ? stringTokens(generated as readonly string[]) : (generated as TokenSource);
  const c = compareWithReference(program, input, source, { from: 'generated', truncated: !!opts.truncated });
  return { divergence: c.divergence, verifiedTokens: c.verifiedTokens };
}
