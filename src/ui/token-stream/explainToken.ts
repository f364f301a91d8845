/**
 * A token of the stream in plain words (the sentence beside the token stream and the legend's
 * tooltips). `phase` says where the token sits: the program prefix, the input section or the trace.
 */
import { parseByteToken, parseOutToken } from '../../core/tokens/spelling.ts';
import { OPCODES } from '../../core/program/opcodes.ts';
import type { TokenKind } from '../../core/run/displayTokens.ts';

export type TokenPhase = 'prefix' | 'input' | 'run';

const printable = (b: number) => (b >= 0x20 && b < 0x7f ? ` ('${String.fromCharCode(b)}')` : '');

/** One line per legend entry. */
export const KIND_MEANINGS: Record<Exclude<TokenKind, 'prefix'>, string> = {
  byte: 'a byte of a value the instruction computes (4 per 32-bit word, lowest first)',
  marked: "a byte with a mark ('): a carry, borrow or sign flag passed to the next byte",
  commit: 'ends an instruction: commit(stack change, sts = result stored on the stack, bt = branch taken)',
  branch: 'ends a jump, call or return: the cursor moves somewhere other than the next instruction',
  output: 'the program printed this byte (putchar/printf)',
  halt: 'the program finished: the machine stops here',
};

export function explainToken(text: string, phase: TokenPhase): string {
  if (text === '{') return 'Start of the program prefix: the instructions follow, 5 tokens each (opcode and 4 operand bytes).';
  if (text === '}') return 'End of the program prefix: after it come the input bytes, then the tokens the transformer generates.';
  if (text === 'start') return "A specialized model's prompt: the program is baked into the weights, only the input follows.";
  if (text === 'halt') return 'halt: the program finished and the machine stopped. Nothing is generated after it.';
  if (text === 'branch_taken') return 'branch_taken: a jump (br / br_if) was taken; the next instruction is the jump target, not the next one in the listing.';
  if (text === 'call_commit') return 'call_commit: a call; the cursor moves to the called function and a new call frame opens.';
  if (text === 'return_commit') return 'return_commit: a return; the call frame closes and the cursor goes back after the call.';
  const commit = /^commit\(([+-]\d+),sts=(\d),bt=(\d)\)$/.exec(text);
  if (commit) {
    const sd = Number(commit[1]);
    const stack = sd === 0 ? 'leaves the stack depth as it was' : sd > 0 ? `pushes ${sd} value` : `pops ${-sd} value${sd < -1 ? 's' : ''}`;
    const stored = commit[2] === '1' ? 'its result goes on the stack' : 'it stores nothing on the stack';
    const jump = commit[3] === '1' ? 'the branch was taken' : 'execution goes on with the next instruction';
    return `${text}: the instruction is done; it ${stack}, ${stored}, and ${jump}.`;
  }
  const out = parseOutToken(text);
  if (out !== null) return `${text}: the program printed byte 0x${out.toString(16).padStart(2, '0')}${printable(out)}.`;
  if (phase === 'prefix' && (OPCODES as readonly string[]).includes(text)) return `${text}: an instruction's opcode in the program prefix; its 4 operand bytes follow.`;
  const b = parseByteToken(text);
  if (b) {
    if (phase === 'prefix') return `${text}: an operand byte of an instruction in the program prefix (0x${b.value.toString(16).padStart(2, '0')}, lowest byte first).`;
    if (phase === 'input') return `${text}: a byte of the program's input (0x${b.value.toString(16).padStart(2, '0')}${printable(b.value)}), read in before any instruction runs.`;
    return `${text}: a byte (0x${b.value.toString(16).padStart(2, '0')} = ${b.value}) of the value the instruction computes, lowest byte first`
      + (b.marked ? "; the mark (') carries a carry, borrow or sign to the next byte." : '.');
  }
  return `${text}: a token of the ${phase === 'prefix' ? 'program prefix' : phase === 'input' ? 'input section' : 'trace'}.`;
}
