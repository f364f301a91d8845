import type { Expr } from '../graph/expr.ts';
import { ROUNDING_MAGIC, type Graph } from '../graph/graph.ts';
import { opcodeInfo, type OpName } from '../program/opcodes.ts';
import type { Program } from '../program/program.ts';
import type { MachineInputs, PrefixInputs } from './tokenInputs.ts';

/**
 * The current instruction as graph quantities — the only part of the machine that differs
 * between the universal model (read from the program prefix by attention, docs/original-design.md §5.5) and a
 * specialized one (piecewise-constant functions of the cursor in the FFN, docs/original-design.md §10).
 */
export interface FetchedInstruction {
  opcodeX: Expr;
  opcodeY: Expr;
  stackDelta: Expr;
  /** 1 if the instruction pushes a result (STS). */
  storeToStack: Expr;
  /** 1 for local.set/tee and stores: the byte tokens are copies of the stack top. */
  isWrite: Expr;
  /** The 32-bit immediate, unsigned. */
  immediate: Expr;
  /** The immediate's byte at the current byte index (built where the machine first needs it). */
  constByte(byteIndex: Expr): Expr;
  /**
   * True when the fetched opcode point is exact (copied embeddings), so a one-neuron
   * reglu(one, op_dot) is an exact 0/1 opcode test; otherwise the machine uses stepglu.
   */
  exactOpcode: boolean;
  /**
   * 1 if the current instruction is one of `ops`, else 0, as one table on the cursor (specialized
   * only): available as early as the fetched fields, where a sum of opcode tests would take one
   * more feed-forward sublayer. Undefined for the universal machine.
   */
  isAnyOf?(ops: readonly OpName[], name: string): Expr;
  /**
   * Whether the current instruction can be `op`: always for the universal machine; for a
   * specialized one, whether the program holds such an instruction (otherwise every gate on `op`
   * is 0 at every cursor value, and the machine leaves its terms out).
   */
  occurs(op: OpName): boolean;
}

export function universalInstructionFetch(g: Graph, m: MachineInputs, p: PrefixInputs, cursor: Expr): FetchedInstruction {
  const byteValue = m.byteNumber.minus(1);
  const instructionPosition = g.label('instruction_position', cursor.times(5).plus(1));
  const [opcodeX, opcodeY, stackDelta, storeToStack, isWrite] = g.fetchMany(
    [p.opcodeX, p.opcodeY, p.deltaStackPrefix, p.storeToStackPrefix, p.isWrite],
    {
      query: instructionPosition,
      key: g.position,
      name: 'instruction_fetch',
      valueNames: ['fetched_opcode_x', 'fetched_opcode_y', 'fetched_stack_delta', 'fetched_store_to_stack', 'fetched_is_write'],
    },
  );
  const immBytes = [1, 2, 3, 4].map((i) =>
    g.fetch(byteValue, { query: instructionPosition.plus(i), key: g.position, name: `immediate_byte_${i - 1}` }),
  );
  const immediate = g.persist(g.sum(immBytes.map((b, i) => b.times(2 ** (8 * i)))), 'immediate');
  return {
    opcodeX,
    opcodeY,
    stackDelta,
    storeToStack,
    isWrite,
    immediate,
    constByte: (byteIndex) =>
      g.fetch(byteValue, { query: instructionPosition.plus(byteIndex, 1), key: g.position, name: 'const_byte' }),
    exactOpcode: true,
    occurs: () => true,
  };
}


export function specializedInstructionFetch(g: Graph, program: Program, cursor: Expr): FetchedInstruction {
  const ins = program.instructions;
  const n = ins.length;
  if (n === 0) throw new Error('cannot specialize an empty program');
  // The cursor is a cumulative sum computed as position · mean, a few ulps off an integer. One
  // persist rounds it: its FFN output row adds exactly two nonzero terms, the cursor (|noise| < ½)
  // and ROUNDING_MAGIC = 1.5·2^52, whose ulp is 1, so the slot holds ROUNDING_MAGIC + cursor
  // exactly — in any summation order, since a two-term float sum is order-free (adding ±0 never
  // changes it). A ramp's gate reads that slot and `one` (bias −ROUNDING_MAGIC − k): two
  // terms again, both near 2^52, so the difference is exact (Sterbenz) and every ramp sees the
  // exact integer cursor c. The ramps relu(c − k), k = 0…n−1, are created in breakpoint order (the
  // core's ramp path proves its exactness from the columns keeping that order, and falls back to
  // the dense loop otherwise). Table i's step relu(c − i + 1) − relu(c − i) is exactly step(c ≥ i),
  // so neighbouring steps share a ramp and each table is an exact integer sum
  // (docs/inference-core.md, "Ramp FFNs").
  const rounded = g.persist(cursor.plus(ROUNDING_MAGIC), 'cursor_rounded');
  const exactCursor = g.label('exact_cursor', rounded.minus(ROUNDING_MAGIC));
  const ramps: Expr[] = [];
  for (let k = 0; k < n; k++) ramps.push(g.reglu(g.one, exactCursor.minus(k), `cursor_ramp_${k}`));
  const table = (values: readonly number[], name: string): Expr => {
    const terms: Expr[] = [g.expr(values[0])];
    for (let i = 1; i < n; i++) {
      const diff = values[i] - values[i - 1];
      if (diff !== 0) terms.push(ramps[i - 1].minus(ramps[i]).times(diff));
    }
    return g.persist(g.sum(terms), name);
  };
  const info = ins.map((x) => opcodeInfo(x.op));
  const present = new Set(ins.map((x) => x.op));
  const imm = ins.map((x) => x.imm >>> 0);
  return {
    opcodeX: table(info.map((o) => o.x), 'fetched_opcode_x'),
    opcodeY: table(info.map((o) => o.y), 'fetched_opcode_y'),
    stackDelta: table(info.map((o) => o.stackDelta), 'fetched_stack_delta'),
    storeToStack: table(info.map((o) => (o.sts ? 1 : 0)), 'fetched_store_to_stack'),
    isWrite: table(info.map((o) => (o.isWrite ? 1 : 0)), 'fetched_is_write'),
    immediate: table(imm, 'immediate'),
    constByte: (byteIndex) => {
      const cb = [0, 1, 2, 3].map((b) => table(imm.map((v) => Math.floor(v / 2 ** (8 * b)) & 0xff), `const_byte_${b}`));
      let r = cb[0];
      for (let b = 1; b < 4; b++) r = r.plus(g.stepglu(cb[b].minus(cb[b - 1]), byteIndex.minus(b), `const_byte_from_${b}`));
      return g.label('const_byte', r);
    },
    exactOpcode: true,
    occurs: (op) => present.has(op),
    isAnyOf: (ops, name) => {
      const set = new Set(ops);
      return table(ins.map((x) => (set.has(x.op) ? 1 : 0)), name);
    },
  };
}
