import type { HelperCatalog } from '../helperRegistry.ts';
import { bitCountHelpers } from './bitCount.ts';
import { bitwiseHelpers } from './bitwise.ts';
import { divideHelpers } from './divide.ts';
import { multiplyHelpers } from './multiply.ts';
import { shiftHelpers } from './shift.ts';
import { trapHelpers } from './trap.ts';

/** Every helper function the lowering pass can add to a module (named `__tvm_<key>`). */
export const HELPERS: HelperCatalog = {
  ...trapHelpers,
  ...divideHelpers,
  ...multiplyHelpers,
  ...bitwiseHelpers,
  ...shiftHelpers,
  ...bitCountHelpers,
};
