import { MAX_LOCALS_PER_FRAME, MEMORY_BYTES } from '../program/assemble.ts';
import { exitFromStatusWord, type ProgramExit } from '../tokens/exitStatus.ts';
import { OPCODE_BY_NAME } from '../program/opcodes.ts';
import type { Program } from '../program/program.ts';
import { INPUT_COMMIT, inputSectionBytes } from '../program/tokenFiles.ts';
import {
  BRANCH_TAKEN_TOKEN,
  byteToken,
  CALL_COMMIT_TOKEN,
  commitToken,
  HALT_TOKEN,
  inputByteToken,
  outToken,
  RETURN_COMMIT_TOKEN,
} from '../tokens/spelling.ts';

export interface ReferenceOptions {
  /** Stop after this many generated tokens (input section included). Default 20,000,000. */
  maxTokens?: number;
  /** Record the token strings (`tokens`); counting alone is much cheaper. */
  trace?: boolean;
  /** Called with every output byte as it is produced. */
  onOutput?: (byte: number) => void;
  /** Streams the token strings in batches of `batchSize` (default 4096) while the program runs. */
  onTokens?: (batch: string[]) => void;
  batchSize?: number;
}

export interface ReferenceRun {
  output: Uint8Array;
  /** Every token after `}` (input section, then the execution trace), when `trace` was set. */
  tokens?: string[];
  tokenCount: number;
  /** halt: the program halted; budget: maxTokens reached; error: a trap or a machine fault. */
  stop: 'halt' | 'budget' | 'error';
  error?: string;
  /**
   * After `halt`: the process exit status and, for an abnormal end, what it was (`abort`, a
   * trap's name), read from the value tokens before `halt` (exitStatus.ts). Undefined when the
   * program records no status (assembled before statuses existed) or did not halt.
   */
  exitStatus?: number;
  trap?: string;
  memory: Uint8Array;
  instructionsExecuted: number;
  /** The machine when the run stopped (for a budget stop: before the next instruction). */
  state: ReferenceState;
}

export interface ReferenceState {
  /** Index of the next instruction. */
  cursor: number;
  /** Operand stack, bottom first (u32 values). */
  stack: number[];
  callDepth: number;
  /** Return addresses of the open calls, outermost first (each call sits just before its return address). */
  returns: number[];
  /** The current frame's locals; null where not written yet. */
  locals: (number | null)[];
}

const DEFAULT_REFERENCE_BUDGET = 20_000_000;
const MAX_STACK = 1 << 20;
const MAX_CALL_DEPTH = 1 << 16;

const op = (name: string): number => OPCODE_BY_NAME.get(name)!.index;
const OP = {
  halt: op('halt'), return: op('return'), call: op('call'), br: op('br'), br_if: op('br_if'), drop: op('drop'),
  select: op('select'), localGet: op('local.get'), localSet: op('local.set'), localTee: op('local.tee'),
  globalGet: op('global.get'), globalSet: op('global.set'), load: op('i32.load'), load8s: op('i32.load8_s'),
  load8u: op('i32.load8_u'), load16s: op('i32.load16_s'), load16u: op('i32.load16_u'), store: op('i32.store'),
  store8: op('i32.store8'), store16: op('i32.store16'), const: op('i32.const'), eqz: op('i32.eqz'), eq: op('i32.eq'),
  ne: op('i32.ne'), ltS: op('i32.lt_s'), ltU: op('i32.lt_u'), gtS: op('i32.gt_s'), gtU: op('i32.gt_u'),
  leS: op('i32.le_s'), leU: op('i32.le_u'), geS: op('i32.ge_s'), geU: op('i32.ge_u'), add: op('i32.add'),
  sub: op('i32.sub'), output: op('output'), inputBase: op('input_base'),
} as const;

const PLAIN = Array.from({ length: 256 }, (_, v) => byteToken(v, false));
const MARKED = Array.from({ length: 256 }, (_, v) => byteToken(v, true));
const OUT = Array.from({ length: 256 }, (_, v) => outToken(v));
const C = {
  push: commitToken(1, 1, 0), keep: commitToken(0, 1, 0), binop: commitToken(-1, 1, 0), select: commitToken(-2, 1, 0),
  pop: commitToken(-1, 0, 0), tee: commitToken(0, 0, 0), store: commitToken(-2, 0, 0),
  br: commitToken(0, 0, 1), brIfTaken: commitToken(-1, 0, 1), brIfNot: commitToken(-1, 0, 0),
};

class Fault extends Error {}

/**
 * Executes the dispatch table directly with integer semantics and produces the exact token
 * sequence the transformer must generate (docs/original-design.md §2.5, §11.2), from the start to
 * `opts.maxTokens` or the program's end.
 */
export function runReference(p: Program, input: Uint8Array | null, opts: ReferenceOptions = {}): ReferenceRun {
  return createReferenceSession(p, input, opts).advance(opts.maxTokens ?? DEFAULT_REFERENCE_BUDGET);
}

/**
 * A run of the reference interpreter that can be continued: `advance(n)` runs until n tokens in
 * all (input section included) have been generated, finishing the instruction the limit falls in,
 * or the program stops. Advancing to n in steps generates exactly what one run to n does.
 */
export interface ReferenceSession {
  /** Runs on to `maxTokens` tokens in all (or the program's end); returns the run so far (its memory is live). */
  advance(maxTokens: number): ReferenceRun;
  /** Tokens generated so far. */
  readonly tokenCount: number;
  /** True once the program halted or faulted: advancing does nothing more. */
  readonly finished: boolean;
}

/**
 * The interpreter as a session. Mirrors the machine's conventions (no address wrapping; locals
 * must be written before they are read — the assembler guarantees it). `opts.maxTokens` is unused:
 * each `advance` names its own limit.
 */
export function createReferenceSession(p: Program, input: Uint8Array | null, opts: ReferenceOptions = {}): ReferenceSession {
  const trace = opts.trace ? ([] as string[]) : undefined;
  // Token strings are only built when someone reads them: the trace, or the streaming callback.
  const onTokens = opts.onTokens;
  const batchSize = opts.batchSize ?? 4096;
  let batch: string[] | undefined = onTokens ? [] : undefined;
  const sink = trace || batch ? { push: (...ts: string[]): void => {
    trace?.push(...ts);
    if (batch) {
      batch.push(...ts);
      if (batch.length >= batchSize) {
        onTokens!(batch);
        batch = [];
      }
    }
  } } : undefined;
  const n = p.instructions.length;
  const ops = new Int32Array(n);
  const imms = new Uint32Array(n);
  p.instructions.forEach((ins, i) => {
    ops[i] = OPCODE_BY_NAME.get(ins.op)!.index;
    imms[i] = ins.imm >>> 0;
  });

  const mem = new Uint8Array(MEMORY_BYTES);
  const stack = new Uint32Array(MAX_STACK);
  let sp = 0;
  let localsView: Uint32Array = new Uint32Array(MAX_LOCALS_PER_FRAME);
  let written: Uint8Array = new Uint8Array(MAX_LOCALS_PER_FRAME);
  const callStack: { ret: number; imm: number; locals: Uint32Array; written: Uint8Array }[] = [];
  const output: number[] = [];
  let tokens = 0;
  let executed = 0;
  let pc = 0;
  let stop: ReferenceRun['stop'] = 'halt';
  let error: string | undefined;
  let exit: ProgramExit | undefined;
  // The instruction executed before the current one: at halt, its value tokens are the status.
  let previousPc = -1;
  let currentPc = -1;

  const emit = (t: string): void => {
    tokens++;
    sink?.push(t);
  };
  const emitValue = (v: number, marks: number, count = 4): void => {
    tokens += count;
    if (sink) for (let i = 0; i < count; i++) sink.push(((marks >> i) & 1 ? MARKED : PLAIN)[(v >>> (8 * i)) & 0xff]);
  };
  const pop = (): number => {
    if (sp === 0) throw new Fault('operand stack underflow');
    return stack[--sp];
  };
  const push = (v: number): void => {
    if (sp === MAX_STACK) throw new Fault('operand stack overflow');
    stack[sp++] = v >>> 0;
  };
  const address = (base: number, offset: number, size: number): number => {
    const a = base + offset;
    if (a + size > MEMORY_BYTES) throw new Fault(`out of bounds memory access at address ${a} (memory is ${MEMORY_BYTES} bytes)`);
    return a;
  };
  const signed = (v: number): number => v | 0;
  /** Marks of byte-wise a − b: bit i set iff byte i borrowed. */
  const borrowMarks = (a: number, b: number): number => {
    let borrow = 0;
    let marks = 0;
    for (let i = 0; i < 4; i++) {
      const d = ((a >>> (8 * i)) & 0xff) - ((b >>> (8 * i)) & 0xff) - borrow;
      borrow = d < 0 ? 1 : 0;
      marks |= borrow << i;
    }
    return marks;
  };
  const carryMarks = (a: number, b: number): number => {
    let carry = 0;
    let marks = 0;
    for (let i = 0; i < 4; i++) {
      const s = ((a >>> (8 * i)) & 0xff) + ((b >>> (8 * i)) & 0xff) + carry;
      carry = s > 0xff ? 1 : 0;
      marks |= carry << i;
    }
    return marks;
  };
  const compare = (result: boolean, commit: string): void => {
    push(result ? 1 : 0);
    emitValue(result ? 1 : 0, 0);
    emit(commit);
  };
  const jump = (imm: number): void => {
    pc = pc + 1 + signed(imm);
  };

  let finished = false;
  let started = false;
  const fault = (e: unknown): void => {
    if (!(e instanceof Fault)) throw e;
    stop = 'error';
    error = e.message;
    finished = true;
  };
  const start = (): void => {
    started = true;
    if (n === 0) throw new Fault('the program has no instructions');
    if (p.inputBase !== null) {
      if (ops[0] !== OP.inputBase) throw new Fault('the program takes input but instruction 0 is not input_base');
      const bytes = inputSectionBytes(input);
      address(p.inputBase, 0, bytes.length);
      mem.set(bytes, p.inputBase);
      tokens += bytes.length + 1;
      sink?.push(...Array.from(bytes, inputByteToken), INPUT_COMMIT);
      pc = 1;
    }
  };

  return {
    get tokenCount() {
      return tokens;
    },
    get finished() {
      return finished;
    },
    advance(maxTokens: number): ReferenceRun {
      if (!finished) {
        try {
          if (!started) start();
          run(maxTokens);
        } catch (e) {
          fault(e);
        }
      }
      return finish();
    },
  };

  function run(maxTokens: number): void {
    for (;;) {
      if (tokens >= maxTokens) {
        stop = 'budget';
        break;
      }
      if (pc < 0 || pc >= n) throw new Fault(`the cursor left the program (instruction ${pc} of ${n})`);
      const o = ops[pc];
      const imm = imms[pc];
      previousPc = currentPc;
      currentPc = pc;
      executed++;
      switch (o) {
        case OP.const:
          push(imm);
          emitValue(imm, 0);
          emit(C.push);
          break;
        case OP.localGet: {
          if (imm >= MAX_LOCALS_PER_FRAME) throw new Fault(`local ${imm} is beyond the ${MAX_LOCALS_PER_FRAME} locals of a frame`);
          if (!written[imm]) throw new Fault(`local ${imm} is read before it is written (instruction ${pc}); the machine would read stale data`);
          const v = localsView[imm];
          push(v);
          emitValue(v, 0);
          emit(C.push);
          break;
        }
        case OP.localSet:
        case OP.localTee: {
          if (imm >= MAX_LOCALS_PER_FRAME) throw new Fault(`local ${imm} is beyond the ${MAX_LOCALS_PER_FRAME} locals of a frame`);
          const v = o === OP.localSet ? pop() : sp ? stack[sp - 1] : pop();
          localsView[imm] = v;
          written[imm] = 1;
          emitValue(v, 0);
          emit(o === OP.localSet ? C.pop : C.tee);
          break;
        }
        case OP.drop:
          pop();
          emit(C.pop);
          break;
        case OP.select: {
          const c = pop();
          const b = pop();
          const a = pop();
          const v = c !== 0 ? a : b;
          push(v);
          emitValue(v, 0);
          emit(C.select);
          break;
        }
        case OP.add: {
          const b = pop();
          const a = pop();
          const v = (a + b) >>> 0;
          push(v);
          emitValue(v, carryMarks(a, b));
          emit(C.binop);
          break;
        }
        case OP.sub: {
          const b = pop();
          const a = pop();
          const v = (a - b) >>> 0;
          push(v);
          emitValue(v, borrowMarks(a, b));
          emit(C.binop);
          break;
        }
        case OP.eqz:
          compare(pop() === 0, C.keep);
          break;
        case OP.eq: case OP.ne: case OP.ltS: case OP.ltU: case OP.gtS: case OP.gtU:
        case OP.leS: case OP.leU: case OP.geS: case OP.geU: {
          const b = pop();
          const a = pop();
          let r: boolean;
          if (o === OP.eq) r = a === b;
          else if (o === OP.ne) r = a !== b;
          else if (o === OP.ltS) r = signed(a) < signed(b);
          else if (o === OP.ltU) r = a < b;
          else if (o === OP.gtS) r = signed(a) > signed(b);
          else if (o === OP.gtU) r = a > b;
          else if (o === OP.leS) r = signed(a) <= signed(b);
          else if (o === OP.leU) r = a <= b;
          else if (o === OP.geS) r = signed(a) >= signed(b);
          else r = a >= b;
          compare(r, C.binop);
          break;
        }
        case OP.load: case OP.load8u: case OP.load8s: case OP.load16u: case OP.load16s: {
          const size = o === OP.load ? 4 : o === OP.load16u || o === OP.load16s ? 2 : 1;
          const a = address(pop(), imm, size);
          let v = 0;
          for (let i = size - 1; i >= 0; i--) v = v * 256 + mem[a + i];
          let marks = 0;
          if (o === OP.load8s && v >= 0x80) {
            v = (v | 0xffffff00) >>> 0;
            marks = 0b1111;
          } else if (o === OP.load16s && v >= 0x8000) {
            v = (v | 0xffff0000) >>> 0;
            marks = 0b1110;
          }
          push(v);
          emitValue(v, marks);
          emit(C.keep);
          break;
        }
        case OP.store: case OP.store8: case OP.store16: {
          const size = o === OP.store ? 4 : o === OP.store16 ? 2 : 1;
          const v = pop();
          const a = address(pop(), imm, size);
          for (let i = 0; i < size; i++) mem[a + i] = (v >>> (8 * i)) & 0xff;
          emitValue(v, 0, size);
          emit(C.store);
          break;
        }
        case OP.br:
          emit(BRANCH_TAKEN_TOKEN);
          emitValue(imm, 0);
          emit(C.br);
          jump(imm);
          continue;
        case OP.br_if:
          if (pop() !== 0) {
            emit(BRANCH_TAKEN_TOKEN);
            emitValue(imm, 0);
            emit(C.brIfTaken);
            jump(imm);
            continue;
          }
          emit(C.brIfNot);
          break;
        case OP.call:
          if (callStack.length >= MAX_CALL_DEPTH) throw new Fault(`call depth exceeds ${MAX_CALL_DEPTH}`);
          emit(BRANCH_TAKEN_TOKEN);
          emitValue(imm, 0);
          emit(CALL_COMMIT_TOKEN);
          callStack.push({ ret: pc + 1, imm, locals: localsView, written });
          localsView = new Uint32Array(MAX_LOCALS_PER_FRAME);
          written = new Uint8Array(MAX_LOCALS_PER_FRAME);
          jump(imm);
          continue;
        case OP.return: {
          const frame = callStack.pop();
          if (!frame) throw new Fault('return with an empty call stack');
          const delta = (imm - frame.imm) >>> 0;
          emit(BRANCH_TAKEN_TOKEN);
          emitValue(delta, borrowMarks(imm, frame.imm));
          emit(RETURN_COMMIT_TOKEN);
          jump(delta);
          if (pc !== frame.ret) throw new Fault(`return at instruction ${pc} does not match its call (expected ${frame.ret}): bad return immediate`);
          localsView = frame.locals;
          written = frame.written;
          continue;
        }
        case OP.output: {
          const b = pop() & 0xff;
          output.push(b);
          opts.onOutput?.(b);
          emit(OUT[b]);
          break;
        }
        case OP.halt:
          emit(HALT_TOKEN);
          stop = 'halt';
          finished = true;
          // Tokens `b0..b3 commit halt` of a fall-through i32.const or local.tee (exitStatus.ts).
          if (previousPc === pc - 1 && ops[previousPc] === OP.const) exit = exitFromStatusWord(imms[previousPc]);
          else if (previousPc === pc - 1 && ops[previousPc] === OP.localTee) exit = exitFromStatusWord(stack[sp - 1]);
          return;
        case OP.globalGet:
        case OP.globalSet:
          throw new Fault(`${p.instructions[pc].op} at instruction ${pc}: globals are addressed through memory by the assembler`);
        case OP.inputBase:
          throw new Fault(`input_base at instruction ${pc}: it may only be instruction 0`);
        default:
          throw new Fault(`unknown opcode at instruction ${pc}`);
      }
      pc++;
    }
  }

  function finish(): ReferenceRun {
    if (batch?.length) onTokens!(batch);
    if (batch) batch = [];
    const locals = Array.from(localsView, (v, i) => (written[i] ? v : null));
    while (locals.length && locals[locals.length - 1] === null) locals.pop();
    const state: ReferenceState = { cursor: pc, stack: Array.from(stack.subarray(0, sp)), callDepth: callStack.length, returns: callStack.map((f) => f.ret), locals };
    return {
      output: Uint8Array.from(output), tokens: trace, tokenCount: tokens, stop, error, exitStatus: exit?.exitStatus, trap: exit?.trap,
      memory: mem, instructionsExecuted: executed, state,
    };
  }
}
