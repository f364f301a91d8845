import { StageError } from '../errors.ts';
import {
  commitToken,
  END_PROGRAM_TOKEN,
  inputByteToken,
  isTerminal,
  parseByteToken,
  SPECIALIZED_START_TOKEN,
  START_TOKEN,
} from '../tokens/spelling.ts';
import { MIN_INPUT_BYTES } from './assemble.ts';
import { isOpName } from './opcodes.ts';
import type { Instruction, Program } from './program.ts';

/**
 * Token files (docs/token-files.md): `<name>.txt` (program prefix + input section),
 * `<name>_spec.txt` (`start` + input section), `<name>_ref.txt` (the full expected sequence).
 */

export const INPUT_COMMIT = commitToken(0, 0, 0);

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');

/** The bytes written into memory at input_base: the argument, a NUL, then NULs up to MIN_INPUT_BYTES. */
export function inputSectionBytes(input: Uint8Array | null): Uint8Array {
  const arg = input ?? new Uint8Array(0);
  const nul = arg.indexOf(0);
  const body = nul >= 0 ? arg.subarray(0, nul) : arg;
  const out = new Uint8Array(Math.max(body.length + 1, MIN_INPUT_BYTES));
  out.set(body);
  return out;
}

/**
 * The input section tokens, present exactly when the program takes an input (instruction 0 is
 * input_base) — also for an empty argument, unlike the original (docs/original-design.md §14.15).
 */
export function inputSectionTokens(p: Program, input: Uint8Array | null): string[] {
  if (p.inputBase === null) return [];
  return [...Array.from(inputSectionBytes(input), inputByteToken), INPUT_COMMIT];
}

/** Tokens per instruction in the program prefix: the opcode and its immediate's four bytes. */
export const TOKENS_PER_INSTRUCTION = 5;

/** `{`, the instructions, `}`: the program prefix without the input section. */
export function programTokenCount(p: Program): number {
  return TOKENS_PER_INSTRUCTION * p.instructions.length + 2;
}

/** `{`, the instructions, `}` (the prefix without the input section). */
export function programTokens(p: Program): string[] {
  const toks = [START_TOKEN];
  for (const ins of p.instructions) toks.push(...instructionTokens(ins));
  toks.push(END_PROGRAM_TOKEN);
  return toks;
}

function instructionTokens(ins: Instruction): string[] {
  const v = ins.imm >>> 0;
  return [ins.op, hex2(v & 0xff), hex2((v >>> 8) & 0xff), hex2((v >>> 16) & 0xff), hex2(v >>> 24)];
}

/** `{`, five tokens per instruction, `}`, and the input section. */
export function programPrefixTokens(p: Program, input: Uint8Array | null): string[] {
  return [...programTokens(p), ...inputSectionTokens(p, input)];
}

/**
 * The prompt of a specialized model: `start` and the input section, or `start }` for a program
 * without input (at `start` every dim is 0, so the first prediction needs one more token).
 */
export function specInputTokens(p: Program, input: Uint8Array | null): string[] {
  const section = inputSectionTokens(p, input);
  return [SPECIALIZED_START_TOKEN, ...(section.length ? section : [END_PROGRAM_TOKEN])];
}

/** `<name>.txt`: one line per instruction, the input section on its own line. */
export function formatProgramFile(p: Program, input: Uint8Array | null): string {
  const lines = [START_TOKEN, ...p.instructions.map((i) => instructionTokens(i).join(' ')), END_PROGRAM_TOKEN];
  const inputToks = inputSectionTokens(p, input);
  if (inputToks.length) lines.push(inputToks.join(' '));
  return lines.join('\n') + '\n';
}

export function formatSpecFile(p: Program, input: Uint8Array | null): string {
  return specInputTokens(p, input).join(' ') + '\n';
}

/**
 * `<name>_ref.txt`: the program five tokens per line, then the trace with a line break after
 * every terminal token (docs/original-design.md §2.6). `trace` is everything after `}` (input section included).
 */
export function formatRefFile(p: Program, trace: readonly string[]): string {
  const lines = [START_TOKEN, ...p.instructions.map((i) => instructionTokens(i).join(' ')), END_PROGRAM_TOKEN];
  let line: string[] = [];
  for (const t of trace) {
    line.push(t);
    if (isTerminal(t)) {
      lines.push(line.join(' '));
      line = [];
    }
  }
  if (line.length) lines.push(line.join(' '));
  return lines.join('\n') + '\n';
}

export function splitTokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t.length > 0);
}

export interface ParsedTokenFile {
  program: Program;
  /** The argument bytes from the input section (without the NUL padding), or null if none. */
  input: Uint8Array | null;
  /** Tokens after `}` (input section and, for `_ref.txt` files, the trace). */
  after: string[];
}

/**
 * Parse a `.txt` or `_ref.txt` file: instructions between `{` and the matching `}`, five tokens
 * each; the input section after `}` up to its NUL.
 */
export function parseTokenFile(text: string): ParsedTokenFile {
  const toks = splitTokens(text);
  if (toks[0] !== START_TOKEN) {
    if (toks[0] === SPECIALIZED_START_TOKEN) throw new StageError('tokens', "this is a specialized input file (`start …`): it holds no program; pass the program's .txt or .c");
    throw new StageError('tokens', `a token file must start with '${START_TOKEN}', found '${toks[0] ?? '(empty file)'}'`);
  }
  let i = 1;
  const instructions: Instruction[] = [];
  while (i < toks.length && toks[i] !== END_PROGRAM_TOKEN) {
    const op = toks[i];
    if (!isOpName(op)) throw new StageError('tokens', `token ${i}: expected an opcode name or '${END_PROGRAM_TOKEN}', found '${op}'`);
    let imm = 0;
    for (let b = 0; b < 4; b++) {
      const t = toks[i + 1 + b];
      if (t === undefined || !/^[0-9a-f]{2}$/.test(t)) throw new StageError('tokens', `token ${i + 1 + b}: expected immediate byte ${b} of '${op}' as two hex digits, found '${t ?? '(end of file)'}'`);
      imm += parseInt(t, 16) * 2 ** (8 * b);
    }
    instructions.push({ op, imm: imm >>> 0 });
    i += 5;
  }
  if (toks[i] !== END_PROGRAM_TOKEN) throw new StageError('tokens', `the program has no closing '${END_PROGRAM_TOKEN}'`);
  if (instructions.length === 0) throw new StageError('tokens', 'the program has no instructions');
  const after = toks.slice(i + 1);
  const inputBase = instructions[0].op === 'input_base' ? instructions[0].imm : null;
  let input: Uint8Array | null = null;
  if (inputBase !== null && after.length) {
    const bytes: number[] = [];
    for (const t of after) {
      const b = parseByteToken(t);
      if (!b) throw new StageError('tokens', `input section: '${t}' is not a byte token before the terminating NUL`);
      if (b.value === 0) break;
      bytes.push(b.value);
    }
    input = Uint8Array.from(bytes);
  }
  return { program: { instructions, inputBase }, input, after };
}
