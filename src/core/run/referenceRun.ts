/**
 * A program run on the reference interpreter, streamed as the page shows every run: the program
 * prefix, then the trace in batches of display ids, output bytes as they are printed (flushed at
 * most every 30 ms), and a summary. The run worker's reference engine.
 */
import type { Program } from '../program/program.ts';
import { formatRefFile, programTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { isTerminal } from '../tokens/spelling.ts';
import { displayTokenId } from './displayTokens.ts';
import type { RunEvent, RunSummary, TokenBatch } from './runEvents.ts';
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

export class ReferenceRunner {
  private last: { program: Program; trace: string[] } | null = null;

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
    const run = runReference(req.program, req.input, {
      maxTokens: req.maxTokens,
      trace: true,
      onOutput: (b) => {
        pending.push(b);
        if (performance.now() - lastFlush > OUTPUT_FLUSH_MS) flushOutput();
      },
    });
    const engineMs = performance.now() - t0;
    flushOutput();

    // The interpreter finishes the instruction the limit falls in; the page shows exactly the limit.
    const trace = run.tokens ?? [];
    if (trace.length > req.maxTokens) trace.length = req.maxTokens;
    const base = prefix.length;
    const lineStartAt = (i: number) => i === 0 || isTerminal(trace[i - 1]);
    for (let from = 0; from < trace.length; from += BATCH_TOKENS) {
      const to = Math.min(trace.length, from + BATCH_TOKENS);
      send({ kind: 'tokens', batch: makeBatch(trace, from, to, base, lineStartAt), generated: to, elapsedMs: engineMs });
    }
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
    return this.last ? formatRefFile(this.last.program, this.last.trace) : null;
  }
}
