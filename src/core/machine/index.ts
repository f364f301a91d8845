export { buildMachine, type Machine, type MachineOptions } from './buildMachine.ts';
export { LOCAL_STRIDE, OUTPUT_BONUS, OUTPUT_STACK_DELTA } from './constants.ts';
export type { FetchedInstruction } from './instructionFetch.ts';
export { LOOKUP_DESCRIPTIONS, MACHINE_STATE_NODES, type StateNode } from './stateNodes.ts';
