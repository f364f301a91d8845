import type { Expr, Term } from '../graph/expr.ts';
import { Graph } from '../graph/graph.ts';
import { opcodeInfo, type OpName } from '../program/opcodes.ts';
import type { Program } from '../program/program.ts';
import { HALT_TOKEN, SPECIALIZED_START_TOKEN, START_TOKEN } from '../tokens/spelling.ts';
import { buildVocabulary, type Vocabulary } from '../tokens/vocabulary.ts';
import { LOCAL_STRIDE, OP_DOT_OFFSET } from './constants.ts';
import { type FetchedInstruction, specializedInstructionFetch, universalInstructionFetch } from './instructionFetch.ts';
import { outputTokenScores } from './outputScores.ts';
import { createMachineInputs, createPrefixInputs, inputTokenEmbeddings } from './tokenInputs.ts';

export type MachineOptions = { kind: 'universal' } | { kind: 'specialized'; program: Program };

/** The WebAssembly machine as a computation graph plus its token interface (docs/original-design.md §5). */
export interface Machine {
  kind: 'universal' | 'specialized';
  graph: Graph;
  /** Token → embedding (a linear combination of input dims). */
  inputTokens: Map<string, Expr>;
  /** Token → score expression; the next token is the argmax (lowest id on ties). */
  outputTokens: Map<string, Expr>;
  vocabulary: Vocabulary;
  stopToken: typeof HALT_TOKEN;
  startToken: typeof START_TOKEN | typeof SPECIALIZED_START_TOKEN;
  /** The program baked into a specialized machine. */
  program?: Program;
}

/**
 * Builds the machine. Both kinds share everything but instruction fetch: the universal machine
 * reads the current instruction from the program prefix by attention; a specialized one
 * computes it from the cursor in the feed-forward layers (docs/original-design.md §10).
 */
export function buildMachine(opts: MachineOptions = { kind: 'universal' }): Machine {
  const g = new Graph();
  const { one, position } = g;
  const m = createMachineInputs(g);
  const prefix = opts.kind === 'universal' ? createPrefixInputs(g) : null;
  const inputTokens = inputTokenEmbeddings(g, m, prefix);
  const byteValue = g.label('byte_value', m.byteNumber.minus(1));

  // ── the value of the four tokens before this one (the token just before is the MSB) ──
  const storeBytes = [1, 2, 3, 4].map((i) =>
    g.fetch(byteValue, { query: position.minus(i), key: position, name: `store_byte_${i}` }),
  );
  const storeValue = g.persist(g.sum(storeBytes.map((b, i) => b.times(2 ** (8 * (3 - i))))), 'store_value');
  const msb = storeBytes[0];
  const unsignedBranch = g.reglu(storeValue, m.isJump, 'unsigned_branch');
  const jumpSign = g.stepglu(one, msb.plus(m.isJump.times(128), -256), 'jump_sign');
  const cursorStep = g.label('cursor_step', m.deltaCursor.plus(unsignedBranch, jumpSign.times(-(2 ** 32))));

  // ── byte index: tokens since the last non-byte token ──
  const lastBoundary = g.fetch(position, {
    query: one, key: one, clear: m.byteNumber, name: 'last_boundary', valueNames: ['last_boundary_position'],
  });
  const byteIndex = g.label('byte_index', position.minus(lastBoundary));
  const isBoundary = g.stepglu(one, m.byteNumber.neg(), 'is_boundary');

  // ── cumulative machine state (inclusive of this token) ──
  const [stackDepthSum, cursor, callDepthSum] = g.fetchSum([m.deltaStack, cursorStep, m.deltaCallDepth], ['stack_depth.sum', 'cursor', 'call_depth.sum']);
  // The depths key latest-write lookups (stack, locals, call stack), where the newest write of a
  // key must beat an older one by the recency term alone, ~10⁻¹⁰ at 3·10⁷ positions: the keys
  // must be exact integers, not sums a few ulps off (docs/inference-core.md, "Exact integer keys").
  // The cursor only queries position-keyed lookups, whose neighbours are 1 apart: it may stay raw.
  const stackDepth = g.exactInteger(stackDepthSum, 'stack_depth');
  const callDepth = g.exactInteger(callDepthSum, 'call_depth');

  // ── instruction fetch: the one part that differs between universal and specialized ──
  const ins: FetchedInstruction =
    prefix ? universalInstructionFetch(g, m, prefix, cursor) : specializedInstructionFetch(g, (opts as { program: Program }).program, cursor);

  const opDots = new Map<OpName, Expr>();
  const opDot = (op: OpName): Expr => {
    let e = opDots.get(op);
    if (!e) {
      const o = opcodeInfo(op);
      e = ins.opcodeX.times(o.x).plus(ins.opcodeY.times(o.y), OP_DOT_OFFSET);
      opDots.set(op, e);
    }
    return e;
  };
  /** "relu(b)·a is a 0/1 gate": exact with copied opcode points, stepglu otherwise. */
  const opGate = (op: OpName, a: Expr, b: Expr, name: string): Expr =>
    !ins.occurs(op) ? g.expr(0) : ins.exactOpcode ? g.reglu(a, b, name) : g.stepglu(a, b, name);
  /** reglu(a, b) for a gate b that is ≤ 0 unless the instruction is `op`: 0 if the program has no `op`. */
  const opReglu = (op: OpName, a: Term, b: Term, name: string): Expr => (ins.occurs(op) ? g.reglu(a, b, name) : g.expr(0));
  const isOp = (op: OpName): Expr => opGate(op, one.e, opDot(op), `is_${op}`);

  const isOutput = isOp('output');
  const memoryWriteOps: OpName[] = ['i32.store', 'i32.store8', 'i32.store16', 'input_base'];
  const memoryWriteGate = ins.isAnyOf
    ? ins.isAnyOf(memoryWriteOps, 'memory_write_gate')
    : g.persist(g.sum(memoryWriteOps.map(isOp)), 'memory_write_gate');
  const usesTopByte = g.label('uses_top_byte', ins.isWrite.plus(isOutput));
  const isProducingBytes = g.label('is_producing_bytes', ins.storeToStack.plus(ins.isWrite));

  // ── locals: byte b−1 of local i at depth d is stored under 256d + 4i + b ──
  const localKey = g.label('local_key', g.sum([callDepth.times(LOCAL_STRIDE), ins.immediate.times(4), byteIndex]));
  const notLocalWrite = g.label('not_local_write', g.sum([1, isOp('local.set').neg(), isOp('local.tee').neg(), isBoundary]));
  const localByte = g.fetch(byteValue, {
    query: localKey.plus(1), key: localKey, clear: notLocalWrite, name: 'local_read', valueNames: ['local_byte'],
  });

  // ── operand stack: push commits store (value, first byte position) under the new depth ──
  const notStoreToStack = one.minus(m.storeToStack);
  const [stackTopValue, stackTopPosition] = g.fetchMany([storeValue, position.minus(4)], {
    query: stackDepth, key: stackDepth, clear: notStoreToStack, name: 'stack_top', valueNames: ['stack_top_value', 'stack_top_position'],
  });
  const [stackSecondValue, stackSecondPosition] = g.fetchMany([storeValue, position.minus(4)], {
    query: stackDepth.minus(1), key: stackDepth, clear: notStoreToStack, name: 'stack_second', valueNames: ['stack_second_value', 'stack_second_position'],
  });
  const stackThirdPosition = g.fetch(position.minus(4), {
    query: stackDepth.minus(2), key: stackDepth, clear: notStoreToStack, name: 'stack_third', valueNames: ['stack_third_position'],
  });
  const topByte = g.fetch(byteValue, { query: stackTopPosition.plus(byteIndex), key: position, name: 'top_byte' });
  const secondByte = g.fetch(byteValue, { query: stackSecondPosition.plus(byteIndex), key: position, name: 'second_byte' });
  const thirdByte = g.fetch(byteValue, { query: stackThirdPosition.plus(byteIndex), key: position, name: 'third_byte' });

  // ── linear memory: store bytes (and input bytes) keyed by address; unwritten reads as 0 ──
  const memoryReadAddress = g.label('memory_read_address', g.sum([stackTopValue, ins.immediate, byteIndex]));
  const memoryWriteAddress = g.label('memory_write_address', g.sum([stackSecondValue, ins.immediate, byteIndex, -1]));
  const notMemoryWriteByte = g.label('not_memory_write_byte', g.sum([1, isBoundary, memoryWriteGate.neg()]));
  const [memoryByteDirty, memoryByteDirtyAddress] = g.fetchMany([byteValue, memoryWriteAddress], {
    query: memoryReadAddress, key: memoryWriteAddress, clear: notMemoryWriteByte, name: 'memory_read',
    valueNames: ['memory_byte_dirty', 'memory_byte_dirty_address'],
  });
  const addressDiff = g.label('memory_address_diff', memoryByteDirtyAddress.minus(memoryReadAddress));
  // dirty · max(0, 1 − |diff|): the byte only if the nearest stored address is the one read.
  const memoryByte = g.label(
    'memory_byte',
    g.sum([
      g.reglu(memoryByteDirty, addressDiff.plus(1), 'memory_byte.above'),
      g.reglu(memoryByteDirty, addressDiff, 'memory_byte.at').times(-2),
      g.reglu(memoryByteDirty, addressDiff.minus(1), 'memory_byte.below'),
    ]),
  );
  const memorySign = g.stepglu(one, memoryByte.minus(128), 'memory_sign');

  // ── byte-wise arithmetic and comparisons ──
  const carryLate = g.persist(m.carry, 'carry_late');
  const addValue = g.label('add_value', g.sum([secondByte, topByte, carryLate]));
  const addCarry = g.stepglu(one, addValue.minus(256), 'add_carry');
  const addByte = g.label('add_byte', addValue.minus(addCarry.times(256)));
  const subValue = g.label('sub_value', g.sum([secondByte, topByte.neg(), carryLate.neg()]));
  const subBorrow = g.label('sub_borrow', one.minus(g.stepglu(one, subValue, 'sub_no_borrow')));
  const subByte = g.label('sub_byte', subValue.plus(subBorrow.times(256)));

  const aGtBU = g.stepglu(one, stackSecondValue.minus(stackTopValue).minus(1), 'a_gt_b_u');
  const aLtBU = g.stepglu(one, stackTopValue.minus(stackSecondValue).minus(1), 'a_lt_b_u');
  const aEqB = g.label('a_eq_b', one.minus(aGtBU).minus(aLtBU));
  const signDiff = g.persist(
    g.sum([
      g.reglu(one, stackTopValue.minus(2 ** 31 - 1), 'top_sign.hi'),
      g.reglu(one, stackTopValue.minus(2 ** 31), 'top_sign.lo').neg(),
      g.reglu(one, stackSecondValue.minus(2 ** 31 - 1), 'second_sign.hi').neg(),
      g.reglu(one, stackSecondValue.minus(2 ** 31), 'second_sign.lo'),
    ]),
    'sign_diff',
  );
  const aGtBS = g.stepglu(one, signDiff.plus(aGtBU, -1), 'a_gt_b_s');
  const aLtBS = g.stepglu(one, signDiff.neg().plus(aLtBU, -1), 'a_lt_b_s');
  const condNonzero = g.stepglu(one, stackTopValue.minus(1), 'cond_nonzero');

  // ── call stack: the bytes of each call's immediate, keyed by the caller's depth ──
  const callStackWriteKey = g.label('call_stack_write_key', g.sum([callDepth.times(4), byteIndex, -1]));
  const callStackReadKey = g.label('call_stack_read_key', g.sum([callDepth.times(4), -4, byteIndex]));
  const isCallByte = opGate('call', one.minus(isBoundary), opDot('call'), 'is_call_byte');
  const callStackByte = g.fetch(byteValue, {
    query: callStackReadKey, key: callStackWriteKey, clear: one.minus(isCallByte), name: 'call_stack', valueNames: ['call_stack_byte'],
  });

  // ── immediate bytes; for return: (return imm − call imm) byte-wise with borrows ──
  const constByte = ins.constByte(byteIndex);
  const returnCallByte = opReglu('return', callStackByte, opDot('return'), 'return_call_byte');
  const returnBorrowIn = opReglu('return', carryLate, opDot('return'), 'return_borrow_in');
  const branchSubVal = g.persist(constByte.minus(returnCallByte).minus(returnBorrowIn), 'branch_sub_val');
  const branchSubBorrow = g.label('branch_sub_borrow', one.minus(g.stepglu(one, branchSubVal, 'branch_sub_no_borrow')));
  const branchByte = g.label('branch_byte', branchSubVal.plus(branchSubBorrow.times(256)));

  // ── the byte to emit and its mark ──
  const byteAt2 = g.stepglu(one, byteIndex.minus(2), 'byte_at_2');
  const onlyByte0 = (op: OpName): Expr => opDot(op).plus(isBoundary, -1);
  const resultByteEarly = g.persist(
    g.sum([
      opReglu('local.get', localByte, opDot('local.get'), 'result.local_get'),
      g.reglu(topByte, usesTopByte, 'result.copy_top'),
      opReglu('select', thirdByte, opDot('select').plus(condNonzero, -1), 'result.select_first'),
      opReglu('select', secondByte, opDot('select').minus(condNonzero), 'result.select_second'),
    ]),
    'result_byte_early',
  );
  const resultByteMain = g.persist(
    g.sum([
      opReglu('i32.const', branchSubVal, opDot('i32.const'), 'result.const'),
      opReglu('i32.add', addByte, opDot('i32.add'), 'result.add'),
      opReglu('i32.sub', subByte, opDot('i32.sub'), 'result.sub'),
      resultByteEarly,
      opReglu('i32.load', memoryByte, opDot('i32.load'), 'result.load'),
      opReglu('i32.load8_u', memoryByte, onlyByte0('i32.load8_u'), 'result.load8_u'),
      opReglu('i32.load8_s', memoryByte, onlyByte0('i32.load8_s'), 'result.load8_s'),
      opReglu('i32.load8_s', carryLate, opDot('i32.load8_s').minus(isBoundary), 'result.load8_s_fill').times(255),
      opReglu('i32.load16_u', memoryByte, opDot('i32.load16_u').minus(byteAt2), 'result.load16_u'),
      opReglu('i32.load16_s', memoryByte, opDot('i32.load16_s').minus(byteAt2), 'result.load16_s'),
      opReglu('i32.load16_s', carryLate, opDot('i32.load16_s').plus(byteAt2, -1), 'result.load16_s_fill').times(255),
      opReglu('br', branchSubVal, opDot('br'), 'result.br'),
      opReglu('br_if', branchSubVal, opDot('br_if'), 'result.br_if'),
      opReglu('call', branchSubVal, opDot('call'), 'result.call'),
      opReglu('return', branchByte, opDot('return'), 'result.return'),
    ]),
    'result_byte_main',
  );
  const compareByte = (value: Expr, op: OpName): Expr => opReglu(op, value, onlyByte0(op), `result.${op.replace('i32.', '')}`);
  const resultByteCompare = g.persist(
    g.sum([
      compareByte(aEqB, 'i32.eq'),
      compareByte(one.minus(aEqB), 'i32.ne'),
      compareByte(aGtBU, 'i32.gt_u'),
      compareByte(one.minus(aGtBU), 'i32.le_u'),
      compareByte(aLtBU, 'i32.lt_u'),
      compareByte(one.minus(aLtBU), 'i32.ge_u'),
      compareByte(aGtBS, 'i32.gt_s'),
      compareByte(one.minus(aGtBS), 'i32.le_s'),
      compareByte(aLtBS, 'i32.lt_s'),
      compareByte(one.minus(aLtBS), 'i32.ge_s'),
      compareByte(one.minus(condNonzero), 'i32.eqz'),
    ]),
    'result_byte_compare',
  );
  const resultByte = g.label('result_byte', resultByteMain.plus(resultByteCompare));
  const resultCarry = g.persist(
    g.sum([
      opReglu('i32.add', addCarry, opDot('i32.add'), 'carry.add'),
      opReglu('i32.sub', subBorrow, opDot('i32.sub'), 'carry.sub'),
      opReglu('i32.load8_s', memorySign, onlyByte0('i32.load8_s'), 'carry.load8_s_sign'),
      opReglu('i32.load8_s', carryLate, opDot('i32.load8_s').minus(isBoundary), 'carry.load8_s_fill'),
      opReglu('i32.load16_s', memorySign, opDot('i32.load16_s').minus(isBoundary), 'carry.load16_s_sign'),
      opReglu('i32.load16_s', carryLate.minus(memorySign), opDot('i32.load16_s').plus(byteAt2, -1), 'carry.load16_s_fill'),
      opReglu('return', branchSubBorrow, opDot('return'), 'carry.return'),
    ]),
    'result_carry',
  );

  // ── which kind of token comes next ──
  const byteIndex4 = g.stepglu(one, byteIndex.minus(4), 'byte_index_4');
  const earlyDone = g.persist(
    opReglu('i32.store8', one.minus(isBoundary), opDot('i32.store8'), 'early_done.store8').plus(opReglu('i32.store16', byteAt2, opDot('i32.store16'), 'early_done.store16')),
    'early_done',
  );
  const byteDone = g.label('byte_done', byteIndex4.plus(earlyDone));
  const isByteSeq = g.label('is_byte_seq', g.sum([1, isBoundary.neg(), byteDone.neg()]));
  const emitHalt = g.label('emit_halt', opReglu('halt', isBoundary, opDot('halt'), 'emit_halt.gate'));
  const emitBranchTaken = g.label(
    'emit_branch_taken',
    g.sum([
      opReglu('br', isBoundary, opDot('br').minus(m.isBranchTaken), 'emit_branch_taken.br'),
      opReglu('br_if', isBoundary, g.sum([condNonzero, opDot('br_if'), m.isBranchTaken.neg(), -1]), 'emit_branch_taken.br_if'),
      opReglu('return', isBoundary, opDot('return').minus(m.isBranchTaken), 'emit_branch_taken.return'),
      opReglu('call', isBoundary, opDot('call').minus(m.isBranchTaken), 'emit_branch_taken.call'),
    ]),
  );
  const emitReturnCommit = g.label('emit_return_commit', opReglu('return', byteIndex4, opDot('return'), 'emit_return_commit.gate'));
  const emitOut = g.label('emit_out', opReglu('output', isBoundary, opDot('output'), 'emit_out.gate'));
  const emitByteStart = g.label('emit_byte_start', g.reglu(isProducingBytes, isBoundary, 'emit_byte_start.gate'));
  const emitByte = g.label('emit_byte', g.sum([emitByteStart, isByteSeq, m.isBranchTaken]));
  const emitCallCommit = g.label('emit_call_commit', opReglu('call', byteIndex4, opDot('call'), 'emit_call_commit.gate'));
  const emitBt = g.label('emit_bt', opReglu('br', byteDone, opDot('br'), 'emit_bt.br').plus(opReglu('br_if', byteDone, opDot('br_if'), 'emit_bt.br_if')));
  const emitCommit = g.label(
    'emit_commit',
    g.sum([byteDone, isBoundary]).minus(g.sum([emitHalt, emitBranchTaken, emitReturnCommit, emitOut, emitByteStart, m.isBranchTaken, emitCallCommit])),
  );

  const outputTokens = outputTokenScores(g, {
    emitHalt, emitBranchTaken, emitCallCommit, emitReturnCommit, emitOut, emitCommit, emitByte, emitBt,
    topByte, fetchedStackDelta: ins.stackDelta, fetchedStoreToStack: ins.storeToStack, resultByte, resultCarry,
  });

  return {
    kind: opts.kind,
    graph: g,
    inputTokens,
    outputTokens,
    vocabulary: buildVocabulary(inputTokens.keys(), outputTokens.keys()),
    stopToken: HALT_TOKEN,
    startToken: prefix ? START_TOKEN : SPECIALIZED_START_TOKEN,
    program: opts.kind === 'specialized' ? opts.program : undefined,
  };
}
