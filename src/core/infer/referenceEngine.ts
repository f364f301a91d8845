/**
 * The reference interpreter behind the engines' streaming interface (session.ts): fed the same
 * prompt as a transformer (the program prefix `{ … }` and the input section, as vocabulary ids),
 * it generates the token ids the transformer must generate, by running the program directly. So
 * every caller of an engine (runProgram, the CLI's `run --engine reference`, tests) can put the
 * oracle where a transformer goes. The program is read back from the prompt, so a specialized
 * model's prompt (`start` + input: the program is in the weights) is refused. No inspection: the
 * interpreter has no layers or heads.
 */
import { StageError } from '../errors.ts';
import { parseTokenFile } from '../program/tokenFiles.ts';
import { createReferenceSession, type ReferenceSession } from '../reference/interpret.ts';
import type { Model } from '../weights/binFile.ts';
import { DEFAULT_MAX_TOKENS, MAX_POSITIONS, type Engine, type EngineSession, type GenerateResult, type SessionOptions, type SessionStats, type StopReason, type TokenInspection } from './session.ts';
import { checkTokenIds, tokenIds } from './vocabulary.ts';

class ReferenceEngineSession implements EngineSession {
  private prompt: number[] = [];
  private interpreter: ReferenceSession | null = null;
  /** Interpreter tokens produced but not generated yet (it runs whole instructions). */
  private pending: string[] = [];
  private pendingHead = 0;
  /** Interpreter tokens still to drop: the input section the prompt already holds. */
  private toSkip = 0;
  private generated = 0;
  private stopped: StopReason = null;
  private fault: string | null = null;
  private readonly maxTokens: number;

  constructor(
    readonly model: Model,
    opts: SessionOptions,
  ) {
    this.maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
  }

  get position(): number {
    return this.prompt.length + this.generated;
  }

  feed(tokens: ArrayLike<number>): void {
    checkTokenIds(this.model, tokens);
    if (this.interpreter) throw new StageError('inference', 'the reference engine takes its prompt before generating, not more input afterwards');
    if (this.position + tokens.length > MAX_POSITIONS) throw new StageError('inference', `sequence would exceed the limit of ${MAX_POSITIONS} positions`);
    for (let i = 0; i < tokens.length; i++) this.prompt.push(tokens[i]);
  }

  generate(maxTokens: number): GenerateResult {
    const out: number[] = [];
    if (this.stopped) return { tokens: out, stopped: this.stopped };
    if (this.fault) throw new StageError('inference', `the reference interpreter stopped: ${this.fault}`);
    this.start();
    const halt = this.model.stopToken;
    const toks: string[] = [];
    while (toks.length < maxTokens) {
      if (this.generated + toks.length >= this.maxTokens || this.position + toks.length >= MAX_POSITIONS) {
        this.stopped = 'limit';
        break;
      }
      const t = this.next();
      if (t === undefined) break;
      toks.push(t);
      if (t === this.model.vocab[halt]) {
        this.stopped = 'stop';
        break;
      }
    }
    out.push(...tokenIds(this.model, toks));
    this.generated += out.length;
    if (!this.stopped && (this.generated >= this.maxTokens || this.position >= MAX_POSITIONS)) this.stopped = 'limit';
    if (this.fault && out.length === 0) throw new StageError('inference', `the reference interpreter stopped: ${this.fault}`);
    return { tokens: out, stopped: this.stopped };
  }

  reset(): void {
    this.prompt = [];
    this.interpreter = null;
    this.pending = [];
    this.pendingHead = 0;
    this.generated = 0;
    this.stopped = null;
    this.fault = null;
  }

  inspectAt(): void {}

  takeInspection(): TokenInspection | null {
    return null;
  }

  stats(): SessionStats {
    return { position: this.position, generated: this.generated, stateBytes: 0 };
  }

  dispose(): void {
    this.reset();
  }

  /** Reads the program and its input back from the prompt, and starts the interpreter. */
  private start(): void {
    if (this.interpreter) return;
    if (this.prompt.length === 0) throw new StageError('inference', 'generate needs at least one fed token');
    const text = this.prompt.map((id) => this.model.vocab[id]).join(' ');
    let parsed;
    try {
      parsed = parseTokenFile(text);
    } catch (e) {
      throw new StageError('inference', `the reference engine needs a prompt that holds the program: ${(e as Error).message}`);
    }
    this.toSkip = parsed.after.length;
    const given = parsed.after;
    let seen = 0;
    this.interpreter = createReferenceSession(parsed.program, parsed.input, {
      batchSize: 1 << 14,
      onTokens: (batch) => {
        for (const t of batch) {
          if (this.toSkip > 0) {
            if (t !== given[seen]) throw new StageError('inference', `the prompt's input section differs from the program's at its token ${seen}: '${given[seen]}', the program writes '${t}'`);
            seen++;
            this.toSkip--;
          } else this.pending.push(t);
        }
      },
    });
  }

  private next(): string | undefined {
    while (this.pendingHead >= this.pending.length) {
      const s = this.interpreter!;
      if (s.finished || this.fault) return undefined;
      this.pending = [];
      this.pendingHead = 0;
      const r = s.advance(s.tokenCount + (1 << 16));
      if (r.stop === 'error') this.fault = r.error ?? 'a machine fault';
    }
    return this.pending[this.pendingHead++];
  }
}

export const referenceEngine: Engine = {
  name: 'reference',
  createSession: (model: Model, opts: SessionOptions = {}) => new ReferenceEngineSession(model, opts),
};
