/**
 * The token stream of a run as vocabulary ids (2 bytes a token), regenerated in the inspect
 * worker by the reference interpreter: the program prefix (`{`, 5 tokens per instruction, `}`),
 * then the input section and the execution trace. Grown on demand, at least doubling, by resuming
 * one interpreter session.
 */
import { createReferenceSession, type ReferenceSession } from '../../reference/interpret.ts';
import { programTokens } from '../../program/tokenFiles.ts';
import type { Program } from '../../program/program.ts';
import type { Vocabulary } from '../../tokens/vocabulary.ts';
import { TokenIdBuffer } from '../tokenIdBuffer.ts';

export class TraceIds {
  private readonly ids = new TokenIdBuffer(1 << 16);
  /** The prefix without the input section (the page's "prefix" count). */
  readonly prefixTokens: number;
  /** True once the interpreter stopped (halt, fault or the cap) within the held tokens. */
  complete = false;
  private readonly session: ReferenceSession;

  constructor(
    private readonly program: Program,
    private readonly input: Uint8Array,
    private readonly vocab: Vocabulary,
    /** Tokens (absolute) never generated beyond: the run's token limit plus its prefix. */
    private readonly cap: number,
  ) {
    // `{`, the instructions, `}`; the input section comes with the interpreter's trace.
    const prefix = programTokens(program);
    this.prefixTokens = prefix.length;
    this.append(prefix);
    this.session = createReferenceSession(program, input, { batchSize: 1 << 14, onTokens: (batch) => this.append(batch) });
  }

  get length(): number {
    return this.ids.length;
  }

  /** Makes tokens [0, upTo) available when the run has them; returns how many are held. */
  ensure(upTo: number): number {
    if (upTo <= this.length || this.complete) return this.length;
    const want = Math.min(this.cap, Math.max(upTo, 2 * this.length, 1 << 16));
    this.session.advance(want - this.prefixTokens);
    if (this.length < want) this.complete = true;
    if (this.length >= this.cap) this.complete = true;
    return this.length;
  }

  id(position: number): number {
    return this.ids.at(position);
  }

  private append(tokens: readonly string[]): void {
    this.ids.push(tokens.map((t) => this.vocab.id(t)));
  }
}
