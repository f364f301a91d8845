/**
 * A run's trace against the reference interpreter's (the oracle), streamed: the reference's tokens
 * are compared as it produces them, so neither trace is held twice. One treatment of a run cut by
 * the token limit: only the tokens it produced are compared (the reference stops at an instruction
 * boundary, a few tokens past the cut, and those tokens have nothing to be compared with).
 */
import type { Program } from '../program/program.ts';
import { inputSectionTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import type { TraceDivergence } from '../tokens/traceDiff.ts';

/** The tokens a run produced, read one at a time (a string array, or ids through a vocabulary). */
export interface TokenSource {
  readonly length: number;
  at(i: number): string;
}

export interface ReferenceComparison {
  /** null = the tokens equal the reference trace (up to the cut when the run was truncated). */
  divergence: TraceDivergence | null;
  /** Tokens that agree with the reference before the first divergence. */
  verifiedTokens: number;
  /** Tokens the reference produced over the compared span (the whole trace unless truncated). */
  referenceTokens: number;
  referenceStop: 'halt' | 'budget' | 'error';
  referenceError?: string;
  /** Instructions the reference executed; −1 when it was stopped early (a divergence or the cut). */
  instructions: number;
}

/**
 * `got` is the run's trace from `from` on, where `from` is 'trace' (the input section included,
 * as in `_ref.txt`) or 'generated' (after the input section, as generated after a prompt that
 * carried it). `truncated`: the run was cut by a token limit.
 */
export function compareWithReference(
  program: Program,
  input: Uint8Array | null,
  got: TokenSource,
  opts: { from: 'trace' | 'generated'; truncated: boolean },
): ReferenceComparison {
  const skip = opts.from === 'generated' ? inputSectionTokens(program, input).length : 0;
  let i = -skip;
  let divergence: TraceDivergence | null = null;
  let cut = false;
  const stopSignal = new Error('stop');
  let ref: ReturnType<typeof runReference> | null = null;
  try {
    ref = runReference(program, input, {
      maxTokens: opts.truncated ? got.length + skip : undefined,
      batchSize: 1 << 16,
      onTokens: (batch) => {
        for (const expected of batch) {
          if (i >= 0) {
            if (i >= got.length) {
              if (opts.truncated) cut = true;
              else divergence = { index: i, got: '<end>', expected };
              throw stopSignal;
            }
            const t = got.at(i);
            if (t !== expected) {
              divergence = { index: i, got: t, expected };
              throw stopSignal;
            }
          }
          i++;
        }
      },
    });
  } catch (e) {
    if (e !== stopSignal) throw e;
  }
  const compared = Math.max(0, i);
  if (!divergence && !cut && ref && compared < got.length) divergence = { index: compared, got: got.at(compared), expected: '<end>' };
  // The reference ran to its end unless it was stopped early (at a divergence or the cut).
  const finished = ref !== null && !cut && (divergence === null || (divergence as TraceDivergence).expected === '<end>');
  return {
    divergence,
    verifiedTokens: divergence ? divergence.index : got.length,
    referenceTokens: ref ? ref.tokenCount - skip : compared,
    referenceStop: ref?.stop ?? 'budget',
    referenceError: ref?.error,
    instructions: finished ? ref!.instructionsExecuted : -1,
  };
}

/** A string array as a token source. */
export function stringTokens(tokens: readonly string[]): TokenSource {
  return { length: tokens.length, at: (i) => tokens[i] };
}
