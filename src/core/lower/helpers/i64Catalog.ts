import type { HelperCatalog } from '../helperRegistry.ts';
import { HELPERS } from './catalog.ts';
import { i64BitCountHelpers } from './i64BitCount.ts';
import { i64DivideHelpers } from './i64Divide.ts';
import { i64MultiplyHelpers } from './i64Multiply.ts';
import { i64ShiftHelpers } from './i64Shift.ts';

/**
 * The helpers the i64-pair pass may add (named `__tvm_<key>`), returning an i64's high word in
 * global `resultHigh`; they use the i32 helpers too (`udivmod`, the traps), which `lowerModule`
 * later finds by name instead of adding again.
 */
export function i64Helpers(resultHigh: number): HelperCatalog {
  return {
    ...HELPERS,
    ...i64ShiftHelpers(resultHigh),
    ...i64MultiplyHelpers(resultHigh),
    ...i64DivideHelpers(resultHigh),
    ...i64BitCountHelpers,
  };
}
