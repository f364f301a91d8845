import type { OpName } from './opcodes.ts';

/** One entry of the flat dispatch table: an opcode and its 32-bit immediate (held unsigned). */
export interface Instruction {
  op: OpName;
  imm: number;
}

/** A C function's span in the dispatch table, for listings and "which function is this cursor in". */
export interface FunctionSpan {
  name: string;
  /** First instruction index (inclusive). */
  start: number;
  /** One past the last instruction index. */
  end: number;
}

/**
 * A program ready to be tokenized: the dispatch table plus what is needed to feed its input.
 * Everything after `instructions` and `inputBase` is provenance for humans and tools.
 */
export interface Program {
  instructions: Instruction[];
  /** input_base address when the entry takes an input string (instruction 0 is then `input_base`). */
  inputBase: number | null;
  functions?: FunctionSpan[];
  /** Per instruction, the C source line it came from, when clang's debug info gives it. */
  sourceLines?: (number | null)[];
  /** `clang version …` line of the compiler that produced it. */
  clangVersion?: string;
}
