/**
 * The token stream of a run as vocabulary ids (2 bytes a token), regenerated in the inspect
 * worker by the reference interpreter: the program prefix (`{`, 5 tokens per instruction, `}`),
 * then the input section and the execution trace. Grown on demand by re-running the interpreter
 * with a doubled budget (it runs ~10–20 M tokens/s, so the doubling costs little).
 */
import { runReference } from '../../reference/interpret.ts';
import { programPrefixTokens } from '../../program/tokenFiles.ts';
import type { Program } from '../../program/program.ts';
import type { Vocabulary } from '../../tokens/vocabulary.ts';

export class TraceIds {
  private ids = new Uint16Array(0);
  private count = 0;
  /** The prefix without the input section (the page's "prefix" count). */
  readonly prefixTokens: number;
  /** True once the interpreter stopped (halt, fault or the cap) within the held tokens. */
  complete = false;

  constructor(
    private readonly program: Program,
    private readonly input: Uint8Array,
    private readonly vocab: Vocabulary,
    /** Tokens (absolute) never generated beyond: the run's token limit plus its prefix. */
    private readonly cap: number,
  ) {
    // `{`, the instructions, `}`; the input section comes with the interpreter's trace.
    const prefix = programPrefixTokens(program, input).slice(0, 5 * program.instructions.length + 2);
    this.prefixTokens = prefix.length;
    this.append(prefix);
  }

  get length(): number {
    return this.count;
  }

  /** Makes tokens [0, upTo) available when the run has them; returns how many are held. */
  ensure(upTo: number): number {
    if (upTo <= this.count || this.complete) return this.count;
    const want = Math.min(this.cap, Math.max(upTo, 2 * this.count, 1 << 16));
    const budget = want - this.prefixTokens;
    let seen = this.prefixTokens;
    runReference(this.program, this.input, {
      maxTokens: budget,
      batchSize: 1 << 14,
      onTokens: (batch) => {
        // Tokens already held are skipped: the interpreter is deterministic.
        const skip = Math.max(0, Math.min(batch.length, this.count - seen));
        if (skip < batch.length) this.append(skip ? batch.slice(skip) : batch);
        seen += batch.length;
      },
    });
    if (this.count < want) this.complete = true;
    if (this.count >= this.cap) this.complete = true;
    return this.count;
  }

  id(position: number): number {
    return this.ids[position];
  }

  private append(tokens: readonly string[]): void {
    if (this.count + tokens.length > this.ids.length) {
      let n = Math.max(1 << 16, this.ids.length);
      while (n < this.count + tokens.length) n *= 2;
      const b = new Uint16Array(n);
      b.set(this.ids.subarray(0, this.count));
      this.ids = b;
    }
    for (let i = 0; i < tokens.length; i++) this.ids[this.count + i] = this.vocab.id(tokens[i]);
    this.count += tokens.length;
  }
}
