/**
 * A program run on the reference interpreter, streamed as the page shows every run: the program
 * prefix, then the trace in batches of display ids as the interpreter produces them, output bytes
 * as they are printed (flushed at most every 30 ms), and a summary. The run worker's reference engine.
 */
import type { Program } from '../program/program.ts';
import { formatRefFile, programTokens } from '../program/tokenFiles.ts';
import { createReferenceSession } from '../reference/interpret.ts';
import { isTerminal } from '../tokens/spelling.ts';
import { DISPLAY_TOKENS, displayTokenId } from './displayTokens.ts';
import type { RunEvent, RunSummary, TokenBatch } from './runEvents.ts';
import { TokenIdBuffer } from './tokenIdBuffer.ts';
import { prefixLineStart } from './traceLayout.ts';

const ENGINE = 'reference interpreter';
const BATCH_TOKENS = 1 << 16;
const OUTPUT_FLUSH_MS = 30;

/** `tokens[from, to)` as a batch starting at `offset + from`. */
function makeBatch(tokens: readonly string[], from: number, to: number, offset: number, lineStartAt: (i: number) => boolean): TokenBatch {
  const ids = new Uint16Array(to - from);
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    ids[i - from] = displayTokenId(tokens[i]);
    if (lineStartAt(i)) starts.push(offset + i);
  }
  return { start: offset + from, ids, lineStarts: Uint32Array.from(starts) };
}

/**
 * Streams as it runs: each batch of the interpreter's tokens is shipped when it is produced (a
 * long run shows from its first moment), and the trace is kept as display ids, 2 bytes a token.
 */
export class ReferenceRunner {
  private last: { program: Program; trace: TokenIdBuffer } | null = null;

  run(req: { program: Program; input: Uint8Array; maxTokens: number }, send: (e: RunEvent) => void): RunSummary {
    this.last = null;
    const prefix = programTokens(req.program);
    const n = req.program.instructions.length;
    send({ kind: 'started', prefixTokens: prefix.length, engine: ENGINE });
    const t0 = performance.now();
    send({ kind: 'tokens', batch: makeBatch(prefix, 0, prefix.length, 0, (i) => prefixLineStart(i, n)), generated: 0, elapsedMs: 0 });

    let pending: number[] = [];
    let lastFlush = performance.now();
    const flushOutput = () => {
      if (pending.length) send({ kind: 'output', bytes: Uint8Array.from(pending) });
      pending = [];
      lastFlush = performance.now();
    };
    const trace = new TokenIdBuffer();
    const base = prefix.length;
    let lastTerminal = true;
    const session = createReferenceSession(req.program, req.input, {
      batchSize: BATCH_TOKENS,
      onOutput: (b) => {
        pending.push(b);
        if (performance.now() - lastFlush > OUTPUT_FLUSH_MS) flushOutput();
      },
      onTokens: (tokens) => {
        // The interpreter finishes the instruction the limit falls in; the page shows exactly the limit.
        const take = Math.min(tokens.length, req.maxTokens - trace.length);
        if (take <= 0) return;
        const first = lastTerminal;
        const batch = makeBatch(tokens, 0, take, base + trace.length, (i) => (i === 0 ? first : isTerminal(tokens[i - 1])));
        lastTerminal = isTerminal(tokens[take - 1]);
        trace.push(batch.ids);
        send({ kind: 'tokens', batch, generated: trace.length, elapsedMs: performance.now() - t0 });
      },
    });
    const run = session.advance(req.maxTokens);
    const engineMs = performance.now() - t0;
    flushOutput();
    this.last = { program: req.program, trace };
    return {
      stop: run.stop,
      error: run.error,
      exitStatus: run.exitStatus,
      trap: run.trap,
      generatedTokens: trace.length,
      prefixTokens: prefix.length,
      instructionsExecuted: run.instructionsExecuted,
      outputBytes: run.output.length,
      engineMs,
      engine: ENGINE,
    };
  }

  /** `_ref.txt` of the last run. */
  lastRefFile(): string | null {
    if (!this.last) return null;
    const { program, trace } = this.last;
    const toks: string[] = new Array(trace.length);
    for (let i = 0; i < trace.length; i++) toks[i] = DISPLAY_TOKENS[trace.at(i)];
    return formatRefFile(program, toks);
  }
}
