import type { Expr } from '../graph/expr.ts';
import type { Graph } from '../graph/graph.ts';
import type { InputDim } from '../graph/dim.ts';
import { OPCODE_TABLE } from '../program/opcodes.ts';
import {
  BRANCH_TAKEN_TOKEN,
  byteToken,
  CALL_COMMIT_TOKEN,
  COMMIT_KINDS,
  commitToken,
  END_PROGRAM_TOKEN,
  outToken,
  RETURN_COMMIT_TOKEN,
  SPECIALIZED_START_TOKEN,
  START_TOKEN,
} from '../tokens/spelling.ts';
import { asciiAliases } from '../tokens/vocabulary.ts';
import { INITIAL_STACK_DEPTH, OUTPUT_STACK_DELTA } from './constants.ts';

/** The machine's input dims (docs/original-design.md §2.2): what each token writes into the residual stream. */
export interface MachineInputs {
  byteNumber: InputDim;
  carry: InputDim;
  deltaCursor: InputDim;
  deltaStack: InputDim;
  isJump: InputDim;
  storeToStack: InputDim;
  isBranchTaken: InputDim;
  deltaCallDepth: InputDim;
  /** Never read by the machine; kept so the embedding matches the original's layout. */
  isReturnCommit: InputDim;
}

/** Input dims of the program prefix's opcode tokens (universal machine only). */
export interface PrefixInputs {
  deltaStackPrefix: InputDim;
  storeToStackPrefix: InputDim;
  opcodeX: InputDim;
  opcodeY: InputDim;
  isWrite: InputDim;
}

export function createMachineInputs(g: Graph): MachineInputs {
  return {
    byteNumber: g.input('byte_number'),
    carry: g.input('carry'),
    deltaCursor: g.input('delta_cursor'),
    deltaStack: g.input('delta_stack'),
    isJump: g.input('is_jump'),
    storeToStack: g.input('store_to_stack'),
    isBranchTaken: g.input('is_branch_taken'),
    deltaCallDepth: g.input('delta_call_depth'),
    isReturnCommit: g.input('is_return_commit'),
  };
}

export function createPrefixInputs(g: Graph): PrefixInputs {
  return {
    deltaStackPrefix: g.input('delta_stack_prefix'),
    storeToStackPrefix: g.input('store_to_stack_prefix'),
    opcodeX: g.input('opcode_x'),
    opcodeY: g.input('opcode_y'),
    isWrite: g.input('is_write'),
  };
}

/**
 * Token → embedding expression. Every token except the start token also writes `one` = 1;
 * printable ASCII aliases share the embedding of their plain hex byte.
 */
export function inputTokenEmbeddings(g: Graph, m: MachineInputs, prefix: PrefixInputs | null): Map<string, Expr> {
  const emb = new Map<string, Expr>();
  for (let v = 0; v < 256; v++) {
    for (const c of [0, 1]) emb.set(byteToken(v, c === 1), m.byteNumber.times(v + 1).plus(m.carry.times(c)));
  }
  for (const [sd, sts] of COMMIT_KINDS) {
    for (const bt of [0, 1]) {
      emb.set(commitToken(sd, sts, bt), g.sum([m.deltaCursor, m.deltaStack.times(sd), m.storeToStack.times(sts), m.isJump.times(bt)]));
    }
  }
  for (let v = 0; v < 256; v++) emb.set(outToken(v), m.deltaCursor.plus(m.deltaStack.times(OUTPUT_STACK_DELTA)));
  emb.set(BRANCH_TAKEN_TOKEN, m.isBranchTaken.e);
  emb.set(CALL_COMMIT_TOKEN, g.sum([m.deltaCursor, m.deltaCallDepth, m.isJump]));
  emb.set(RETURN_COMMIT_TOKEN, g.sum([m.deltaCursor, m.deltaCallDepth.neg(), m.isReturnCommit, m.isJump]));

  let start: string;
  if (prefix) {
    start = START_TOKEN;
    emb.set(START_TOKEN, g.sum([]));
    emb.set(END_PROGRAM_TOKEN, m.deltaStack.times(INITIAL_STACK_DEPTH));
    for (const o of OPCODE_TABLE) {
      emb.set(
        o.name,
        g.sum([
          prefix.opcodeX.times(o.x),
          prefix.opcodeY.times(o.y),
          prefix.deltaStackPrefix.times(o.stackDelta),
          prefix.storeToStackPrefix.times(o.sts ? 1 : 0),
          prefix.isWrite.times(o.isWrite ? 1 : 0),
        ]),
      );
    }
  } else {
    // The specialized start token embeds nothing, as the universal one: a delta there would never
    // be counted (one = 0, docs/original-design.md §5.4), but would stay in whatever slot the
    // schedule gives it, since erasing neurons are gated by `one` and do nothing at `start`.
    start = SPECIALIZED_START_TOKEN;
    emb.set(SPECIALIZED_START_TOKEN, g.sum([]));
    // `}` (otherwise the alias of byte 7d, which input sections never use) closes an empty
    // prompt: a program without input is run from `start }`, so that its first token is
    // predicted at a token with one = 1 (at `start` every dim is 0). Same token set: 881.
    emb.set(END_PROGRAM_TOKEN, m.deltaStack.times(INITIAL_STACK_DEPTH));
  }
  for (const [alias, hex] of asciiAliases(emb)) emb.set(alias, emb.get(hex)!);
  for (const [tok, e] of emb) if (tok !== start) emb.set(tok, e.plus(g.one));
  return emb;
}
