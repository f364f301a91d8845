/**
 * A run's trace against the reference interpreter's (the oracle), streamed: the reference runs
 * alongside, advanced as the run's tokens arrive, so neither trace is ever held whole and a long
 * run reports its first divergence as soon as it happens. One treatment of a run cut by the token
 * limit: only the tokens it produced are compared (the reference stops at an instruction boundary,
 * a few tokens past the cut, and those tokens have nothing to be compared with).
 */
import type { Program } from '../program/program.ts';
import { inputSectionTokens } from '../program/tokenFiles.ts';
import { createReferenceSession, type ReferenceRun, type ReferenceSession } from '../reference/interpret.ts';
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
 * The comparison as the run goes: `push` each batch of the run's tokens (it returns the first
 * divergence once there is one, and ignores later batches), then `finish` when the run ended.
 * `from` is 'trace' (the run's tokens include the input section, as in `_ref.txt`) or
 * 'generated' (they start after it, as generated after a prompt that carried it).
 */
export class StreamingReferenceCheck {
  private readonly session: ReferenceSession;
  /** Reference tokens produced but not compared yet (the reference runs whole instructions). */
  private pending: string[] = [];
  private pendingHead = 0;
  /** Reference tokens still to drop before comparing (the input section, for 'generated'). */
  private toSkip: number;
  private readonly skip: number;
  private compared = 0;
  private last: ReferenceRun | null = null;
  divergence: TraceDivergence | null = null;

  constructor(program: Program, input: Uint8Array | null, from: 'trace' | 'generated') {
    this.skip = this.toSkip = from === 'generated' ? inputSectionTokens(program, input).length : 0;
    this.session = createReferenceSession(program, input, {
      batchSize: 1 << 14,
      onTokens: (batch) => {
        let start = 0;
        if (this.toSkip > 0) {
          start = Math.min(this.toSkip, batch.length);
          this.toSkip -= start;
        }
        for (let k = start; k < batch.length; k++) this.pending.push(batch[k]);
      },
    });
  }

  /** Tokens of the run compared so far (all equal to the reference's unless `divergence` is set). */
  get verifiedTokens(): number {
    return this.divergence ? this.divergence.index : this.compared;
  }

  push(tokens: TokenSource | readonly string[]): TraceDivergence | null {
    if (this.divergence) return this.divergence;
    const at = Array.isArray(tokens) ? (i: number) => (tokens as readonly string[])[i] : (i: number) => (tokens as TokenSource).at(i);
    const n = tokens.length;
    for (let i = 0; i < n; i++) {
      const expected = this.nextExpected();
      const got = at(i);
      if (expected === undefined || got !== expected) {
        this.divergence = { index: this.compared, got, expected: expected ?? '<end>' };
        return this.divergence;
      }
      this.compared++;
    }
    this.compact();
    return null;
  }

  /** The run ended: `truncated` = by a token limit (the reference's later tokens are not owed). */
  finish(truncated: boolean): ReferenceComparison {
    if (!this.divergence && !truncated) {
      const extra = this.nextExpected();
      if (extra !== undefined) this.divergence = { index: this.compared, got: '<end>', expected: extra };
    }
    const ref = this.last ?? this.session.advance(0);
    // The reference ran to its end unless it was stopped early (at a divergence or the cut).
    const finished = this.session.finished && !truncated && (this.divergence === null || this.divergence.expected === '<end>');
    return {
      divergence: this.divergence,
      verifiedTokens: this.verifiedTokens,
      referenceTokens: finished ? ref.tokenCount - this.skip : this.compared + (this.divergence ? 1 : 0),
      referenceStop: ref.stop,
      referenceError: ref.error,
      instructions: finished ? ref.instructionsExecuted : -1,
    };
  }

  /** The reference's next token, advancing it when none is pending; undefined once it has ended. */
  private nextExpected(): string | undefined {
    while (this.pendingHead >= this.pending.length) {
      if (this.session.finished) return undefined;
      this.pending = [];
      this.pendingHead = 0;
      this.last = this.session.advance(this.session.tokenCount + (1 << 16));
    }
    return this.pending[this.pendingHead++];
  }

  private compact(): void {
    if (this.pendingHead > 1 << 16) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }
}

/** The whole comparison at once, for a run already held (`got`); streamed underneath. */
export function compareWithReference(
  program: Program,
  input: Uint8Array | null,
  got: TokenSource,
  opts: { from: 'trace' | 'generated'; truncated: boolean },
): ReferenceComparison {
  const check = new StreamingReferenceCheck(program, input, opts.from);
  check.push(got);
  return check.finish(opts.truncated);
}

/** A string array as a token source. */
export function stringTokens(tokens: readonly string[]): TokenSource {
  return { length: tokens.length, at: (i) => tokens[i] };
}
