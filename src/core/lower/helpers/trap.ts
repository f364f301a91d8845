import type { HelperSpec } from '../helperRegistry.ts';

export const TRAP_DIVIDE_BY_ZERO = 'trap: integer divide by zero\n';
export const TRAP_OVERFLOW = 'trap: integer overflow\n';
export const TRAP_INDIRECT_TYPE = 'trap: indirect call type mismatch\n';
export const TRAP_UNDEFINED_ELEMENT = 'trap: undefined table element\n';

/** ()→(): prints `message` through output_byte, then halts (`unreachable` becomes `halt`). */
function trapHelper(message: string): HelperSpec {
  return {
    params: 0,
    results: 0,
    locals: 0,
    build(code, ctx) {
      for (const ch of message) code.const(ch.charCodeAt(0)).call(ctx.outputFn);
      code.op('unreachable');
    },
  };
}

export const trapHelpers = {
  trap_div0: trapHelper(TRAP_DIVIDE_BY_ZERO),
  trap_overflow: trapHelper(TRAP_OVERFLOW),
  trap_indirect_type: trapHelper(TRAP_INDIRECT_TYPE),
  trap_undefined_element: trapHelper(TRAP_UNDEFINED_ELEMENT),
} satisfies Record<string, HelperSpec>;
