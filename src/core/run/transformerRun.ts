/**
 * A program run through the transformer, streamed: feeds the prompt, generates in batches, ships
 * display ids and output bytes per batch, stops at `halt` or the token limit and says which, then
 * checks the trace against the reference interpreter. DOM-free and engine-agnostic (the worker
 * passes the Emscripten core, tests may pass either engine), so the CLI's logic runs unchanged.
 */
import { StageError } from '../errors.ts';
import { MAX_POSITIONS, type Engine } from '../infer/session.ts';
import { tokenIds } from '../infer/vocabulary.ts';
import { EXIT_TAIL_TOKENS, exitFromTrace } from '../tokens/exitStatus.ts';
import type { Program } from '../program/program.ts';
import { formatRefFile, inputSectionTokens, programPrefixTokens } from '../program/tokenFiles.ts';
import { isTerminal, parseOutToken } from '../tokens/spelling.ts';
import type { Model } from '../weights/binFile.ts';
import type { ModelMeta } from '../weights/modelMeta.ts';
import { displayTokenId } from './displayTokens.ts';
import { compareWithReference } from './referenceCheck.ts';
import type { InferEvent, InferSummary, RunCheck, TokenBatch } from './runEvents.ts';
import { isSpecializedModel, promptFor, specializedProgramMatch } from './specializedModel.ts';
import { TokenIdBuffer } from './tokenIdBuffer.ts';
import { prefixLineStart } from './traceLayout.ts';

export interface TransformerRunRequest {
  program: Program;
  input: Uint8Array;
  /** Limit on trace tokens (input section included), as for the reference interpreter. */
  maxTokens: number;
  /** Compare the trace with the reference interpreter's afterwards. */
  check: boolean;
}

/** Tokens per `generate` call: small enough for a live stream, large enough to cost nothing. */
const GENERATE_BATCH = 4096;

const ENGINE_LABEL = { wasm: 'transformer (wasm core)', ts: 'transformer (TS engine)', reference: 'reference interpreter' } as const;

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

/**
 * Runs a two-instruction loop through the engine for about `ms` milliseconds, so the browser has
 * compiled the core's hot functions with its optimizing tier before the user's first run (wasm
 * code is only swapped in at the next call, and the first seconds would otherwise run in the
 * baseline tier). Only for a universal model: its prompt carries the loop.
 */
export function warmUp(engine: Engine, model: Model, ms: number): { tokens: number; ms: number } {
  if (isSpecializedModel(model)) return { tokens: 0, ms: 0 };
  const loop: Program = {
    instructions: [{ op: 'i32.const', imm: 7 }, { op: 'drop', imm: 0 }, { op: 'br', imm: -3 }],
    inputBase: null,
  };
  const t0 = performance.now();
  const session = engine.createSession(model, { maxTokens: 10_000_000 });
  let tokens = 0;
  try {
    session.feed(tokenIds(model, programPrefixTokens(loop, null)));
    // At least one batch, however long feeding took: the JIT must see the generate loop.
    do {
      const r = session.generate(GENERATE_BATCH);
      tokens += r.tokens.length;
      if (r.stopped) break;
    } while (performance.now() - t0 < ms);
  } finally {
    session.dispose();
  }
  return { tokens, ms: performance.now() - t0 };
}

export interface LastRun {
  program: Program;
  /** Every token after the prompt's program part: input section, then the generated ones. */
  trace: TokenIdBuffer;
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
    this.specialized = isSpecializedModel(model);
  }

  /** Why this model cannot run `p`, or null. */
  refusal(p: Program): string | null {
    if (!this.specialized) return null;
    const match = specializedProgramMatch(this.meta.provenance, p, "the editor's program");
    return match.kind === 'different' ? match.message : null;
  }

  run(req: TransformerRunRequest, send: (e: InferEvent) => void): InferSummary {
    const refusal = this.refusal(req.program);
    if (refusal) throw new StageError('inference', refusal);
    this.last = null;
    const { model } = this;
    const section = inputSectionTokens(req.program, req.input);
    // The prompt's program part (display prefix) and the input section (the start of the trace).
    const prompt = promptFor(model, req.program, req.input);
    const promptHead = prompt.slice(0, prompt.length - section.length);
    const headIds = tokenIds(model, promptHead);
    const sectionIds = tokenIds(model, section);
    const budget = Math.max(0, req.maxTokens - section.length);
    const session = this.engine.createSession(model, { maxTokens: Math.max(1, budget) });
    const engineName = ENGINE_LABEL[this.engine.name];
    send({ kind: 'started', prefixTokens: headIds.length, engine: engineName });

    const { display, terminal, outByte } = this.tables;
    const trace = new TokenIdBuffer();
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
      ship(headIds, this.specialized ? () => true : (i) => prefixLineStart(i, n), 0, 0);

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
        ({ check, instructions } = this.check(req, trace, stopped === 'limit'));
      }
      let outputBytes = 0;
      for (let i = 0; i < trace.length; i++) if (outByte[trace.at(i)] >= 0) outputBytes++;
      const tail = Array.from({ length: Math.min(EXIT_TAIL_TOKENS, trace.length) }, (_, k) => this.model.vocab[trace.at(trace.length - Math.min(EXIT_TAIL_TOKENS, trace.length) + k)]);
      const exit = stopped === 'stop' ? exitFromTrace(tail) : undefined;
      return {
        stop: stopped === 'stop' ? 'halt' : 'budget',
        exitStatus: exit?.exitStatus,
        trap: exit?.trap,
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

  /** Compares the trace (input section included) with the reference interpreter's. */
  private check(req: TransformerRunRequest, trace: TokenIdBuffer, truncated: boolean): { check: RunCheck; instructions: number } {
    const t0 = performance.now();
    const { vocab } = this.model;
    const c = compareWithReference(req.program, req.input, { length: trace.length, at: (i) => vocab[trace.at(i)] }, { from: 'trace', truncated });
    const ms = performance.now() - t0;
    const d = c.divergence;
    if (!d) return { check: { result: 'match', tokens: trace.length, ms }, instructions: c.instructions };
    if (d.got !== '<end>' && d.expected !== '<end>') return { check: { result: 'diverged', index: d.index, transformer: d.got, reference: d.expected, ms }, instructions: -1 };
    return {
      check: { result: 'length', transformerTokens: trace.length, referenceTokens: c.referenceTokens, referenceStop: c.referenceStop, referenceError: c.referenceError, ms },
      instructions: c.instructions,
    };
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

