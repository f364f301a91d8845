import { ABNORMAL_ENDS, type AbnormalEnd } from '../../tokens/exitStatus.ts';
import type { HelperSpec } from '../helperRegistry.ts';

/** ()→(): halts with the trap's status word (docs/c-runtime.md "Exit status"); prints nothing. */
function trapHelper(end: AbnormalEnd): HelperSpec {
  return {
    params: 0,
    results: 0,
    locals: 0,
    build(code, ctx) {
      code.const(end.word).call(ctx.haltFn);
    },
  };
}

export const trapHelpers = {
  trap_div0: trapHelper(ABNORMAL_ENDS.divideByZero),
  trap_overflow: trapHelper(ABNORMAL_ENDS.integerOverflow),
} satisfies Record<string, HelperSpec>;
