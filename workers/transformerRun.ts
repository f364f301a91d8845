/**
 * A program run through the transformer, streamed: feeds the prompt, generates in batches, ships
 * display ids and output bytes per batch, stops at `halt` or the token limit and says which, then
 * checks the trace against the reference interpreter. DOM-free and engine-agnostic (the worker
 * passes the Emscripten core, tests may pass either engine), so the CLI's logic runs unchanged.
 */
import { StageError } from '../src/core/errors.ts';
import { MAX_POSITIONS, type Engine } from '../src/core/infer/session.ts';
import { tokenIds } from '../src/core/infer/vocabulary.ts';
import { programHash } from '../src/core/program/programHash.ts';
import type { Program } from '../src/core/program/program.ts';
import { formatRefFile, inputSectionTokens, programPrefixTokens, specInputTokens } from '../src/core/program/tokenFiles.ts';
import { runReference } from '../src/core/reference/interpret.ts';
import { SPECIALIZED_START_TOKEN, isTerminal, parseOutToken } from '../src/core/tokens/spelling.ts';
import type { Model } from '../src/core/weights/binFile.ts';
import type { ModelMeta } from '../src/ui/model/modelMeta.ts';
import { displayTokenId } from '../src/ui/token-stream/tokenTable.ts';
import type { InferEvent, InferRunRequest, InferSummary, RunCheck } from './inferProtocol.ts';
import type { TokenBatch } from './protocol.ts';

/** Tokens per `generate` call: small enough for a live stream, large enough to cost nothing. */
export const GENERATE_BATCH = 4096;

const ENGINE_LABEL = { wasm: 'transformer (wasm core)', ts: 'transformer (TS engine)' } as const;

/** Per-vocabulary-id tables, built once per model. */
interface VocabTables {
  display: Uint16Array;
  terminal: Uint8Array;
  /** The byte an `out(..)` token prints, −1 for other tokens. */
  outByte: Int16Array;
}

function vocabTables(model: Model): VocabTables {
  const display = new Uint16Array(model.V);
  const terminal = new Uint8Array(model.V);
  const outByte = new Int16Array(model.V).fill(-1);
  model.vocab.forEach((t, id) => {
    display[id] = displayTokenId(t);
    terminal[id] = isTerminal(t) ? 1 : 0;
    outByte[id] = parseOutToken(t) ?? -1;
  });
  return { display, terminal, outByte };
}

/** Growable id list (the trace), 2 bytes a token while the vocabulary fits. */
class IdList {
  private a = new Uint16Array(1 << 14);
  length = 0;

  push(ids: ArrayLike<number>): void {
    if (this.length + ids.length > this.a.length) {
      let n = this.a.length;
      while (n < this.length + ids.length) n *= 2;
      const b = new Uint16Array(n);
      b.set(this.a.subarray(0, this.length));
      this.a = b;
    }
    for (let i = 0; i < ids.length; i++) this.a[this.length + i] = ids[i];
    this.length += ids.length;
  }

  at(i: number): number {
    return this.a[i];
  }
}

/**
 * Runs a two-instruction loop through the engine for about `ms` milliseconds, so the browser has
 * compiled the core's hot functions with its optimizing tier before the user's first run (wasm
 * code is only swapped in at the next call, and the first seconds would otherwise run in the
 * baseline tier). Only for a universal model: its prompt carries the loop.
 */
export function warmUp(engine: Engine, model: Model, ms: number): { tokens: number; ms: number } {
  if (model.vocab.includes(SPECIALIZED_START_TOKEN)) return { tokens: 0, ms: 0 };
  const loop: Program = {
    instructions: [{ op: 'i32.const', imm: 7 }, { op: 'drop', imm: 0 }, { op: 'br', imm: -3 }],
    inputBase: null,
  };
  const t0 = performance.now();
  const session = engine.createSession(model, { maxTokens: 10_000_000 });
  let tokens = 0;
  try {
    session.feed(tokenIds(model, programPrefixTokens(loop, null)));
    while (performance.now() - t0 < ms) {
      const r = session.generate(GENERATE_BATCH);
      tokens += r.tokens.length;
      if (r.stopped) break;
    }
  } finally {
    session.dispose();
  }
  return { tokens, ms: performance.now() - t0 };
}

export interface LastRun {
  program: Program;
  /** Every token after the prompt's program part: input section, then the generated ones. */
  trace: IdList;
}

export class TransformerRunner {
  private readonly tables: VocabTables;
  readonly specialized: boolean;
  private last: LastRun | null = null;

  constructor(
    private readonly engine: Engine,
    readonly model: Model,
    readonly meta: ModelMeta,
    readonly key: string,
  ) {
    if (model.V > 0xffff) throw new StageError('model', `vocabulary of ${model.V} tokens is larger than the playground's 16-bit token ids`);
    this.tables = vocabTables(model);
    this.specialized = model.vocab.includes(SPECIALIZED_START_TOKEN);
  }

  /** Why this model cannot run `p`, or null. */
  refusal(p: Program): string | null {
    if (!this.specialized) return null;
    const baked = this.meta.provenance.programHash;
    const given = programHash(p);
    if (baked && baked !== given) {
      return `this model is specialized for the program '${this.meta.provenance.program ?? '?'}' (hash ${baked}); the editor's program is a different one (hash ${given}). Specialize it again or choose the universal model.`;
    }
    return null;
  }

  run(req: InferRunRequest, send: (e: InferEvent) => void): InferSummary {
    const refusal = this.refusal(req.program);
    if (refusal) throw new StageError('inference', refusal);
    this.last = null;
    const { model } = this;
    const section = inputSectionTokens(req.program, req.input);
    // The prompt's program part (display prefix) and the input section (the start of the trace).
    const prompt = this.specialized ? specInputTokens(req.program, req.input) : programPrefixTokens(req.program, req.input);
    const promptHead = prompt.slice(0, prompt.length - section.length);
    const headIds = tokenIds(model, promptHead);
    const sectionIds = tokenIds(model, section);
    const budget = Math.max(0, req.maxTokens - section.length);
    const session = this.engine.createSession(model, { maxTokens: Math.max(1, budget) });
    const engineName = ENGINE_LABEL[this.engine.name];
    send({ kind: 'started', prefixTokens: headIds.length, engine: engineName });

    const { display, terminal, outByte } = this.tables;
    const trace = new IdList();
    let shipped = 0;
    let lineOpen = false;
    // Ships `ids` (absolute start `start`): display ids, line starts, output bytes.
    const ship = (ids: ArrayLike<number>, lineStartAt: (i: number) => boolean, generated: number, elapsedMs: number) => {
      const d = new Uint16Array(ids.length);
      const starts: number[] = [];
      const out: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        d[i] = display[id];
        if (lineStartAt(i)) starts.push(shipped + i);
        if (outByte[id] >= 0) out.push(outByte[id]);
      }
      if (out.length) send({ kind: 'output', bytes: Uint8Array.from(out) });
      const batch: TokenBatch = { start: shipped, ids: d, lineStarts: Uint32Array.from(starts) };
      shipped += ids.length;
      send({ kind: 'tokens', batch, generated, elapsedMs });
    };
    const traceLines = (ids: ArrayLike<number>) => (i: number) => {
      const starts = i === 0 ? !lineOpen : terminal[ids[i - 1]] === 1;
      if (i === ids.length - 1) lineOpen = terminal[ids[i]] !== 1;
      return starts;
    };

    try {
      const t0 = performance.now();
      session.feed(headIds);
      const feedMs = performance.now() - t0;
      const n = req.program.instructions.length;
      ship(headIds, this.specialized ? () => true : (i) => i === 0 || i === 5 * n + 1 || (i - 1) % 5 === 0, 0, 0);

      // Engine time from here on: the input section and the generated tokens are the trace.
      let engineMs = 0;
      let t = performance.now();
      if (sectionIds.length) session.feed(sectionIds);
      engineMs += performance.now() - t;
      trace.push(sectionIds);
      if (sectionIds.length) ship(sectionIds, traceLines(sectionIds), trace.length, engineMs);

      let stopped: 'stop' | 'limit' | null = budget === 0 ? 'limit' : null;
      while (!stopped) {
        t = performance.now();
        const r = session.generate(Math.min(GENERATE_BATCH, budget - (trace.length - sectionIds.length)));
        engineMs += performance.now() - t;
        trace.push(r.tokens);
        if (r.tokens.length) ship(r.tokens, traceLines(r.tokens), trace.length, engineMs);
        stopped = r.stopped ?? (trace.length - sectionIds.length >= budget || r.tokens.length === 0 ? 'limit' : null);
      }
      const stats = session.stats();
      const positionLimit = stopped === 'limit' && stats.position >= MAX_POSITIONS;

      this.last = { program: req.program, trace };
      let check: RunCheck = { result: 'skipped', reason: 'not requested' };
      let instructions = -1;
      if (req.check) {
        send({ kind: 'checking', tokens: trace.length });
        ({ check, instructions } = this.check(req, trace));
      }
      let outputBytes = 0;
      for (let i = 0; i < trace.length; i++) if (outByte[trace.at(i)] >= 0) outputBytes++;
      return {
        stop: stopped === 'stop' ? 'halt' : 'budget',
        error: positionLimit ? `stopped at the transformer's limit of ${MAX_POSITIONS.toLocaleString('en-US')} positions (prompt included)` : undefined,
        generatedTokens: trace.length,
        prefixTokens: headIds.length,
        instructionsExecuted: instructions,
        outputBytes,
        engineMs,
        engine: engineName,
        promptTokens: headIds.length,
        feedMs,
        modelKey: this.key,
        specialized: this.specialized,
        stateBytes: stats.stateBytes,
        check,
      };
    } finally {
      session.dispose();
    }
  }

  /** Runs the reference interpreter over the same number of tokens and finds the first difference. */
  private check(req: InferRunRequest, trace: IdList): { check: RunCheck; instructions: number } {
    const t0 = performance.now();
    const ids = new Map(this.model.vocab.map((s, i) => [s, i]));
    let i = 0;
    let diverged: RunCheck | null = null;
    let cut = false;
    const stopSignal = new Error('diverged');
    let ref;
    try {
      ref = runReference(req.program, req.input, {
        maxTokens: trace.length,
        batchSize: 1 << 16,
        onTokens: (batch) => {
          for (const tok of batch) {
            // The reference stops at an instruction boundary, a few tokens past a transformer run
            // that the token limit cut short: those tokens have nothing to be compared with.
            if (i >= trace.length) {
              cut = true;
              throw stopSignal;
            }
            if (ids.get(tok) !== trace.at(i)) {
              diverged = { result: 'diverged', index: i, transformer: this.model.vocab[trace.at(i)], reference: tok, ms: 0 };
              throw stopSignal;
            }
            i++;
          }
        },
      });
    } catch (e) {
      if (e !== stopSignal) throw e;
    }
    const ms = performance.now() - t0;
    if (diverged) return { check: { ...(diverged as RunCheck & { result: 'diverged' }), ms }, instructions: -1 };
    if (cut) return { check: { result: 'match', tokens: trace.length, ms }, instructions: -1 };
    if (!ref || ref.tokenCount !== trace.length) {
      return {
        check: { result: 'length', transformerTokens: trace.length, referenceTokens: ref?.tokenCount ?? i, referenceStop: ref?.stop ?? '?', referenceError: ref?.error, ms },
        instructions: ref?.instructionsExecuted ?? -1,
      };
    }
    return { check: { result: 'match', tokens: trace.length, ms }, instructions: ref.instructionsExecuted };
  }

  /** `_ref.txt` of the last run: the transformer's own tokens. */
  lastRefFile(): string | null {
    if (!this.last) return null;
    const { program, trace } = this.last;
    const toks: string[] = new Array(trace.length);
    for (let i = 0; i < trace.length; i++) toks[i] = this.model.vocab[trace.at(i)];
    return formatRefFile(program, toks);
  }
}

