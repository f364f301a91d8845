/**
 * Run worker: executes a program off the main thread and ships its token stream to the page in
 * batches of display ids. Today the engine is the reference interpreter (the transformer core
 * replaces it when it lands). Stopping is done by the page terminating this worker.
 */
import * as Comlink from 'comlink';
import { runReference } from '../src/core/reference/interpret.ts';
import { formatRefFile, instructionTokens } from '../src/core/program/tokenFiles.ts';
import { END_PROGRAM_TOKEN, START_TOKEN, isTerminal } from '../src/core/tokens/spelling.ts';
import type { Program } from '../src/core/program/program.ts';
import { displayTokenId } from '../src/ui/token-stream/tokenTable.ts';
import type { RunApi, RunEvent, RunRequest, RunSummary, TokenBatch } from './protocol.ts';

const ENGINE = 'reference interpreter';
const BATCH_TOKENS = 1 << 16;
const OUTPUT_FLUSH_MS = 30;

let last: { program: Program; trace: string[] } | null = null;

function prefixTokens(p: Program): string[] {
  const toks = [START_TOKEN];
  for (const ins of p.instructions) toks.push(...instructionTokens(ins));
  toks.push(END_PROGRAM_TOKEN);
  return toks;
}

/**
 * Converts `tokens[from, to)` into a batch. Display lines: `{` alone, one line per instruction,
 * `}` alone, then the trace grouped as in `_ref.txt` (a line closes after each terminal token).
 */
function makeBatch(tokens: readonly string[], from: number, to: number, offset: number, lineStartAt: (i: number) => boolean): TokenBatch {
  const ids = new Uint16Array(to - from);
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    ids[i - from] = displayTokenId(tokens[i]);
    if (lineStartAt(i)) starts.push(offset + i);
  }
  return { start: offset + from, ids, lineStarts: Uint32Array.from(starts) };
}

function send(onEvent: (e: RunEvent) => void, e: RunEvent): void {
  if (e.kind === 'tokens') onEvent(Comlink.transfer(e, [e.batch.ids.buffer, e.batch.lineStarts.buffer]));
  else if (e.kind === 'output') onEvent(Comlink.transfer(e, [e.bytes.buffer]));
  else onEvent(e);
}

const api: RunApi = {
  async run(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunSummary> {
    last = null;
    const prefix = prefixTokens(req.program);
    const n = req.program.instructions.length;
    send(onEvent, { kind: 'started', prefixTokens: prefix.length, engine: ENGINE });
    const t0 = performance.now();
    send(onEvent, {
      kind: 'tokens',
      batch: makeBatch(prefix, 0, prefix.length, 0, (i) => i === 0 || i === 5 * n + 1 || (i - 1) % 5 === 0),
      generated: 0,
      elapsedMs: 0,
    });

    let pending: number[] = [];
    let lastFlush = performance.now();
    const flushOutput = () => {
      if (pending.length) send(onEvent, { kind: 'output', bytes: Uint8Array.from(pending) });
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
      send(onEvent, { kind: 'tokens', batch: makeBatch(trace, from, to, base, lineStartAt), generated: to, elapsedMs: engineMs });
    }
    last = { program: req.program, trace };
    const summary: RunSummary = {
      stop: run.stop,
      error: run.error,
      generatedTokens: trace.length,
      prefixTokens: prefix.length,
      instructionsExecuted: run.instructionsExecuted,
      outputBytes: run.output.length,
      engineMs,
      engine: ENGINE,
    };
    send(onEvent, { kind: 'finished', summary });
    return summary;
  },

  lastRefFile(): string | null {
    return last ? formatRefFile(last.program, last.trace) : null;
  },
};

Comlink.expose(api);
