/**
 * The machine state at a token, by replay: a reference interpreter session runs up to the start
 * of the instruction the token belongs to (the boundary; it stops before the next instruction)
 * and reports cursor, operand stack, locals, call depth, memory and output there. A second
 * session, RECENT_TOKENS behind, tells which bytes were written lately. Stepping forward resumes
 * both sessions where they stopped (stepping within one instruction runs nothing); only a step
 * back before a session's position starts it again from the beginning.
 */
import { MEMORY_BYTES } from '../../program/assemble.ts';
import { createReferenceSession, type ReferenceRun, type ReferenceSession } from '../../reference/interpret.ts';
import { wasmOp } from '../../wasm/opcodeTable.ts';
import type { Program } from '../../program/program.ts';
import { programTokenCount } from '../../program/tokenFiles.ts';
import { prefixInstruction } from '../traceLayout.ts';
import { changedAddresses, pickMemoryRows, ROW_BYTES, type MemoryAccess } from './memoryRows.ts';

/** "Recently written" = changed during the last this many tokens. */
const RECENT_TOKENS = 2000;
const STACK_SHOWN = 12;
const OUTPUT_SHOWN = 4096;
const MEMORY_ROWS = 12;

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

/** The memory access the instruction at `cursor` makes with this operand stack (bottom first). */
function accessOf(p: Program, cursor: number, stack: readonly number[]): MemoryAccess | null {
  const ins = p.instructions[cursor];
  const op = ins && wasmOp(ins.op);
  if (!op || (op.family !== 'load' && op.family !== 'store')) return null;
  // A store's address lies beneath its value; a load's is on top.
  const addressFromTop = op.family === 'store' ? 1 : 0;
  if (stack.length <= addressFromTop) return null;
  return { kind: op.family, size: op.bytes!, address: stack[stack.length - 1 - addressFromTop] + (ins.imm >>> 0) };
}

/** A session that runs forward to each budget asked of it, started again when asked for an earlier one. */
class ForwardReplay {
  private session: ReferenceSession | null = null;
  private limit = 0;

  constructor(
    private readonly program: Program,
    private readonly input: Uint8Array,
  ) {}

  /** The run stopped at `budget` tokens (its memory is live: read it before the next call). */
  at(budget: number): ReferenceRun {
    if (!this.session || budget < this.limit) this.session = createReferenceSession(this.program, this.input);
    this.limit = budget;
    return this.session.advance(budget);
  }
}

export class ReferenceReplay {
  private readonly current: ForwardReplay;
  private readonly recent: ForwardReplay;
  readonly prefixTokens: number;
  readonly inputTokens: number;

  constructor(
    readonly program: Program,
    readonly input: Uint8Array,
    inputSectionTokens: number,
  ) {
    this.prefixTokens = programTokenCount(program);
    this.inputTokens = program.inputBase !== null ? inputSectionTokens : 0;
    this.current = new ForwardReplay(program, input);
    this.recent = new ForwardReplay(program, input);
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
    const now = { run: this.current.at(boundary) };
    const before = { run: this.recent.at(Math.max(0, boundary - RECENT_TOKENS)) };
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
