/**
 * Instruction boundaries in a token stream. A display line of the token store is one instruction
 * of the trace (a line closes after every terminal token), one instruction of the program prefix
 * (5 tokens), `{`, `}`, or the input section. Stepping by instruction moves between the last
 * tokens of lines; the replay of a token starts at its line's first token.
 */

/** What the stepping logic needs from the token store (TokenStore satisfies it). */
export interface LineIndex {
  readonly length: number;
  readonly lines: number;
  /** [first token, one past the last token] of line r. */
  lineRange(r: number): [number, number];
}

/** The line that holds token `t` (binary search over line starts); -1 when the stream is empty. */
export function lineOf(s: LineIndex, t: number): number {
  if (s.lines === 0 || s.length === 0) return -1;
  let lo = 0;
  let hi = s.lines - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (s.lineRange(mid)[0] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface InstructionSpan {
  line: number;
  /** First token of the line, and one past its last token. */
  start: number;
  end: number;
}

export function spanOf(s: LineIndex, t: number): InstructionSpan | null {
  const line = lineOf(s, t);
  if (line < 0) return null;
  const [start, end] = s.lineRange(line);
  return { line, start, end };
}

export type StepKind = 'token' | 'instruction';

/**
 * The token a step leads to from `t`. Tokens: ±1. Instructions forward: the last token of the
 * current line if `t` is not already it, else the last token of the next line; backward: the
 * last token of the previous line (or the stream's first token). Clamped to the stream.
 */
export function stepFrom(s: LineIndex, t: number, kind: StepKind, dir: 1 | -1): number {
  const last = s.length - 1;
  if (last < 0) return 0;
  const cur = Math.min(Math.max(t, 0), last);
  if (kind === 'token') return Math.min(Math.max(cur + dir, 0), last);
  const span = spanOf(s, cur)!;
  if (dir > 0) {
    if (cur < span.end - 1) return span.end - 1;
    if (span.line + 1 >= s.lines) return last;
    return s.lineRange(span.line + 1)[1] - 1;
  }
  if (span.line === 0) return 0;
  return s.lineRange(span.line - 1)[1] - 1;
}

/**
 * First token of the instruction that token `t` belongs to. A taken branch, call or return
 * announces itself with a lone `branch_taken` line before its immediate and commit, so the
 * instruction starts one line earlier there. `isAnnounce(i)`: token i is `branch_taken`.
 */
export function instructionStart(s: LineIndex, t: number, isAnnounce: (i: number) => boolean): number {
  const span = spanOf(s, t);
  if (!span) return 0;
  if (span.line > 0) {
    const [ps, pe] = s.lineRange(span.line - 1);
    if (pe - ps === 1 && isAnnounce(ps) && span.start !== ps) return ps;
  }
  return span.start;
}
