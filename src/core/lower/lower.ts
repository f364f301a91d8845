import type { WasmModule } from '../wasm/ir.ts';
import { opsWhere } from '../wasm/opcodeTable.ts';
import { HelperRegistry } from './helperRegistry.ts';
import { addHaltImport, copyModule, haltImportIndex } from './haltImport.ts';
import { specializedDivisors } from './divisorChoice.ts';
import { HELPERS } from './helpers/catalog.ts';
import { ModuleBits } from './knownBits.ts';
import { lowerFunction } from './lowerFunction.ts';

export { MAX_LOWERING_TEMPS } from './lowerFunction.ts';
export { MAX_SPECIALIZED_DIVISORS } from './divisorChoice.ts';

/** The i32 ops that trap (division and remainder): their helpers halt through env.halt. */
const TRAPPING_OPS = opsWhere((i) => i.handling === 'lowered' && !!i.traps);
/** The ops whose lowering uses known bits (see knownBits.ts). */
const BITWISE_OPS = opsWhere((i) => i.handling === 'lowered' && !!i.bitwise);

/**
 * Rewrites every op the machine lacks into ops it has (docs/original-design.md §6), exactly for every i32 operand
 * and with bounded work (see docs/lowering.md). Returns a new module; `m` is not modified.
 *
 * Helper functions (`__tvm_*`) are appended to `functions`. When a division or remainder can
 * trap and the module has no `env.halt(status)` import, one is appended to the imports: every
 * defined function's index then shifts by one (calls, exports and the start function are fixed).
 */
export function lowerModule(m: WasmModule): WasmModule {
  const out = copyModule(m);
  const needsHalt = out.functions.some((f) => f.body.some((i) => TRAPPING_OPS.has(i.op)));
  let haltFn = haltImportIndex(out);
  if (haltFn < 0 && needsHalt) haltFn = addHaltImport(out);
  const registry = new HelperRegistry(out, HELPERS, haltFn);
  const usesBits = out.functions.some((f) => f.body.some((i) => BITWISE_OPS.has(i.op)));
  const opts = { specializedDivisors: specializedDivisors(out), bits: usesBits ? new ModuleBits(out) : undefined };
  const originals = out.functions.length;
  for (let k = 0; k < originals; k++) out.functions[k] = lowerFunction(out.functions[k], out, registry, opts);
  return out;
}
