/**
 * The machine state at a token, by replay: the reference interpreter runs the program again up
 * to the start of the instruction the token belongs to (`maxTokens` = that boundary; it stops
 * before the next instruction) and reports cursor, operand stack, locals, call depth, memory and
 * output there. A second replay, RECENT_TOKENS earlier, tells which bytes were written lately.
 * A few replays are cached, so stepping through the tokens of one instruction replays nothing.
 */
import { MEMORY_BYTES } from '../../program/assemble.ts';
import { runReference, type ReferenceRun } from '../../reference/interpret.ts';
import type { Program } from '../../program/program.ts';
import { programTokenCount } from '../../program/tokenFiles.ts';
import { prefixInstruction } from '../traceLayout.ts';
import { changedAddresses, pickMemoryRows, ROW_BYTES, type MemoryAccess } from './memoryRows.ts';

/** "Recently written" = changed during the last this many tokens. */
export const RECENT_TOKENS = 2000;
const STACK_SHOWN = 12;
const OUTPUT_SHOWN = 4096;
const MEMORY_ROWS = 12;
const CACHED_RUNS = 4;

export interface MemoryRowView {
  address: number;
  bytes: number[];
  /** Per byte: 2 = the selected instruction accesses it, 1 = written recently, 0 = neither. */
  marks: number[];
}

export interface ReferenceView {
  tokenIndex: number;
  /** prefix: a token of the program prefix (nothing has run); input: the input section; run: the trace. */
  phase: 'prefix' | 'input' | 'run';
  /** Generated tokens before the selected instruction (the replay's budget). */
  boundary: number;
  instructionsExecuted: number;
  /** The instruction the token belongs to (for prefix tokens: the instruction they spell). */
  cursor: number;
  stackDepth: number;
  /** Operand stack, top first, at most STACK_SHOWN entries (u32). */
  stackTop: number[];
  callDepth: number;
  /** Return addresses of the open calls, outermost first (the call stack). */
  returns: number[];
  /** The current frame's locals (null = not written yet). */
  locals: (number | null)[];
  memory: MemoryRowView[];
  /** Bytes that changed during the last RECENT_TOKENS tokens (capped count). */
  recentWrites: number;
  access: MemoryAccess | null;
  /** The last OUTPUT_SHOWN bytes printed before the instruction, and how many in all. */
  output: Uint8Array;
  outputBytes: number;
  /** How the replay ended: 'budget' (reached the boundary), or the program halted / faulted first. */
  stop: ReferenceRun['stop'];
  error?: string;
  replayMs: number;
}

const ACCESS: Record<string, { kind: 'load' | 'store'; size: number; addressFromTop: number }> = {
  'i32.load': { kind: 'load', size: 4, addressFromTop: 0 },
  'i32.load8_s': { kind: 'load', size: 1, addressFromTop: 0 },
  'i32.load8_u': { kind: 'load', size: 1, addressFromTop: 0 },
  'i32.load16_s': { kind: 'load', size: 2, addressFromTop: 0 },
  'i32.load16_u': { kind: 'load', size: 2, addressFromTop: 0 },
  'i32.store': { kind: 'store', size: 4, addressFromTop: 1 },
  'i32.store8': { kind: 'store', size: 1, addressFromTop: 1 },
  'i32.store16': { kind: 'store', size: 2, addressFromTop: 1 },
};

/** The memory access the instruction at `cursor` makes with this operand stack (bottom first). */
export function accessOf(p: Program, cursor: number, stack: readonly number[]): MemoryAccess | null {
  const ins = p.instructions[cursor];
  const a = ins && ACCESS[ins.op];
  if (!a || stack.length <= a.addressFromTop) return null;
  return { kind: a.kind, size: a.size, address: stack[stack.length - 1 - a.addressFromTop] + (ins.imm >>> 0) };
}

export class ReferenceReplay {
  private readonly cache: { budget: number; run: ReferenceRun }[] = [];
  readonly prefixTokens: number;
  readonly inputTokens: number;

  constructor(
    readonly program: Program,
    readonly input: Uint8Array,
    inputSectionTokens: number,
  ) {
    this.prefixTokens = programTokenCount(program);
    this.inputTokens = program.inputBase !== null ? inputSectionTokens : 0;
  }

  private replay(budget: number): { run: ReferenceRun } {
    const hit = this.cache.find((c) => c.budget === budget);
    if (hit) return hit;
    const run = runReference(this.program, this.input, { maxTokens: budget });
    const entry = { budget, run };
    this.cache.unshift(entry);
    if (this.cache.length > CACHED_RUNS) this.cache.pop();
    return entry;
  }

  /**
   * State at token `tokenIndex` (absolute: the prefix starts at 0) whose instruction (display
   * line) starts at absolute token `lineStart`.
   */
  at(tokenIndex: number, lineStart: number): ReferenceView {
    const t0 = performance.now();
    if (tokenIndex < this.prefixTokens) {
      const cursor = prefixInstruction(tokenIndex, this.program.instructions.length);
      return {
        tokenIndex, phase: 'prefix', boundary: 0, instructionsExecuted: 0, cursor, stackDepth: 0, stackTop: [], callDepth: 0, returns: [],
        locals: [], memory: [], recentWrites: 0, access: null, output: new Uint8Array(0), outputBytes: 0, stop: 'budget', replayMs: 0,
      };
    }
    const boundary = Math.max(0, lineStart - this.prefixTokens);
    const now = this.replay(boundary);
    const before = this.replay(Math.max(0, boundary - RECENT_TOKENS));
    const st = now.run.state;
    const changed = changedAddresses(before.run.memory, now.run.memory, 1 << 16);
    const access = now.run.stop === 'budget' ? accessOf(this.program, st.cursor, st.stack) : null;
    const changedSet = new Set(changed);
    const memory = pickMemoryRows(changed, access, MEMORY_ROWS, MEMORY_BYTES).map((address) => {
      const bytes: number[] = [];
      const marks: number[] = [];
      for (let a = address; a < address + ROW_BYTES; a++) {
        bytes.push(now.run.memory[a]);
        marks.push(access && a >= access.address && a < access.address + access.size ? 2 : changedSet.has(a) ? 1 : 0);
      }
      return { address, bytes, marks };
    });
    const out = now.run.output;
    return {
      tokenIndex,
      phase: tokenIndex - this.prefixTokens < this.inputTokens ? 'input' : 'run',
      boundary,
      instructionsExecuted: now.run.instructionsExecuted,
      cursor: st.cursor,
      stackDepth: st.stack.length,
      stackTop: st.stack.slice(-STACK_SHOWN).reverse(),
      callDepth: st.callDepth,
      returns: st.returns,
      locals: st.locals,
      memory,
      recentWrites: changed.length,
      access,
      output: out.slice(Math.max(0, out.length - OUTPUT_SHOWN)),
      outputBytes: out.length,
      stop: now.run.stop,
      error: now.run.error,
      replayMs: performance.now() - t0,
    };
  }
}
