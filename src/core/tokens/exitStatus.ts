import { HALT_TOKEN, commitToken, parseByteToken } from './spelling.ts';

/**
 * How a program's end travels in the token stream (docs/c-runtime.md "Exit status").
 *
 * Every `halt` the assembler emits is immediately preceded by an instruction that carries the
 * program's *status word* as its four value tokens: `i32.const W` (a constant status: a
 * `compute` that returns, a trap, `unreachable`) or `local.tee` (the value handed to `env.halt`
 * by `exit()` or the `main()` entry). So the tail of every trace is
 * `b0 b1 b2 b3 commit(+1,sts=1,bt=0) halt` or `b0 b1 b2 b3 commit(+0,sts=0,bt=0) halt`, and
 * every engine reads the status from the tokens it generated, with no side channel.
 *
 * A word below 256 is a normal exit with that status (`exit()` and main's return reduce their
 * value to 0…255, as a native process does). From 256 up, the word names an abnormal end, each
 * with the process status a native x86-64 Linux build reports for it (128 + the signal).
 */
export interface AbnormalEnd {
  word: number;
  /** What stopped the program, as the CLI and the page say it: `abort`, `integer divide by zero`… */
  name: string;
  /** Process exit status (what a shell sees): 128 + the signal a native build would die of. */
  exitStatus: number;
}

const SIGILL = 128 + 4;
const SIGABRT = 128 + 6;
const SIGFPE = 128 + 8;

/** One source for every abnormal status word (the C runtime's constants are generated from these). */
export const ABNORMAL_ENDS = {
  abort: { word: 0x100, name: 'abort', exitStatus: SIGABRT },
  unreachable: { word: 0x101, name: 'unreachable executed', exitStatus: SIGILL },
  divideByZero: { word: 0x102, name: 'integer divide by zero', exitStatus: SIGFPE },
  integerOverflow: { word: 0x103, name: 'integer overflow', exitStatus: SIGFPE },
} as const satisfies Record<string, AbnormalEnd>;

/** A status word past the table (only a hand-made token file can hold one) ends like abort. */
const UNKNOWN_ABNORMAL_STATUS = SIGABRT;

export interface ProgramExit {
  /** The status word read from the trace. */
  word: number;
  /** The process exit status: 0…255. */
  exitStatus: number;
  /** Set when the program stopped abnormally: `abort`, or the trap's name. */
  trap?: string;
}

export function exitFromStatusWord(word: number): ProgramExit {
  const w = word >>> 0;
  if (w < 256) return { word: w, exitStatus: w };
  const known = Object.values(ABNORMAL_ENDS).find((e) => e.word === w);
  return known
    ? { word: w, exitStatus: known.exitStatus, trap: known.name }
    : { word: w, exitStatus: UNKNOWN_ABNORMAL_STATUS, trap: `unknown status word 0x${w.toString(16)}` };
}

const CONST_COMMIT = commitToken(1, 1, 0);
const TEE_COMMIT = commitToken(0, 0, 0);

/** Tokens at the end of a trace that `exitFromTrace` reads. */
export const EXIT_TAIL_TOKENS = 6;

/**
 * The program's exit read from the end of its trace (at least its last `EXIT_TAIL_TOKENS`
 * tokens). Undefined when the trace does not end in `halt`, or when the instruction before
 * `halt` is not `i32.const`/`local.tee` (a program assembled before exit statuses existed,
 * e.g. a token file from the original project: its status is unknown).
 */
export function exitFromTrace(tokens: readonly string[]): ProgramExit | undefined {
  const n = tokens.length;
  if (n < EXIT_TAIL_TOKENS || tokens[n - 1] !== HALT_TOKEN) return undefined;
  const commit = tokens[n - 2];
  if (commit !== CONST_COMMIT && commit !== TEE_COMMIT) return undefined;
  let word = 0;
  for (let i = 3; i >= 0; i--) {
    const b = parseByteToken(tokens[n - 6 + i]);
    if (!b) return undefined;
    word = word * 256 + b.value;
  }
  return exitFromStatusWord(word);
}

/** `exited with status 3`, `trap: integer divide by zero (status 136)`, `abort (status 134)`. */
export function describeExit(e: { exitStatus?: number; trap?: string } | undefined): string {
  if (e?.exitStatus === undefined) return 'halted (the program records no exit status)';
  if (!e.trap) return `exited with status ${e.exitStatus}`;
  return `${e.trap === ABNORMAL_ENDS.abort.name ? 'aborted' : `trap: ${e.trap}`} (status ${e.exitStatus})`;
}
