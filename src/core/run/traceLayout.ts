/**
 * How a run's token stream is laid out for display (docs/token-files.md): `{` alone, one line per
 * instruction of the program prefix, `}` alone, then the trace grouped as in `_ref.txt` (a line
 * closes after every terminal token).
 */
import { TOKENS_PER_INSTRUCTION } from '../program/tokenFiles.ts';

/** Whether prefix token `i` begins a display line, for a program of `instructions` instructions. */
export function prefixLineStart(i: number, instructions: number): boolean {
  return i === 0 || i === TOKENS_PER_INSTRUCTION * instructions + 1 || (i - 1) % TOKENS_PER_INSTRUCTION === 0;
}

/** The instruction whose prefix tokens hold token `i` (clamped to the program). */
export function prefixInstruction(i: number, instructions: number): number {
  return Math.min(instructions - 1, Math.max(0, Math.floor((i - 1) / TOKENS_PER_INSTRUCTION)));
}
