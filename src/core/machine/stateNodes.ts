/**
 * The graph nodes that make up the machine state a person wants to watch, with one-line
 * descriptions (for the playground's machine-state view and attention-head labels). Every
 * name is a dim or a label of the machine graph: read it with GraphEvaluator.valueOf(name).
 */
export interface StateNode {
  name: string;
  description: string;
}

export const MACHINE_STATE_NODES: readonly StateNode[] = [
  { name: 'cursor', description: 'index of the current instruction (program counter), a running sum' },
  { name: 'stack_depth', description: 'operand stack depth (3 = empty at program start), a running sum' },
  { name: 'call_depth', description: 'number of active calls, a running sum' },
  { name: 'byte_index', description: 'tokens since the last non-byte token: which byte of the instruction is next' },
  { name: 'fetched_opcode_x', description: 'x of the current opcode\'s dispatch point (read from the program)' },
  { name: 'fetched_opcode_y', description: 'y of the current opcode\'s dispatch point' },
  { name: 'immediate', description: 'the current instruction\'s 32-bit immediate' },
  { name: 'stack_top_value', description: 'the value on top of the operand stack' },
  { name: 'stack_second_value', description: 'the value below the top' },
  { name: 'local_byte', description: 'byte of the local being read (local.get)' },
  { name: 'memory_read_address', description: 'address of the memory byte being read' },
  { name: 'memory_byte', description: 'the memory byte at that address (0 if never written)' },
  { name: 'call_stack_byte', description: 'byte of the immediate of the call being returned from' },
  { name: 'result_byte', description: 'the byte value the machine emits next' },
  { name: 'result_carry', description: 'carry/borrow/sign mark of that byte' },
  { name: 'emit_byte', description: '1 when the next token is a byte' },
  { name: 'emit_commit', description: '1 when the next token is a commit' },
  { name: 'emit_out', description: '1 when the next token is an out(..)' },
  { name: 'emit_branch_taken', description: '1 when a jump is announced next' },
  { name: 'emit_halt', description: '1 when the next token is halt' },
];

/** What each LookUp (attention head group) of the machine reads, by lookup name. */
export const LOOKUP_DESCRIPTIONS: Readonly<Record<string, string>> = {
  store_byte_1: 'the token 1 back (most significant byte of a just-emitted value)',
  store_byte_2: 'the token 2 back',
  store_byte_3: 'the token 3 back',
  store_byte_4: 'the token 4 back (least significant byte)',
  last_boundary: 'position of the last non-byte token',
  cumulative_sum: 'running sums of stack delta, cursor step and call-depth delta (average head)',
  instruction_fetch: 'the current instruction\'s opcode token in the program prefix',
  immediate_byte_0: 'immediate byte 0 of the current instruction',
  immediate_byte_1: 'immediate byte 1',
  immediate_byte_2: 'immediate byte 2',
  immediate_byte_3: 'immediate byte 3',
  const_byte: 'the immediate byte at the current byte index',
  local_read: 'the latest write of the local byte being read, at this call depth',
  stack_top: 'the latest push at the current stack depth',
  stack_second: 'the latest push one below the top',
  stack_third: 'the latest push two below the top',
  top_byte: 'byte of the top value at the current byte index',
  second_byte: 'byte of the second value',
  third_byte: 'byte of the third value',
  memory_read: 'the latest store to the address being read (or the nearest one)',
  call_stack: 'byte of the immediate of the caller\'s call instruction',
};
